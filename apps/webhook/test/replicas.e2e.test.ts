// Several real processes on one inbox: two services sharing the processing, the processor command
// taking over what a receive-only service stored, and the database cutting every connection while
// a backlog is processed. Effects must be applied exactly once. Two processes at once on one
// database need PostgreSQL (TEST_DATABASE_URL); on PGlite only the takeover runs, one process
// after the other.
import { rows } from "@wearables/storage";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { deliverAll, expectAppliedOnce, expectLoggedOnce, load, mix } from "./deliveries.ts";
import {
  counter,
  databaseForFile,
  drained,
  onPostgres,
  postgresOnly,
  processedBatches,
  type Service,
  startService,
  stop,
} from "./harness.ts";

const db = databaseForFile("webhook_replicas");

const processedBy = async (s: Service) => counter(s, "wearables_events_processed_total");

describe("processes sharing one inbox", () => {
  it.skipIf(postgresOnly())(
    "two services, deliveries sent to both: each row processed exactly once, by one of them",
    async () => {
      const run = "pair";
      const deliveries = mix(run, 600);
      // One keeps few acknowledged bodies in memory, the other none: most rows go through the
      // database queue, where both claim them (FOR UPDATE SKIP LOCKED).
      const env = { PROCESS_BATCH_SIZE: "8", PROCESS_POLL_MS: "20" };
      const [a, b] = await Promise.all([
        startService(db(), { env: { ...env, PROCESS_LOCAL_MAX: "16" } }),
        startService(db(), { env: { ...env, PROCESS_LOCAL_MAX: "0" } }),
      ]);
      const { acked } = await load((i) => (i % 2 === 0 ? a.url : b.url), deliveries, 16);
      await deliverAll(
        a.url,
        deliveries.filter((d) => !acked.has(d.traceId)),
      );
      await Promise.all([drained(a), drained(b)]);
      const byMetrics = (await processedBy(a)) + (await processedBy(b));
      expect([await stop(a), await stop(b)]).toEqual([0, 0]);

      await db().withDb(async (d) => {
        const inbox = await expectAppliedOnce(d, run, deliveries);
        // The "processed batch" lines of both: disjoint, and together every row.
        expectLoggedOnce(inbox, [...processedBatches(a), ...processedBatches(b)]);
        expect(byMetrics).toBe(inbox.length);
        const ids = new Set(inbox.map((r) => r.id));
        for (const s of [a, b]) {
          expect(
            processedBatches(s)
              .flat()
              .filter((id) => ids.has(id)).length,
          ).toBeGreaterThan(0);
        }
        // No row was claimed twice: one attempt each, no lease lost.
        expect(inbox.filter((r) => r.attempts !== 1 || r.lost_leases !== 0)).toEqual([]);
      });
    },
    120_000,
  );

  it("the processor command processes what a receive-only service stored", async () => {
    const run = "split";
    const deliveries = mix(run, 400);
    const receiver = await startService(db(), { env: { PROCESSING: "off" } });
    expect(receiver.lines.find((l) => l.msg === "webhook listening")?.processing).toBe(false);
    // On PostgreSQL both run at once; PGlite's database is one process's, so one after the other.
    let processor: Service | null = onPostgres ? await startService(db(), { command: "processor" }) : null;
    await deliverAll(receiver.url, deliveries);
    expect(await stop(receiver)).toBe(0);
    processor ??= await startService(db(), { command: "processor" });
    await drained(processor);
    expect(await stop(processor)).toBe(0);

    expect(processedBatches(receiver)).toEqual([]);
    await db().withDb(async (d) => {
      const inbox = await expectAppliedOnce(d, run, deliveries);
      expectLoggedOnce(inbox, processedBatches(processor));
      expect(inbox.filter((r) => r.attempts !== 1 || r.lost_leases !== 0)).toEqual([]);
    });
  }, 120_000);

  // Batches of one take the single-row path (a row the database refuses fails alone); batches of
  // eight the batch and savepoint paths.
  it.skipIf(postgresOnly()).each([1, 8])(
    "every database connection terminated while a backlog is processed (batches of %i): all of it ends processed once",
    async (batchSize) => {
      const run = `cut${batchSize}`;
      const deliveries = mix(run, 400, 20_000);
      const receiver = await startService(db(), { env: { PROCESSING: "off" } });
      await deliverAll(receiver.url, deliveries);
      expect(await stop(receiver)).toBe(0);

      const svc = await startService(db(), {
        env: {
          PROCESS_BATCH_SIZE: String(batchSize),
          PROCESS_RETRY_BASE_MS: "50",
          PROCESS_RETRY_MAX_MS: "500",
        },
      });
      const state = () =>
        db().withDb(async (d) => {
          const r = await rows<{ leased: number; done: number }>(
            d,
            sql`select count(*) filter (where status = 'received' and lease_owner is not null)::int as leased,
                  count(*) filter (where status = 'processed')::int as done
                from webhook_events where trace_id like ${`${run}-%`}`,
          );
          return r[0] ?? { leased: 0, done: 0 };
        });
      // Five times, each after some progress: while rows are leased and a statement or transaction
      // of the service is open, terminate every backend of the service.
      let cuts = 0;
      let doneAtCut = -1;
      while (cuts < 5) {
        const s = await state();
        if (s.done >= deliveries.length) break;
        if (s.leased > 0 && s.done > doneAtCut) {
          const [cut] = await db().withDb((d) =>
            rows<{ n: number }>(
              d,
              sql`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
                  where datname = current_database() and pid <> pg_backend_pid()
                    and exists (select 1 from pg_stat_activity o where o.datname = current_database()
                                  and o.pid <> pg_backend_pid() and o.xact_start is not null)`,
            ),
          );
          if ((cut?.n ?? 0) > 0) {
            cuts += 1;
            doneAtCut = s.done;
          }
        }
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(cuts).toBe(5);
      await drained(svc);
      // The cuts hit processing transactions: rows were put back and retried.
      const retried = await counter(svc, "wearables_events_retried_total", 'reason="database"');
      expect(retried).toBeGreaterThan(0);
      expect(await stop(svc)).toBe(0);

      await db().withDb(async (d) => {
        const inbox = await expectAppliedOnce(d, run, deliveries);
        expectLoggedOnce(inbox, processedBatches(svc));
        expect(inbox.filter((r) => r.lost_leases !== 0)).toEqual([]);
      });
    },
    120_000,
  );
});

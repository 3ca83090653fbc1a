import { describe, expect, it } from "vitest";
import { GroupCommitter, ShedError } from "./batcher.ts";

function deferred() {
  let release!: () => void;
  const promise = new Promise<void>((r) => {
    release = r;
  });
  return { promise, release };
}

const base = {
  maxBatch: 8,
  maxBatchBytes: 1 << 20,
  lingerMs: 0,
  concurrency: 1,
  maxQueue: 100,
  maxQueueBytes: 1 << 30,
  deadlineMs: 60_000,
};

describe("GroupCommitter", () => {
  it("commits concurrent submissions together and resolves each only after its commit", async () => {
    const batches: number[][] = [];
    const gate = deferred();
    const committer = new GroupCommitter<number, string>({
      ...base,
      commit: async (items) => {
        batches.push(items);
        if (batches.length === 1) await gate.promise;
        return items.map((i) => `ok${i}`);
      },
    });
    const settled: string[] = [];
    const first = committer.submit(0).then((r) => settled.push(r));
    // While the first transaction is open, the next five queue up and share the second one.
    const rest = [1, 2, 3, 4, 5].map((i) => committer.submit(i).then((r) => settled.push(r)));
    await new Promise((r) => setTimeout(r, 10));
    expect(settled).toEqual([]);
    gate.release();
    await Promise.all([first, ...rest]);
    expect(batches).toEqual([[0], [1, 2, 3, 4, 5]]);
    expect(settled.sort()).toEqual(["ok0", "ok1", "ok2", "ok3", "ok4", "ok5"]);
  });

  it("rejects every delivery of a batch whose commit fails, and keeps serving later ones", async () => {
    let fail = true;
    const committer = new GroupCommitter<number, number>({
      ...base,
      commit: async (items) => {
        if (fail) throw new Error("db down");
        return items;
      },
    });
    const results = await Promise.allSettled([committer.submit(1), committer.submit(2)]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    fail = false;
    await expect(committer.submit(3)).resolves.toBe(3);
  });

  it("sheds at once past the queue bound instead of queueing", async () => {
    const gate = deferred();
    const committer = new GroupCommitter<number, number>({
      ...base,
      maxQueue: 2,
      commit: async (items) => {
        await gate.promise;
        return items;
      },
    });
    const inFlight = committer.submit(0); // taken into the first transaction at once
    const queued = [committer.submit(1), committer.submit(2)];
    await expect(committer.submit(3)).rejects.toMatchObject({ reason: "queue_full" });
    gate.release();
    await expect(Promise.all([inFlight, ...queued])).resolves.toEqual([0, 1, 2]);
  });

  it("sheds a delivery whose predicted wait exceeds the deadline", async () => {
    let now = 0;
    const gate = deferred();
    const committer = new GroupCommitter<number, number>({
      ...base,
      maxBatch: 1,
      deadlineMs: 1000,
      now: () => now,
      commit: async (items) => {
        await gate.promise;
        return items;
      },
    });
    const a = committer.submit(0);
    const b = committer.submit(1); // queued behind the open transaction
    now = 2000; // the queued delivery has now waited longer than the deadline
    const shed = await committer.submit(2).catch((e: unknown) => e);
    expect(shed).toBeInstanceOf(ShedError);
    expect((shed as ShedError).reason).toBe("deadline");
    gate.release();
    await expect(Promise.all([a, b])).resolves.toEqual([0, 1]);
  });

  it("drain commits what is queued, waits for it, and refuses new work", async () => {
    const committed: number[] = [];
    const committer = new GroupCommitter<number, number>({
      ...base,
      lingerMs: 10_000, // without drain these would wait for the linger timer
      commit: async (items) => {
        committed.push(...items);
        return items;
      },
    });
    const pending = [committer.submit(1), committer.submit(2)];
    await committer.drain();
    expect(committed).toEqual([1, 2]);
    await expect(Promise.all(pending)).resolves.toEqual([1, 2]);
    await expect(committer.submit(3)).rejects.toMatchObject({ reason: "closed" });
  });

  it("closes a batch at the byte bound so one big body does not carry others", async () => {
    const batches: number[][] = [];
    const gate = deferred();
    const committer = new GroupCommitter<number, number>({
      ...base,
      maxBatchBytes: 100,
      sizeOf: (n) => n,
      commit: async (items) => {
        batches.push(items);
        if (batches.length === 1) await gate.promise;
        return items;
      },
    });
    const all = [committer.submit(1), committer.submit(90), committer.submit(20), committer.submit(5)];
    gate.release();
    await Promise.all(all);
    expect(batches).toEqual([[1], [90], [20, 5]]);
  });
});

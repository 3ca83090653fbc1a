import { unwrap } from "@wearables/admin-client";
import { useCallback, useMemo, useState } from "preact/hooks";
import { useApi } from "../api.ts";
import { type ChartSpec, USER_CHARTS } from "../charts/registry.ts";
import { TimeChart } from "../charts/time-chart.tsx";
import { CoverageHeatmap } from "../components/coverage-heatmap.tsx";
import { DocumentViewer } from "../components/document-viewer.tsx";
import { ErrorBox, Loading, Show } from "../components/error-box.tsx";
import { DocumentButton, HiddenHeader } from "../components/fields.tsx";
import { RangePicker } from "../components/range-picker.tsx";
import { loadAfibEcg } from "../data/afib-ecg.ts";
import { loadCoverage } from "../data/coverage.ts";
import type { LoadArgs, PointRef } from "../data/types.ts";
import { fmtInstant, fmtWallClock } from "../format.ts";
import { useLoad } from "../hooks.ts";
import { type DayRange, localDate, RANGE_KINDS, type RangeKind, rangeFor } from "../range.ts";
import { navigate } from "../router.ts";
import { UserActions } from "./user-actions.tsx";

export function UserPage({ userId, query }: { userId: string; query: URLSearchParams }) {
  const { client, role } = useApi();
  const kindParam = query.get("range") as RangeKind | null;
  const kind: RangeKind = kindParam && RANGE_KINDS.includes(kindParam) ? kindParam : "month";
  const start = query.get("start") ?? "";
  const end = query.get("end") ?? "";
  const range = useMemo(() => rangeFor(kind, localDate(), { start, end }), [kind, start, end]);
  const [version, setVersion] = useState(0);
  const args = useMemo<LoadArgs>(() => ({ client, userId, range }), [client, userId, range, version]);
  const [shown, setShown] = useState<PointRef | null>(null);
  const pick = useCallback((ref: PointRef) => setShown(ref), []);
  const user = useLoad(
    () => unwrap(client.GET("/v1/users/{id}", { params: { path: { id: userId } } })),
    [userId, version],
  );

  const setRange = (k: RangeKind, custom?: DayRange) =>
    navigate(
      ["users", userId],
      k === "custom" ? { range: k, start: custom?.start, end: custom?.end } : { range: k },
    );

  return (
    <>
      <h1>
        User <span class="mono">{userId}</span>
      </h1>
      <Show state={user} what="the user">
        {(data) => (
          <p class="facts">
            <span class={`badge status-${data.status}`}>{data.status}</span> {data.provider} · reference{" "}
            {data.reference_id ?? "–"} · last event {fmtInstant(data.last_event_at)}
            {data.replaced_by && <> · replaced by {data.replaced_by}</>}
          </p>
        )}
      </Show>
      <RangePicker kind={kind} range={range} onChange={setRange} />
      <div class="charts">
        {USER_CHARTS.map((spec) => (
          <ChartSlot key={spec.id} spec={spec} args={args} onPick={pick} />
        ))}
      </div>
      <section class="card" aria-labelledby="afib-h">
        <h2 id="afib-h">AFib and ECG results</h2>
        <HeartReadings args={args} onPick={pick} />
      </section>
      <section class="card" aria-labelledby="cov-h">
        <h2 id="cov-h">Coverage</h2>
        <Coverage args={args} />
      </section>
      {role === "admin" && user.data && (
        <UserActions user={user.data} range={range} onChanged={() => setVersion((v) => v + 1)} />
      )}
      {shown && <DocumentViewer userId={userId} at={shown} onClose={() => setShown(null)} />}
    </>
  );
}

function ChartSlot({ spec, args, onPick }: { spec: ChartSpec; args: LoadArgs; onPick(r: PointRef): void }) {
  const data = useLoad(() => spec.load(args), [args]);
  if (data.error) {
    return (
      <figure class="chart-card">
        <figcaption>{spec.title}</figcaption>
        <ErrorBox error={data.error} />
      </figure>
    );
  }
  if (!data.data) {
    return (
      <figure class="chart-card" aria-busy="true">
        <figcaption>{spec.title}</figcaption>
        <Loading what={spec.title.toLowerCase()} />
      </figure>
    );
  }
  return <TimeChart id={spec.id} title={spec.title} kind={spec.kind} data={data.data} onPick={onPick} />;
}

function HeartReadings({ args, onPick }: { args: LoadArgs; onPick(r: PointRef): void }) {
  const list = useLoad(() => loadAfibEcg(args), [args]);
  if (list.error) return <ErrorBox error={list.error} />;
  if (!list.data) return <Loading what="AFib and ECG results" />;
  if (list.data.length === 0) return <p>No AFib classification or ECG in this range.</p>;
  return (
    <div class="table-wrap">
      <table data-table="afib">
        <thead>
          <tr>
            <th scope="col">Taken (wearer's time)</th>
            <th scope="col">Reading</th>
            <th scope="col">Result</th>
            <th scope="col">Average heart rate</th>
            <HiddenHeader label="Document" />
          </tr>
        </thead>
        <tbody>
          {list.data.map((r) => (
            <tr key={`${r.kind}${r.timestamp}`}>
              <td>{fmtWallClock(r.timestamp)}</td>
              <td>{r.kind}</td>
              <td>
                <span class={`badge afib-${r.result}`}>{r.result}</span>
              </td>
              <td>{r.avgHrBpm === null ? "–" : `${r.avgHrBpm} bpm`}</td>
              <td>
                <DocumentButton onClick={() => onPick(r.ref)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Coverage({ args }: { args: LoadArgs }) {
  const grid = useLoad(() => loadCoverage(args), [args]);
  if (grid.error) return <ErrorBox error={grid.error} />;
  if (!grid.data) return <Loading what="coverage" />;
  return <CoverageHeatmap grid={grid.data} />;
}

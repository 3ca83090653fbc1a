/**
 * A tiny Prometheus registry: counters and histograms with labels, rendered as text format
 * 0.0.4. Written by hand because the service needs four metrics, not a client library.
 */
type Labels = Record<string, string>;

function labelKey(labels: Labels): string {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return "";
  const esc = (v: string) => v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
  return `{${keys.map((k) => `${k}="${esc(labels[k] as string)}"`).join(",")}}`;
}

function withLabel(key: string, extra: string): string {
  return key === "" ? `{${extra}}` : `${key.slice(0, -1)},${extra}}`;
}

export class Counter {
  private readonly values = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  inc(labels: Labels = {}, by = 1): void {
    const key = labelKey(labels);
    this.values.set(key, (this.values.get(key) ?? 0) + by);
  }

  get(labels: Labels = {}): number {
    return this.values.get(labelKey(labels)) ?? 0;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const [key, value] of this.values) lines.push(`${this.name}${key} ${value}`);
    return lines.join("\n");
  }
}

export class Gauge {
  private value = 0;
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly read?: () => number,
  ) {}

  set(value: number): void {
    this.value = value;
  }

  render(): string {
    const v = this.read ? this.read() : this.value;
    return [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} gauge`, `${this.name} ${v}`].join("\n");
  }
}

export class Histogram {
  private readonly series = new Map<string, { counts: number[]; sum: number; count: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: readonly number[],
  ) {}

  observe(value: number, labels: Labels = {}): void {
    const key = labelKey(labels);
    let s = this.series.get(key);
    if (!s) {
      s = { counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.series.set(key, s);
    }
    for (let i = 0; i < this.buckets.length; i++) {
      if (value <= (this.buckets[i] as number)) s.counts[i] = (s.counts[i] as number) + 1;
    }
    s.sum += value;
    s.count += 1;
  }

  count(labels: Labels = {}): number {
    return this.series.get(labelKey(labels))?.count ?? 0;
  }

  /** Upper bound of the bucket holding the q-quantile (Infinity past the last bucket, NaN if empty). */
  quantile(q: number, labels: Labels = {}): number {
    const s = this.series.get(labelKey(labels));
    if (!s || s.count === 0) return Number.NaN;
    const rank = q * s.count;
    for (let i = 0; i < this.buckets.length; i++)
      if ((s.counts[i] as number) >= rank) return this.buckets[i] as number;
    return Number.POSITIVE_INFINITY;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const [key, s] of this.series) {
      this.buckets.forEach((b, i) => {
        lines.push(`${this.name}_bucket${withLabel(key, `le="${b}"`)} ${s.counts[i]}`);
      });
      lines.push(`${this.name}_bucket${withLabel(key, 'le="+Inf"')} ${s.count}`);
      lines.push(`${this.name}_sum${key} ${s.sum}`);
      lines.push(`${this.name}_count${key} ${s.count}`);
    }
    return lines.join("\n");
  }
}

/** The service's metrics. One instance per app, so tests read their own numbers. */
export function createMetrics(queueDepth: () => number = () => 0) {
  const deliveries = new Counter(
    "webhook_deliveries_total",
    "Deliveries answered, by event type and outcome (processed, duplicate, failed, ignored, pending, rejected_*).",
  );
  const signatureFailures = new Counter(
    "webhook_signature_failures_total",
    "Deliveries refused with 401, by reason.",
  );
  const latency = new Histogram(
    "webhook_request_duration_seconds",
    "Time from request start to answer, by HTTP status.",
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 8, 15],
  );
  const batchSize = new Histogram(
    "webhook_batch_size",
    "Deliveries committed per group-commit transaction.",
    [1, 2, 4, 8, 16, 32, 64, 128, 256],
  );
  const batchDuration = new Histogram(
    "webhook_batch_commit_seconds",
    "Duration of one group-commit transaction, by result.",
    [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  );
  const shed = new Counter("webhook_shed_total", "Deliveries answered 503 before queueing, by reason.");
  const queue = new Gauge("webhook_queue_depth", "Deliveries waiting for a group commit.", queueDepth);
  const all = [deliveries, signatureFailures, latency, batchSize, batchDuration, shed, queue];
  return {
    deliveries,
    signatureFailures,
    latency,
    batchSize,
    batchDuration,
    shed,
    render: () => `${all.map((m) => m.render()).join("\n")}\n`,
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

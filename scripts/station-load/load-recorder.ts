/** What the simulated kiosks saw: every acknowledged answer, the latency of each, counters and errors. */

export interface AckRecord {
  candidateId: number;
  challengeId: string;
  clientAnswerId: string;
  /** The acknowledgement's exact bytes. */
  ack: string;
}

export interface LatencySummary { count: number; p50Ms: number; p95Ms: number; p99Ms: number; maxMs: number }

/** Nearest-rank percentile of sorted values (0 when there are none). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function summariseLatencies(values: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(values).sort();
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return {
    count: sorted.length,
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.length > 0 ? sorted[sorted.length - 1]! : 0),
  };
}

export class LoadRecorder {
  readonly acks: AckRecord[] = [];
  /** Latency (ms) of the answers acknowledged at the first attempt, sent inside the measured window. */
  readonly latencies: number[] = [];
  readonly counters = new Map<string, number>();
  readonly errors = new Map<string, number>();
  /** performance.now() bounds of the measured window. */
  windowStart = 0;
  windowEnd = Number.POSITIVE_INFINITY;
  answersInWindow = 0;

  acknowledged(record: AckRecord, latencyMs: number | null, sentAt: number): void {
    this.acks.push(record);
    const receivedAt = performance.now();
    if (sentAt >= this.windowStart && receivedAt <= this.windowEnd) {
      this.answersInWindow++;
      if (latencyMs !== null) this.latencies.push(latencyMs);
    }
  }

  /** Durations (ms) of the other steps of a sitting, by step: check-in, presence, start. */
  readonly steps = new Map<string, number[]>();

  step(name: string, ms: number): void {
    let list = this.steps.get(name);
    if (!list) this.steps.set(name, (list = []));
    list.push(ms);
  }

  count(name: string, by = 1): void {
    this.counters.set(name, (this.counters.get(name) ?? 0) + by);
  }

  error(message: string): void {
    this.errors.set(message, (this.errors.get(message) ?? 0) + 1);
  }
}

/**
 * A latency histogram that merges across worker processes: 0.1 ms buckets below 100 ms, 1 ms
 * buckets from there to two minutes (anything later lands in the last one).
 */
export class Histogram {
  readonly counts = new Map<number, number>();
  total = 0;

  add(ms: number): void {
    const clamped = Math.max(0, ms);
    const bucket =
      clamped < 100 ? Math.floor(clamped * 10) : 1000 + Math.min(120_000, Math.floor(clamped - 100));
    this.counts.set(bucket, (this.counts.get(bucket) ?? 0) + 1);
    this.total++;
  }

  merge(entries: Iterable<[number, number]>): this {
    for (const [bucket, n] of entries) {
      this.counts.set(bucket, (this.counts.get(bucket) ?? 0) + n);
      this.total += n;
    }
    return this;
  }

  /** The upper edge of the bucket holding the p-th percentile, ms; NaN when empty. */
  percentile(p: number): number {
    if (this.total === 0) return Number.NaN;
    const rank = Math.ceil((p / 100) * this.total);
    let seen = 0;
    for (const bucket of [...this.counts.keys()].sort((a, b) => a - b)) {
      seen += this.counts.get(bucket) ?? 0;
      if (seen >= rank) return bucket < 1000 ? (bucket + 1) / 10 : bucket - 1000 + 101;
    }
    return Number.NaN;
  }

  entries(): [number, number][] {
    return [...this.counts];
  }
}

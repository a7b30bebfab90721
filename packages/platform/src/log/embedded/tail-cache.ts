import type { LogRecord } from '../../ports/event-log.ts';

/** Most recent records kept per partition. */
const KEEP = 2000;

/**
 * The records this process appended last, per partition, so consumers that keep up read
 * them from memory instead of querying. Only a contiguous run of offsets is kept: a gap
 * (another process appended) starts the run afresh, and readers fall back to the table.
 */
export class TailCache {
  readonly #runs = new Map<string, LogRecord[]>();

  add(records: readonly LogRecord[]): void {
    for (const r of records) {
      const k = `${r.partition}\u0000${r.topic}`;
      let run = this.#runs.get(k);
      if (!run || run.at(-1)!.offset + 1 !== r.offset) {
        run = [];
        this.#runs.set(k, run);
      }
      run.push(r);
      if (run.length > KEEP * 1.5) run.splice(0, run.length - KEEP);
    }
  }

  /**
   * Up to `max` records right after `position`: none when `position` is the newest record
   * this process appended; undefined when memory cannot tell.
   */
  after(topic: string, partition: number, position: number, max: number): LogRecord[] | undefined {
    const run = this.#runs.get(`${partition}\u0000${topic}`);
    const first = run?.[0]?.offset;
    if (!run || first === undefined || position < first - 1 || position > first + run.length - 1)
      return undefined;
    const start = position + 1 - first;
    return run.slice(start, start + max);
  }
}

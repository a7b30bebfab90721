import type { SqlDatabase } from '../../ports/sql.ts';

export interface MaintenanceOptions {
  db: SqlDatabase;
  schema: string;
  dedupWindowMs: number;
  /** Consumed records are kept at least this long, and the window's always (null: keep everything). */
  retainConsumedMs: number | null;
  intervalMs: number;
  onError: (err: Error, context: string) => void;
}

/**
 * Deletes records that every group of their topic has committed and that are older than both
 * the retention and the de-duplication window (a record of the window is what finds a
 * repeated id). A partition a group never committed counts as unconsumed by it.
 */
export async function deleteConsumed(o: Omit<MaintenanceOptions, 'intervalMs' | 'onError'>): Promise<void> {
  if (o.retainConsumedMs === null) return;
  const s = o.schema;
  await o.db.query(
    `with k as (select distinct topic, grp from ${s}.group_offsets),
          f as (
            select p.topic, p.partition, min(coalesce(g.committed, 0)) as upto
              from ${s}.partitions p
              join k on k.topic = p.topic
              left join ${s}.group_offsets g
                on g.topic = p.topic and g.grp = k.grp and g.partition = p.partition
             group by p.topic, p.partition
          )
     delete from ${s}.records r using f
      where r.topic = f.topic and r.partition = f.partition and r."offset" <= f.upto
        and r.created_at < now() - make_interval(secs => $1)`,
    [Math.max(o.retainConsumedMs, o.dedupWindowMs) / 1000],
  );
}

/** Runs `deleteConsumed` every `intervalMs`. Returns a stop function. */
export function startMaintenance(o: MaintenanceOptions): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await deleteConsumed(o);
    } catch (err) {
      o.onError(err as Error, 'event log maintenance');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), o.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

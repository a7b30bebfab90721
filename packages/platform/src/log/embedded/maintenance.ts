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
export async function deleteConsumed(o: Omit<MaintenanceOptions, 'intervalMs' | 'onError'>): Promise<number> {
  if (o.retainConsumedMs === null) return 0;
  const s = o.schema;
  const { rowCount } = await o.db.query(
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
  return rowCount;
}

/**
 * Deletes what every group consumed, then makes the space reusable: the embedded database
 * (PGlite, a single-user PostgreSQL) has no autovacuum, so without this every message ever
 * sent would stay on disk as a dead row and DATA_DIR would only grow. A plain VACUUM of the
 * log's tables: no exclusive lock, a few milliseconds for what one interval deleted. Returns
 * the number of records deleted.
 */
export async function reclaim(o: Omit<MaintenanceOptions, 'intervalMs' | 'onError'>): Promise<number> {
  const deleted = await deleteConsumed(o);
  // The positions are updated in place with every batch: their dead versions go too.
  const tables = deleted > 0 ? ['records', 'group_offsets', 'partitions'] : ['group_offsets', 'partitions'];
  await o.db.query(`vacuum ${tables.map((t) => `${o.schema}.${t}`).join(', ')}`);
  return deleted;
}

/** Runs `reclaim` every `intervalMs`. Returns a stop function. */
export function startMaintenance(o: MaintenanceOptions): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await reclaim(o);
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

/**
 * The SQL of redriven.repository.ts: batch.redriven_letters. Parameters are always bound.
 * Snapshot: services/batch/sql/redriven.sql (`UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots`).
 */
export const REDRIVEN_SQL = {
  /** $1 fingerprints: those re-driven before. */
  seen: 'select fingerprint from batch.redriven_letters where fingerprint = any($1::text[])',

  /** $1 fingerprints, $2 topic, $3 group, $4 execution id. */
  remember: `
    insert into batch.redriven_letters (fingerprint, topic, grp, execution_id)
    select unnest($1::text[]), $2, $3, $4
    on conflict (fingerprint) do nothing`,

  /** $1 before: fingerprints older than that (a year: a record that old is not coming back). */
  forget: 'delete from batch.redriven_letters where redriven_at < $1',
} as const;

/**
 * The SQL of findings.repository.ts: batch.unread_findings. Parameters are always bound.
 * Snapshot: services/batch/sql/findings.sql (`UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots`).
 */
export const FINDINGS_SQL = {
  /** $1 execution, $2 user ids, $3 room ids, $4 cached, $5 actual. */
  add: `
    insert into batch.unread_findings (execution_id, user_id, room_id, cached, actual)
    select $1, u, r, c, a
      from unnest($2::bigint[], $3::bigint[], $4::int[], $5::int[]) as f(u, r, c, a)
    on conflict do nothing`,

  /** $1 execution, $2 limit: the first findings, and how many there are. */
  of: `
    select user_id, room_id, cached, actual, count(*) over () as total
      from batch.unread_findings
     where execution_id = $1
     order by user_id, room_id
     limit $2`,
} as const;

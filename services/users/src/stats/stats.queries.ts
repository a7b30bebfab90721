/**
 * The SQL of stats.ts: users' figures for the batch service's statistics. Parameters are always
 * bound. Snapshot: services/users/sql/stats.sql (`UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots`).
 */
export const STATS_SQL = {
  /** $1 from, $2 to: accounts created in [from, to) that still exist. */
  signups: 'select count(*)::int as count from users.users where created_at >= $1 and created_at < $2',
} as const;

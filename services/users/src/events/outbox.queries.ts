/**
 * The SQL of outbox-relay.ts (users.outbox; rows are added by UserTransaction.recordEvent).
 * Parameters are always bound. Snapshot: services/users/sql/outbox.sql
 * (`UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots`).
 */
export const OUTBOX_SQL = {
  /** $1 limit: the oldest rows, in id order. */
  next: 'select id, event_id, user_id, type, payload, request_id from users.outbox order by id limit $1',

  /** $1 ids: rows whose append is durable. */
  delete: 'delete from users.outbox where id = any($1::bigint[])',

  /** Rows waiting and the age of the oldest, in seconds. */
  backlog: `
    select count(*)::int as n,
           coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as age
      from users.outbox`,
} as const;

/**
 * The SQL of the social service's outbox (rows added by recordEvent in the transaction of the
 * change). Parameters are always bound. Snapshot: services/social/sql/outbox.sql.
 */
export const OUTBOX_SQL = {
  /** $1 event_id, $2 key, $3 type, $4 payload, $5 request_id. */
  insert: 'insert into social.outbox (event_id, key, type, payload, request_id) values ($1, $2, $3, $4, $5)',

  /** $1 limit: the oldest rows, in id order. */
  next: 'select id, event_id, key, type, payload, request_id from social.outbox order by id limit $1',

  /** $1 ids: rows whose append is durable. */
  delete: 'delete from social.outbox where id = any($1::bigint[])',

  /** Rows waiting and the age of the oldest, in seconds. */
  backlog: `
    select count(*)::int as n,
           coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as age
      from social.outbox`,
} as const;

/**
 * The SQL of user.repository.ts: users.users and the outbox of user events. Parameters are
 * always bound ($1, ...). Snapshot: services/users/sql/user.sql
 * (`UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots`).
 */
export const USER_SQL = {
  /** $1 email, $2 nickname, $3 role: no row when the email is taken (the unique index decides). */
  insert: `
    insert into users.users (email, nickname, role) values ($1, $2, $3)
    on conflict do nothing
    returning *`,

  /** $1 id. */
  findById: 'select * from users.users where id = $1',

  /** $1 id: the row, locked until the transaction ends. */
  lockById: 'select * from users.users where id = $1 for update',

  /** $1 email, case-insensitive as the unique index stores it (`lower(email) collate "C"`). */
  findByEmail: `select * from users.users where lower(email) collate "C" = lower($1)`,

  /** $1 ids. */
  findByIds: 'select * from users.users where id = any($1::bigint[])',

  /**
   * $1 id, $2 nickname (null: unchanged), $3 whether to set the image, $4 image url,
   * $5 whether to set the status message, $6 status message (null clears either).
   */
  updateProfile: `
    update users.users
       set nickname = coalesce($2::text, nickname),
           profile_image_url = case when $3::boolean then $4::text else profile_image_url end,
           status_message = case when $5::boolean then $6::text else status_message end,
           updated_at = now()
     where id = $1
    returning *`,

  /** $1 id, $2 status: the row and the status it had. */
  setStatus: `
    with old as (select id, status from users.users where id = $1 for update)
    update users.users u set status = $2, updated_at = now()
      from old
     where u.id = old.id
    returning u.*, old.status as old_status`,

  /** $1 id, $2 role. */
  setRole: 'update users.users set role = $2, updated_at = now() where id = $1 returning *',

  /** $1 id. */
  delete: 'delete from users.users where id = $1 returning *',

  /** $1 id. */
  markSeen: 'update users.users set last_seen_at = now() where id = $1',

  /** $1 event id, $2 user id, $3 type, $4 payload (the encoded event). */
  recordEvent:
    'insert into users.outbox (event_id, user_id, type, payload, request_id) values ($1, $2, $3, $4, $5)',
} as const;

/**
 * The SQL of user-directory.ts: chat's copy of the users it needs. Parameters are always bound.
 * Snapshot: services/chat/sql/user-directory.sql (`UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots`).
 */
export const USER_DIRECTORY_SQL = {
  /**
   * $1 id, $2 nickname, $3 status, $4 deleted: `renamed` when the nickname is new to chat.
   * Deletion is final (an event replayed after it changes nothing): a deleted user keeps no name.
   */
  upsert: `
    with before as (select nickname from chat.users where id = $1)
    insert into chat.users (id, nickname, status, deleted, updated_at)
    values ($1, case when $4::boolean then null else $2::text end, case when $4::boolean then 'DELETED' else $3::text end, $4, now())
    on conflict (id) do update
      set nickname = case when chat.users.deleted or excluded.deleted then null else excluded.nickname end,
          status = case when chat.users.deleted or excluded.deleted then 'DELETED' else excluded.status end,
          deleted = chat.users.deleted or excluded.deleted, updated_at = now()
    returning nickname is distinct from (select nickname from before) as renamed`,

  /** $1 id, $2 nickname: no row changes when the nickname is the same or the user is deleted. */
  setNickname: `
    update chat.users set nickname = $2, updated_at = now()
     where id = $1 and nickname is distinct from $2 and not deleted`,

  /** $1 id, $2 status (a deleted user stays DELETED). */
  setStatus: 'update chat.users set status = $2, updated_at = now() where id = $1 and not deleted',

  /**
   * $1 id: forgets the name (views show '(unknown)'); `renamed` when it had one. A user chat
   * never heard of is recorded as deleted, so a late lookup cannot bring the name back.
   */
  markDeleted: `
    with before as (select nickname from chat.users where id = $1)
    insert into chat.users (id, nickname, status, deleted, updated_at) values ($1, null, 'DELETED', true, now())
    on conflict (id) do update set nickname = null, status = 'DELETED', deleted = true, updated_at = now()
    returning (select nickname from before) is not null as renamed`,

  /** $1 ids. */
  findByIds: 'select id, nickname, status, deleted from chat.users where id = any($1::bigint[])',
} as const;

/**
 * The SQL of user-directory.ts: chat's copy of the users it needs. Parameters are always bound.
 * Snapshot: services/chat/sql/user-directory.sql (`UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots`).
 */
export const USER_DIRECTORY_SQL = {
  /** $1 id, $2 nickname, $3 status, $4 deleted: `renamed` when the nickname is new to chat. */
  upsert: `
    with before as (select nickname from chat.users where id = $1)
    insert into chat.users (id, nickname, status, deleted, updated_at) values ($1, $2, $3, $4, now())
    on conflict (id) do update set nickname = excluded.nickname, status = excluded.status,
                                   deleted = excluded.deleted, updated_at = now()
    returning nickname is distinct from (select nickname from before) as renamed`,

  /** $1 id, $2 nickname: no row changes when the nickname is the same. */
  setNickname: `
    update chat.users set nickname = $2, updated_at = now()
     where id = $1 and nickname is distinct from $2`,

  /** $1 id, $2 status. */
  setStatus: 'update chat.users set status = $2, updated_at = now() where id = $1',

  /** $1 id. */
  markDeleted: `update chat.users set deleted = true, status = 'DELETED', updated_at = now() where id = $1`,

  /** $1 ids. */
  findByIds: 'select id, nickname, status, deleted from chat.users where id = any($1::bigint[])',
} as const;

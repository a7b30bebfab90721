/**
 * The SQL of block.repository.ts. Parameters are always bound ($1, ...).
 * Snapshot: services/chat/sql/block.sql (`UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots`).
 */
export const BLOCK_SQL = {
  /** $1 blocker, $2 blocked (again: no effect, no row returned). */
  block: `
    insert into chat.blocks (blocker_id, blocked_id) values ($1, $2)
    on conflict do nothing
    returning blocker_id`,

  /** $1 blocker, $2 blocked: a row when there was a block to remove. */
  unblock: 'delete from chat.blocks where blocker_id = $1 and blocked_id = $2 returning blocker_id',

  /** The next version of the block list (every change takes one). */
  nextVersion: "select nextval('chat.block_versions')::bigint as version",

  /** $1 blocker: the people they blocked, latest first, with nicknames. */
  list: `select b.blocked_id, u.nickname, b.blocked_at
      from chat.blocks b left join chat.users u on u.id = b.blocked_id
     where b.blocker_id = $1
     order by b.blocked_at desc, b.blocked_id`,

  /** $1 blocker, $2 blocked: one row when blocked. */
  blocks: 'select 1 from chat.blocks where blocker_id = $1 and blocked_id = $2',
} as const;

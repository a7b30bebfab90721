-- The SQL of services/chat/src/blocks/block.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- BLOCK_SQL.block
insert into chat.blocks (blocker_id, blocked_id) values ($1, $2)
on conflict do nothing
returning blocker_id;

-- BLOCK_SQL.unblock
delete from chat.blocks where blocker_id = $1 and blocked_id = $2 returning blocker_id;

-- BLOCK_SQL.nextVersion
select nextval('chat.block_versions')::bigint as version;

-- BLOCK_SQL.list
select b.blocked_id, u.nickname, b.blocked_at
      from chat.blocks b left join chat.users u on u.id = b.blocked_id
     where b.blocker_id = $1
     order by b.blocked_at desc, b.blocked_id;

-- BLOCK_SQL.blocks
select 1 from chat.blocks where blocker_id = $1 and blocked_id = $2;

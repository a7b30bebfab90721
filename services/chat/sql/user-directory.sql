-- The SQL of services/chat/src/users/user-directory.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- USER_DIRECTORY_SQL.upsert
with before as (select nickname from chat.users where id = $1)
insert into chat.users (id, nickname, status, deleted, updated_at)
values ($1, case when $4::boolean then null else $2::text end, case when $4::boolean then 'DELETED' else $3::text end, $4, now())
on conflict (id) do update
  set nickname = case when chat.users.deleted or excluded.deleted then null else excluded.nickname end,
      status = case when chat.users.deleted or excluded.deleted then 'DELETED' else excluded.status end,
      deleted = chat.users.deleted or excluded.deleted, updated_at = now()
returning nickname is distinct from (select nickname from before) as renamed;

-- USER_DIRECTORY_SQL.setNickname
update chat.users set nickname = $2, updated_at = now()
 where id = $1 and nickname is distinct from $2 and not deleted;

-- USER_DIRECTORY_SQL.setStatus
update chat.users set status = $2, updated_at = now() where id = $1 and not deleted;

-- USER_DIRECTORY_SQL.markDeleted
with before as (select nickname from chat.users where id = $1)
insert into chat.users (id, nickname, status, deleted, updated_at) values ($1, null, 'DELETED', true, now())
on conflict (id) do update set nickname = null, status = 'DELETED', deleted = true, updated_at = now()
returning (select nickname from before) is not null as renamed;

-- USER_DIRECTORY_SQL.findByIds
select id, nickname, status, deleted from chat.users where id = any($1::bigint[]);

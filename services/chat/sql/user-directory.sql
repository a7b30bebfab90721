-- The SQL of services/chat/src/users/user-directory.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- USER_DIRECTORY_SQL.upsert
with before as (select nickname from chat.users where id = $1)
insert into chat.users (id, nickname, status, deleted, updated_at) values ($1, $2, $3, $4, now())
on conflict (id) do update set nickname = excluded.nickname, status = excluded.status,
                               deleted = excluded.deleted, updated_at = now()
returning nickname is distinct from (select nickname from before) as renamed;

-- USER_DIRECTORY_SQL.setNickname
update chat.users set nickname = $2, updated_at = now()
 where id = $1 and nickname is distinct from $2;

-- USER_DIRECTORY_SQL.setStatus
update chat.users set status = $2, updated_at = now() where id = $1;

-- USER_DIRECTORY_SQL.markDeleted
update chat.users set deleted = true, status = 'DELETED', updated_at = now() where id = $1;

-- USER_DIRECTORY_SQL.findByIds
select id, nickname, status, deleted from chat.users where id = any($1::bigint[]);

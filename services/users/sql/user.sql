-- The SQL of services/users/src/user/user.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- USER_SQL.insert
insert into users.users (email, nickname, role) values ($1, $2, $3)
on conflict do nothing
returning *;

-- USER_SQL.findById
select * from users.users where id = $1;

-- USER_SQL.lockById
select * from users.users where id = $1 for update;

-- USER_SQL.findByEmail
select * from users.users where lower(email) collate "C" = lower($1);

-- USER_SQL.findByIds
select * from users.users where id = any($1::bigint[]);

-- USER_SQL.updateProfile
update users.users
   set nickname = coalesce($2::text, nickname),
       profile_image_url = case when $3::boolean then $4::text else profile_image_url end,
       status_message = case when $5::boolean then $6::text else status_message end,
       updated_at = now()
 where id = $1
returning *;

-- USER_SQL.setStatus
with old as (select id, status from users.users where id = $1 for update)
update users.users u set status = $2, updated_at = now()
  from old
 where u.id = old.id
returning u.*, old.status as old_status;

-- USER_SQL.setRole
update users.users set role = $2, updated_at = now() where id = $1 returning *;

-- USER_SQL.delete
delete from users.users where id = $1 returning *;

-- USER_SQL.markSeen
update users.users set last_seen_at = now() where id = $1;

-- USER_SQL.recordEvent
insert into users.outbox (event_id, user_id, type, payload, request_id) values ($1, $2, $3, $4, $5);

-- The SQL of services/social/src/rooms/guestbook.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- GUESTBOOK_SQL.insert
insert into social.guestbook_entries (owner_id, author_id, text) values ($1, $2, $3)
returning id, owner_id, author_id, text, hidden_at, created_at;

-- GUESTBOOK_SQL.find
select id, owner_id, author_id, text, hidden_at, created_at from social.guestbook_entries where id = $1;

-- GUESTBOOK_SQL.page
select id, owner_id, author_id, text, hidden_at, created_at from social.guestbook_entries
 where owner_id = $1
   and (hidden_at is null or $2 = owner_id or $2 = author_id)
   and ($3::bigint is null or id < $3)
 order by id desc limit $4;

-- GUESTBOOK_SQL.setHidden
update social.guestbook_entries
   set hidden_at = case when $3::boolean then coalesce(hidden_at, now()) else null end
 where id = $1 and owner_id = $2
returning id, owner_id, author_id, text, hidden_at, created_at;

-- GUESTBOOK_SQL.delete
delete from social.guestbook_entries where id = $1 and author_id = $2 returning id;

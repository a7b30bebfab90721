-- The SQL of services/users/src/search/search.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- SEARCH_SQL.find
select id, nickname, status, profile_image_url, status_message from (
  (select 1 as branch, lower(nickname) collate "C" as sort_key, id, nickname, status, profile_image_url, status_message
     from users.users
    where lower(nickname) collate "C" like lower($1) escape '\' and id <> $3 and status = 'ACTIVE'
    order by lower(nickname) collate "C", id
    limit $2)
  union all
  (select 2, lower(email) collate "C", id, nickname, status, profile_image_url, status_message
     from users.users
    where lower(email) collate "C" = lower($4) and id <> $3 and status = 'ACTIVE')
) matches
order by branch, sort_key, id;

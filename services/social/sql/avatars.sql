-- The SQL of services/social/src/avatars/avatars.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- AVATARS_SQL.lock
select pg_advisory_xact_lock(hashtext($1));

-- AVATARS_SQL.worn
select i.asset_id, a.kind, a.category, a.name
  from social.avatar_items i join social.assets a on a.id = i.asset_id
 where i.user_id = $1
 order by i.position;

-- AVATARS_SQL.takeOff
delete from social.avatar_items where user_id = $1;

-- AVATARS_SQL.wear
insert into social.avatar_items (user_id, asset_id, category, position)
select $1, t.asset_id, t.category, t.position
  from unnest($2::bigint[], $3::text[]) with ordinality as t(asset_id, category, position);

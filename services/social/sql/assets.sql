-- The SQL of services/social/src/assets/assets.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- ASSETS_SQL.insert
insert into social.assets (kind, category, name, description, active, created_by)
values ($1, $2, $3, $4, $5, $6)
returning id, kind, category, name, description, active, image_key, image_type, created_at;

-- ASSETS_SQL.find
select id, kind, category, name, description, active, image_key, image_type, created_at from social.assets where id = $1;

-- ASSETS_SQL.findMany
select id, kind, category, name, description, active, image_key, image_type, created_at from social.assets where id = any($1::bigint[]);

-- ASSETS_SQL.update
update social.assets set
  category = coalesce($2, category),
  name = coalesce($3, name),
  description = coalesce($4, description),
  active = coalesce($5, active),
  updated_at = now()
where id = $1
returning id, kind, category, name, description, active, image_key, image_type, created_at;

-- ASSETS_SQL.setImage
update social.assets a set image_key = $2, image_type = $3, updated_at = now()
  from (select id, image_key from social.assets where id = $1 for update) old
 where a.id = old.id
returning old.image_key as previous_key;

-- ASSETS_SQL.page
select id, kind, category, name, description, active, image_key, image_type, created_at from social.assets
 where ($1::boolean = false or active)
   and ($2::text is null or kind = $2)
   and ($3::text is null or category = $3)
   and ($4::bigint is null or id < $4)
 order by id desc
 limit $5;

-- ASSETS_SQL.categories
select kind, category as name, count(*)::int as count from social.assets
 where active
 group by kind, category order by kind, category;

-- ASSETS_SQL.acquire
insert into social.owned_assets (user_id, asset_id, source, source_ref, granted_by)
values ($1, $2, $3, $4, $5)
on conflict do nothing
returning id, source, acquired_at;

-- ASSETS_SQL.ownedAmong
select asset_id from social.owned_assets where user_id = $1 and asset_id = any($2::bigint[]);

-- ASSETS_SQL.ownedPage
select o.id as owned_id, o.source, o.acquired_at,
       a.id, a.kind, a.category, a.name, a.description, a.active, a.image_key, a.image_type, a.created_at
  from social.owned_assets o join social.assets a on a.id = o.asset_id
 where o.user_id = $1
   and ($2::text is null or a.kind = $2)
   and ($3::bigint is null or o.id < $3)
 order by o.id desc
 limit $4;

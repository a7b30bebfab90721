-- The SQL of services/store/src/items/items.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- ITEMS_SQL.insert
  insert into store.items (title, artist, description, price, category, tags, emoticons, active,
                           sale_starts_at, sale_ends_at, created_by)
  values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
  returning id, title, artist, description, price, category, tags, emoticons, active,
sale_starts_at, sale_ends_at, created_at,
(active and (sale_starts_at is null or sale_starts_at <= now())
        and (sale_ends_at is null or sale_ends_at > now())) as on_sale;

-- ITEMS_SQL.find
select id, title, artist, description, price, category, tags, emoticons, active,
  sale_starts_at, sale_ends_at, created_at,
  (active and (sale_starts_at is null or sale_starts_at <= now())
          and (sale_ends_at is null or sale_ends_at > now())) as on_sale from store.items where id = $1;

-- ITEMS_SQL.findForUpdate
select id, title, artist, description, price, category, tags, emoticons, active,
  sale_starts_at, sale_ends_at, created_at,
  (active and (sale_starts_at is null or sale_starts_at <= now())
          and (sale_ends_at is null or sale_ends_at > now())) as on_sale from store.items where id = $1 for update;

-- ITEMS_SQL.update
  update store.items set
    title = coalesce($2::jsonb ->> 'title', title),
    artist = coalesce($2::jsonb ->> 'artist', artist),
    description = coalesce($2::jsonb ->> 'description', description),
    price = coalesce(($2::jsonb ->> 'price')::int, price),
    category = coalesce($2::jsonb ->> 'category', category),
    tags = case when $2::jsonb ? 'tags'
                then array(select jsonb_array_elements_text($2::jsonb -> 'tags')) else tags end,
    active = coalesce(($2::jsonb ->> 'active')::boolean, active),
    sale_starts_at = case when $2::jsonb ? 'saleStartsAt'
                          then ($2::jsonb ->> 'saleStartsAt')::timestamptz else sale_starts_at end,
    sale_ends_at = case when $2::jsonb ? 'saleEndsAt'
                        then ($2::jsonb ->> 'saleEndsAt')::timestamptz else sale_ends_at end,
    updated_at = now()
  where id = $1
  returning id, title, artist, description, price, category, tags, emoticons, active,
sale_starts_at, sale_ends_at, created_at,
(active and (sale_starts_at is null or sale_starts_at <= now())
        and (sale_ends_at is null or sale_ends_at > now())) as on_sale;

-- ITEMS_SQL.setEmoticons
update store.items set emoticons = $2, updated_at = now() where id = $1;

-- ITEMS_SQL.page
  select id, title, artist, description, price, category, tags, emoticons, active,
sale_starts_at, sale_ends_at, created_at,
(active and (sale_starts_at is null or sale_starts_at <= now())
        and (sale_ends_at is null or sale_ends_at > now())) as on_sale from store.items
   where ($1::boolean = false or (active and (sale_starts_at is null or sale_starts_at <= now())
                                  and (sale_ends_at is null or sale_ends_at > now())))
     and ($2::text is null or category = $2)
     and ($3::text is null
          or strpos(lower(title), lower($3)) > 0
          or strpos(lower(artist), lower($3)) > 0
          or exists (select 1 from unnest(tags) t where strpos(lower(t), lower($3)) > 0))
     and ($4::bigint is null or id < $4)
   order by id desc
   limit $5;

-- ITEMS_SQL.categories
select category as name, count(*)::int as count from store.items
 where active and (sale_starts_at is null or sale_starts_at <= now())
   and (sale_ends_at is null or sale_ends_at > now())
 group by category order by category;

-- ITEMS_SQL.ownedAmong
select item_id from store.inventory
 where user_id = $1 and item_id = any($2::bigint[]) and revoked_at is null;

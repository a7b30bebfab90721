/**
 * The SQL of the shop's items (items.repository.ts). Parameters are always bound.
 * Snapshot: services/store/sql/items.sql.
 */
const COLUMNS = `id, title, artist, description, price, category, tags, emoticons, active,
  sale_starts_at, sale_ends_at, created_at,
  (active and (sale_starts_at is null or sale_starts_at <= now())
          and (sale_ends_at is null or sale_ends_at > now())) as on_sale`;

export const ITEMS_SQL = {
  /** $1..$10: the item's fields; $11 creator. */
  insert: `
    insert into store.items (title, artist, description, price, category, tags, emoticons, active,
                             sale_starts_at, sale_ends_at, created_by)
    values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
    returning ${COLUMNS}`,

  /** $1 id. */
  find: `select ${COLUMNS} from store.items where id = $1`,

  /** $1 id, locked for the transaction (an image upload rewrites `emoticons`). */
  findForUpdate: `select ${COLUMNS} from store.items where id = $1 for update`,

  /** $1 id, $2 fields as JSON (only those present change). */
  update: `
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
    returning ${COLUMNS}`,

  /** $1 id, $2 emoticons. */
  setEmoticons: 'update store.items set emoticons = $2, updated_at = now() where id = $1',

  /**
   * The catalog, newest first: $1 only items on sale (false: admins see all), $2 category or
   * null, $3 search text or null (substring of title, artist or a tag), $4 cursor, $5 limit.
   */
  page: `
    select ${COLUMNS} from store.items
     where ($1::boolean = false or (active and (sale_starts_at is null or sale_starts_at <= now())
                                    and (sale_ends_at is null or sale_ends_at > now())))
       and ($2::text is null or category = $2)
       and ($3::text is null
            or strpos(lower(title), lower($3)) > 0
            or strpos(lower(artist), lower($3)) > 0
            or exists (select 1 from unnest(tags) t where strpos(lower(t), lower($3)) > 0))
       and ($4::bigint is null or id < $4)
     order by id desc
     limit $5`,

  /** Categories of items on sale, with how many. */
  categories: `
    select category as name, count(*)::int as count from store.items
     where active and (sale_starts_at is null or sale_starts_at <= now())
       and (sale_ends_at is null or sale_ends_at > now())
     group by category order by category`,

  /** $1 user, $2 item ids: which of them the user holds. */
  ownedAmong: `
    select item_id from store.inventory
     where user_id = $1 and item_id = any($2::bigint[]) and revoked_at is null`,
} as const;

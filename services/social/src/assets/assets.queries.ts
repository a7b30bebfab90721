/**
 * The SQL of meta assets (the catalog) and who owns them. Parameters are always bound.
 * Snapshot: services/social/sql/assets.sql.
 */
const COLUMNS = 'id, kind, category, name, description, active, image_key, image_type, created_at';

export const ASSETS_SQL = {
  /** $1 kind, $2 category, $3 name, $4 description, $5 active, $6 creator. */
  insert: `
    insert into social.assets (kind, category, name, description, active, created_by)
    values ($1, $2, $3, $4, $5, $6)
    returning ${COLUMNS}`,

  /** $1 id. */
  find: `select ${COLUMNS} from social.assets where id = $1`,

  /** $1 ids. */
  findMany: `select ${COLUMNS} from social.assets where id = any($1::bigint[])`,

  /** $1 id, $2 category, $3 name, $4 description, $5 active (null: unchanged). */
  update: `
    update social.assets set
      category = coalesce($2, category),
      name = coalesce($3, name),
      description = coalesce($4, description),
      active = coalesce($5, active),
      updated_at = now()
    where id = $1
    returning ${COLUMNS}`,

  /** $1 id, $2 image key, $3 content type: the previous key, to delete once replaced. */
  setImage: `
    update social.assets a set image_key = $2, image_type = $3, updated_at = now()
      from (select id, image_key from social.assets where id = $1 for update) old
     where a.id = old.id
    returning old.image_key as previous_key`,

  /**
   * The catalog, newest first: $1 active only (false: administrators see all), $2 kind or null,
   * $3 category or null, $4 cursor, $5 limit.
   */
  page: `
    select ${COLUMNS} from social.assets
     where ($1::boolean = false or active)
       and ($2::text is null or kind = $2)
       and ($3::text is null or category = $3)
       and ($4::bigint is null or id < $4)
     order by id desc
     limit $5`,

  /** Categories of active assets per kind, with how many. */
  categories: `
    select kind, category as name, count(*)::int as count from social.assets
     where active
     group by kind, category order by kind, category`,

  /** $1 user, $2 asset, $3 source, $4 source_ref, $5 granted_by: nothing when already owned. */
  acquire: `
    insert into social.owned_assets (user_id, asset_id, source, source_ref, granted_by)
    values ($1, $2, $3, $4, $5)
    on conflict do nothing
    returning id, source, acquired_at`,

  /** $1 user, $2 asset ids: which of them the user owns. */
  ownedAmong: 'select asset_id from social.owned_assets where user_id = $1 and asset_id = any($2::bigint[])',

  /** $1 user, $2 kind or null, $3 cursor (an owned_assets id), $4 limit: latest acquired first. */
  ownedPage: `
    select o.id as owned_id, o.source, o.acquired_at,
           a.id, a.kind, a.category, a.name, a.description, a.active, a.image_key, a.image_type, a.created_at
      from social.owned_assets o join social.assets a on a.id = o.asset_id
     where o.user_id = $1
       and ($2::text is null or a.kind = $2)
       and ($3::bigint is null or o.id < $3)
     order by o.id desc
     limit $4`,
} as const;

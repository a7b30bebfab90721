/**
 * The SQL of avatars: the AVATAR assets each user wears. Parameters are always bound.
 * Snapshot: services/social/sql/avatars.sql.
 */
export const AVATARS_SQL = {
  /** $1 a key naming the user's avatar: changes of one avatar take turns until their commit. */
  lock: 'select pg_advisory_xact_lock(hashtext($1))',

  /** $1 user: the worn items with their assets, in drawing order (bottom first). */
  worn: `
    select i.asset_id, a.kind, a.category, a.name
      from social.avatar_items i join social.assets a on a.id = i.asset_id
     where i.user_id = $1
     order by i.position`,

  /** $1 user. */
  takeOff: 'delete from social.avatar_items where user_id = $1',

  /** $1 user, $2 asset ids, $3 their categories (same lengths; their order is `position`). */
  wear: `
    insert into social.avatar_items (user_id, asset_id, category, position)
    select $1, t.asset_id, t.category, t.position
      from unnest($2::bigint[], $3::text[]) with ordinality as t(asset_id, category, position)`,
} as const;

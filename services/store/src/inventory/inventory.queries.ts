/**
 * The SQL of holdings (inventory.repository.ts). Parameters are always bound.
 * Snapshot: services/store/sql/inventory.sql.
 */
export const INVENTORY_SQL = {
  /**
   * $1 user, $2 item, $3 order, $4 giver: grants the pack unless the user holds it already
   * (a revoked holding is granted again). Null when held.
   */
  grant: `
    insert into store.inventory (user_id, item_id, order_id, gift_from, version)
    values ($1, $2, $3, $4, nextval('store.inventory_versions'))
    on conflict (user_id, item_id) do update
      set order_id = excluded.order_id, gift_from = excluded.gift_from, acquired_at = now(),
          used_at = null, revoked_at = null,
          -- Taken after the row lock: a version drawn before waiting could be older than the
          -- revocation that the wait was for.
          version = nextval('store.inventory_versions')
      where store.inventory.revoked_at is not null
    returning version`,

  /** $1 order: the holding it granted, if still held, locked. */
  heldByOrder: `
    select user_id, item_id, used_at, version from store.inventory
     where order_id = $1 and revoked_at is null for update`,

  /** $1 user, $2 item: a live holding. */
  held: 'select 1 from store.inventory where user_id = $1 and item_id = $2 and revoked_at is null',

  /** $1 user, $2 item. */
  revoke: `
    update store.inventory set revoked_at = now(), version = nextval('store.inventory_versions')
     where user_id = $1 and item_id = $2 and revoked_at is null
     returning version`,

  /** $1 user, $2 item, $3 used at (epoch millis): the first use counts. */
  markUsed: `
    update store.inventory set used_at = to_timestamp($3::float8 / 1000)
     where user_id = $1 and item_id = $2 and revoked_at is null and used_at is null`,

  /** $1 user: their packs, newest first. */
  ofUser: `
    select v.item_id, v.order_id, v.gift_from, v.acquired_at, v.used_at, i.title, i.artist, i.emoticons
      from store.inventory v join store.items i on i.id = v.item_id
     where v.user_id = $1 and v.revoked_at is null
     order by v.acquired_at desc`,
} as const;

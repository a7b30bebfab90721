/**
 * The SQL of emoticon.repository.ts: chat's event-fed view of the store's inventory (which
 * packs exist, who holds which). Parameters are always bound. Snapshot:
 * services/chat/sql/emoticon.sql (`UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots`).
 */
export const EMOTICON_SQL = {
  /**
   * An InventoryChanged event: $1 user, $2 pack, $3 owned, $4 version, $5 title, $6 alts,
   * $7 when it changed. The holding changes only over a lower version (a replayed or reordered
   * older event changes nothing); acquired anew (not owned before), its first use is reported
   * again. The pack's title and alts are the newest event's. Returns a row when the holding changed.
   */
  applyInventory: `
    with pack as (
      insert into chat.emoticon_packs (item_id, title, alts, changed_at) values ($2, $5, $6::text[], $7)
      on conflict (item_id) do update set title = excluded.title, alts = excluded.alts, changed_at = excluded.changed_at
       where chat.emoticon_packs.changed_at <= excluded.changed_at
      returning 1
    )
    insert into chat.emoticon_holdings as h (user_id, item_id, owned, version) values ($1, $2, $3, $4)
    on conflict (user_id, item_id) do update
      set owned = excluded.owned, version = excluded.version,
          used_at = case when excluded.owned and not h.owned then null else h.used_at end
     where h.version < excluded.version
    returning h.user_id`,

  /** $1 user, $2 pack: the holding with the pack's alts (no row: never held). */
  holding: `
    select h.owned, h.version, h.used_at, p.alts
      from chat.emoticon_holdings h
      join chat.emoticon_packs p on p.item_id = h.item_id
     where h.user_id = $1 and h.item_id = $2`,

  /** $1 user, $2 pack, $3 when: its first use, reported (no row changes once set). */
  markUsed: `
    update chat.emoticon_holdings set used_at = $3
     where user_id = $1 and item_id = $2 and used_at is null and owned`,
} as const;

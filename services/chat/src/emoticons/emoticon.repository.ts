import type { InventoryChanged } from '@chat/contracts';
import type { SqlDatabase } from '@chat/platform';
import { EMOTICON_SQL } from './emoticon.queries.ts';

/** A user's holding of a pack, with the pack's emoticons (their alts, in pack order). */
export interface HoldingRow {
  owned: boolean;
  version: number;
  /** When the holder's first use was reported (null: not yet, or acquired anew since). */
  used_at: Date | null;
  alts: string[];
}

/** Chat's copy of the store's inventory, fed by its events (store-events.consumer.ts). */
export function createEmoticonRepository(db: SqlDatabase) {
  return {
    /** Applies an InventoryChanged (idempotent); true when the holding changed. */
    async applyInventory(e: InventoryChanged): Promise<boolean> {
      const { rows } = await db.query(EMOTICON_SQL.applyInventory, [
        e.userId,
        e.itemId,
        e.owned,
        e.version,
        e.pack.title,
        e.pack.emoticons.map((x) => x.alt),
        new Date(e.occurredAt),
      ]);
      return rows.length > 0;
    },

    async holding(userId: number, itemId: number): Promise<HoldingRow | undefined> {
      const { rows } = await db.query<HoldingRow>(EMOTICON_SQL.holding, [userId, itemId]);
      const row = rows[0];
      return row && { ...row, version: Number(row.version) };
    },

    /** Records that the first use was reported; false when it already was (or the pack is gone). */
    async markUsed(userId: number, itemId: number, at: Date): Promise<boolean> {
      return (await db.query(EMOTICON_SQL.markUsed, [userId, itemId, at])).rowCount > 0;
    },
  };
}

export type EmoticonRepository = ReturnType<typeof createEmoticonRepository>;

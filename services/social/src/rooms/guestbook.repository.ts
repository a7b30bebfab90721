import type { SqlExecutor } from '@chat/platform';
import { GUESTBOOK_SQL } from './guestbook.queries.ts';

export interface EntryRow {
  id: number;
  owner_id: number;
  author_id: number;
  text: string;
  hidden_at: Date | null;
  created_at: Date;
}

const asEntry = (r: EntryRow): EntryRow => ({
  ...r,
  id: Number(r.id),
  owner_id: Number(r.owner_id),
  author_id: Number(r.author_id),
});

export function createGuestbookRepository(db: SqlExecutor) {
  return {
    async insert(tx: SqlExecutor, ownerId: number, authorId: number, text: string): Promise<EntryRow> {
      const { rows } = await tx.query<EntryRow>(GUESTBOOK_SQL.insert, [ownerId, authorId, text]);
      return asEntry(rows[0]!);
    },

    async find(id: number): Promise<EntryRow | undefined> {
      const r = (await db.query<EntryRow>(GUESTBOOK_SQL.find, [id])).rows[0];
      return r && asEntry(r);
    },

    /** Entries `viewerId` sees in `ownerId`'s guestbook, newest first. */
    async page(ownerId: number, viewerId: number, cursor: number | null, limit: number): Promise<EntryRow[]> {
      const { rows } = await db.query<EntryRow>(GUESTBOOK_SQL.page, [ownerId, viewerId, cursor, limit]);
      return rows.map(asEntry);
    },

    /** The entry, when it is in `ownerId`'s guestbook. */
    async setHidden(id: number, ownerId: number, hidden: boolean): Promise<EntryRow | undefined> {
      const r = (await db.query<EntryRow>(GUESTBOOK_SQL.setHidden, [id, ownerId, hidden])).rows[0];
      return r && asEntry(r);
    },

    /** True when `authorId`'s entry was there to delete. */
    async delete(id: number, authorId: number): Promise<boolean> {
      return (await db.query(GUESTBOOK_SQL.delete, [id, authorId])).rowCount > 0;
    },
  };
}

export type GuestbookRepository = ReturnType<typeof createGuestbookRepository>;

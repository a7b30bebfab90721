import type { CreateItemBody, UpdateItemBody } from '@chat/contracts';
import type { SqlExecutor } from '@chat/platform';
import { ITEMS_SQL } from './items.queries.ts';

export interface StoredEmoticon {
  alt: string;
  image: { key: string; contentType: string } | null;
}

export interface ItemRow {
  id: number;
  title: string;
  artist: string;
  description: string;
  price: number;
  category: string;
  tags: string[];
  emoticons: StoredEmoticon[];
  active: boolean;
  sale_starts_at: Date | null;
  sale_ends_at: Date | null;
  created_at: Date;
  on_sale: boolean;
}

export function createItemsRepository(db: SqlExecutor) {
  return {
    async insert(body: CreateItemBody, createdBy: number): Promise<ItemRow> {
      const emoticons: StoredEmoticon[] = body.emoticons.map((e) => ({ alt: e.alt, image: null }));
      const { rows } = await db.query<ItemRow>(ITEMS_SQL.insert, [
        body.title,
        body.artist,
        body.description,
        body.price,
        body.category,
        body.tags,
        JSON.stringify(emoticons),
        body.active ?? true,
        body.saleStartsAt ?? null,
        body.saleEndsAt ?? null,
        createdBy,
      ]);
      return rows[0]!;
    },
    async find(id: number, tx: SqlExecutor = db): Promise<ItemRow | undefined> {
      return (await tx.query<ItemRow>(ITEMS_SQL.find, [id])).rows[0];
    },
    async findForUpdate(tx: SqlExecutor, id: number): Promise<ItemRow | undefined> {
      return (await tx.query<ItemRow>(ITEMS_SQL.findForUpdate, [id])).rows[0];
    },
    async update(id: number, body: UpdateItemBody): Promise<ItemRow | undefined> {
      return (await db.query<ItemRow>(ITEMS_SQL.update, [id, JSON.stringify(body)])).rows[0];
    },
    async setEmoticons(tx: SqlExecutor, id: number, emoticons: StoredEmoticon[]): Promise<void> {
      await tx.query(ITEMS_SQL.setEmoticons, [id, JSON.stringify(emoticons)]);
    },
    async page(q: {
      onSaleOnly: boolean;
      category: string | null;
      search: string | null;
      cursor: number | null;
      limit: number;
    }): Promise<ItemRow[]> {
      const { rows } = await db.query<ItemRow>(ITEMS_SQL.page, [
        q.onSaleOnly,
        q.category,
        q.search,
        q.cursor,
        q.limit,
      ]);
      return rows;
    },
    async categories(): Promise<{ name: string; count: number }[]> {
      return (await db.query<{ name: string; count: number }>(ITEMS_SQL.categories)).rows;
    },
    async ownedAmong(userId: number, itemIds: readonly number[]): Promise<Set<number>> {
      if (itemIds.length === 0) return new Set();
      const { rows } = await db.query<{ item_id: number }>(ITEMS_SQL.ownedAmong, [userId, itemIds]);
      return new Set(rows.map((r) => Number(r.item_id)));
    },
  };
}

export type ItemsRepository = ReturnType<typeof createItemsRepository>;

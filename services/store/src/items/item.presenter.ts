import type { Emoticon, StoreItem, StoreItemSummary } from '@chat/contracts';
import type { ItemRow, StoredEmoticon } from './items.repository.ts';

export const emoticonImageUrl = (itemId: number, index: number) =>
  `/api/store/items/${itemId}/emoticons/${index}/image`;

export function toEmoticon(itemId: number, e: StoredEmoticon, index: number): Emoticon {
  return { index, alt: e.alt, imageUrl: emoticonImageUrl(itemId, index) };
}

export function toItemSummary(row: ItemRow, owned: boolean): StoreItemSummary {
  return {
    id: Number(row.id),
    title: row.title,
    artist: row.artist,
    price: row.price,
    category: row.category,
    tags: row.tags,
    cover: toEmoticon(Number(row.id), row.emoticons[0]!, 0),
    onSale: row.on_sale,
    owned,
  };
}

export function toItem(row: ItemRow, owned: boolean): StoreItem {
  return {
    ...toItemSummary(row, owned),
    description: row.description,
    emoticons: row.emoticons.map((e, i) => toEmoticon(Number(row.id), e, i)),
    active: row.active,
    saleStartsAt: row.sale_starts_at?.toISOString() ?? null,
    saleEndsAt: row.sale_ends_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

import type { MessageEmoticon } from '@chat/contracts';

/** The store's public image of an emoticon (no token: like any shop's images). */
export function emoticonImageUrl(itemId: number, index: number): string {
  return `/api/store/items/${itemId}/emoticons/${index}/image`;
}

/** An EMOTICON message's `emoticon`: its `alt` is the message's content. */
export function presentEmoticon(itemId: number, index: number, alt: string): MessageEmoticon {
  return { itemId, index, alt, imageUrl: emoticonImageUrl(itemId, index) };
}

// The catalog's query and pages: the request path of a search, pages appended without
// duplicates, and the store's limits (literals here, so no schema library reaches the bundle;
// the unit test holds them to the contract's). Framework-free.
import type { StoreItemSummary } from '../../../lib/wire.ts';

export const PRICE_MAX = 1_000_000;
export const GRANT_MAX = 10_000_000;
export const EMOTICONS_MAX = 32;
export const GIFT_MESSAGE_MAX = 200;
export const EMOTICON_IMAGE_MAX = 1_048_576;
export const EMOTICON_IMAGE_TYPES = ['image/png', 'image/gif', 'image/webp', 'image/jpeg'] as const;
/** Catalog search length (the contract's `q`). */
export const QUERY_MAX = 50;

export const PAGE_SIZE = 24;

export interface CatalogFilter {
  readonly q: string;
  readonly category: string | null;
}

/** `GET /api/store/items` of a filter (blank parts left out), from `cursor` when given. */
export function catalogPath(filter: CatalogFilter, cursor?: number | null, size = PAGE_SIZE): string {
  const params = new URLSearchParams();
  const q = filter.q.trim().slice(0, QUERY_MAX);
  if (q) params.set('q', q);
  if (filter.category) params.set('category', filter.category);
  if (cursor !== undefined && cursor !== null) params.set('cursor', String(cursor));
  params.set('size', String(size));
  return `/api/store/items?${params}`;
}

/** The next page after the ones shown: items already shown (a sale moved them) are not repeated. */
export function appendPage(
  shown: readonly StoreItemSummary[],
  page: readonly StoreItemSummary[],
): StoreItemSummary[] {
  const seen = new Set(shown.map((i) => i.id));
  return [...shown, ...page.filter((i) => !seen.has(i.id))];
}

/** Points as the reader writes numbers: "1,200 P". */
export function pointsLabel(n: number, lang: 'ko' | 'en'): string {
  return `${n.toLocaleString(lang === 'ko' ? 'ko-KR' : 'en-US')} P`;
}

// The avatar editor's state, framework-free: the items I am about to wear, in drawing order
// (bottom first), at most one per category and AVATAR_ITEMS_MAX in all, as the server checks.
import type { MetaAssetRef, WearAvatarBody } from '@chat/contracts';

/** A literal copy of the contract's limit (a value import would pull the schemas into the bundle). */
export const AVATAR_ITEMS_MAX = 8;

export type Worn = readonly MetaAssetRef[];

export const isWorn = (worn: Worn, id: number) => worn.some((w) => w.id === id);

/** The worn item of `category`, if any. */
export const wornIn = (worn: Worn, category: string) => worn.find((w) => w.category === category);

/** Whether choosing `item` is possible: it is worn (to take off), replaces one, or there is room. */
export const canChoose = (worn: Worn, item: MetaAssetRef) =>
  isWorn(worn, item.id) || wornIn(worn, item.category) !== undefined || worn.length < AVATAR_ITEMS_MAX;

/**
 * Choosing an item: a worn one comes off; another of a worn category replaces that one in its
 * place (the drawing order stays); a new category goes on top. Full: nothing changes.
 */
export function choose(worn: Worn, item: MetaAssetRef): Worn {
  if (isWorn(worn, item.id)) return worn.filter((w) => w.id !== item.id);
  const same = wornIn(worn, item.category);
  if (same) return worn.map((w) => (w.id === same.id ? item : w));
  if (worn.length >= AVATAR_ITEMS_MAX) return worn;
  return [...worn, item];
}

/** Whether the draft differs from what is saved (the order counts: it is the drawing order). */
export const isDirty = (draft: Worn, saved: Worn) =>
  draft.length !== saved.length || draft.some((w, i) => w.id !== saved[i]?.id);

/** The PUT body for the draft. */
export const wearBody = (draft: Worn): WearAvatarBody => ({ assetIds: draft.map((w) => w.id) });

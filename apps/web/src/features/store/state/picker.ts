// The composer's emoticon picker: which of my packs is open (the one last chosen, kept per
// user while it is still held; else the first). Framework-free, unit-tested.
import type { OwnedPack } from '../../../lib/wire.ts';

/** An emoticon as the room sends and shows it. */
export interface PickedEmoticon {
  readonly itemId: number;
  readonly index: number;
  readonly alt: string;
  readonly imageUrl: string;
}

/** The pack shown: `wanted` if I still hold it, else the first; null without packs. */
export function openPack(packs: readonly OwnedPack[], wanted: number | null): OwnedPack | null {
  return packs.find((p) => p.itemId === wanted) ?? packs[0] ?? null;
}

/** The packs in picker order: the newest acquired first (a fresh purchase is at hand). */
export function pickerPacks(packs: readonly OwnedPack[]): OwnedPack[] {
  return [...packs].sort((a, b) => b.acquiredAt.localeCompare(a.acquiredAt) || b.itemId - a.itemId);
}

export function picked(pack: OwnedPack, index: number): PickedEmoticon | null {
  const e = pack.emoticons.find((x) => x.index === index);
  return e ? { itemId: pack.itemId, index: e.index, alt: e.alt, imageUrl: e.imageUrl } : null;
}

const KEY = 'chat.emoticonPack';

/** The last pack chosen, remembered per user in this browser. */
export function rememberedPack(storage: Pick<Storage, 'getItem'>, userId: number): number | null {
  const v = Number(storage.getItem(`${KEY}.${userId}`));
  return Number.isSafeInteger(v) && v > 0 ? v : null;
}

export function rememberPack(storage: Pick<Storage, 'setItem'>, userId: number, itemId: number): void {
  storage.setItem(`${KEY}.${userId}`, String(itemId));
}

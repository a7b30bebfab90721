// The administrator's "new pack" and "grant points" forms: text fields to the contract's bodies,
// or the fields that are wrong (each with the message key to show). Framework-free, unit-tested.
import type { MessageKey } from '../../../i18n/messages.ts';
import type { CreateItemBody } from '../../../lib/wire.ts';
import { EMOTICON_IMAGE_MAX, EMOTICON_IMAGE_TYPES, EMOTICONS_MAX, GRANT_MAX, PRICE_MAX } from './catalog.ts';

export interface ItemFields {
  title: string;
  artist: string;
  description: string;
  price: string;
  category: string;
  /** Comma separated. */
  tags: string;
  /** One emoticon per line (or comma separated): each one's alt text. */
  alts: string;
  active: boolean;
}

export const emptyItemFields: ItemFields = {
  title: '',
  artist: '',
  description: '',
  price: '',
  category: '',
  tags: '',
  alts: '',
  active: true,
};

export type FieldErrors<K extends string> = Partial<Record<K, MessageKey>>;

const list = (text: string, sep: RegExp) =>
  text
    .split(sep)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

/** Whole points in 0..max written as digits (separators allowed), else null. */
export function parsePoints(text: string, max: number, min = 0): number | null {
  const t = text.trim().replace(/[,_\s]/g, '');
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : null;
}

const length = (s: string) => [...s].length;

export function itemBody(
  f: ItemFields,
): { body: CreateItemBody; errors: null } | { body: null; errors: FieldErrors<keyof ItemFields> } {
  const errors: FieldErrors<keyof ItemFields> = {};
  const title = f.title.trim();
  const artist = f.artist.trim();
  const category = f.category.trim();
  const tags = list(f.tags, /,/);
  const alts = list(f.alts, /[\n,]/);
  const price = parsePoints(f.price, PRICE_MAX);
  if (length(title) < 1 || length(title) > 60) errors.title = 'storeTitleInvalid';
  if (length(artist) < 1 || length(artist) > 40) errors.artist = 'storeArtistInvalid';
  if (length(f.description) > 1000) errors.description = 'storeDescriptionInvalid';
  if (price === null) errors.price = 'storePriceInvalid';
  if (length(category) < 1 || length(category) > 30) errors.category = 'storeCategoryInvalid';
  if (tags.length > 10 || tags.some((t) => length(t) > 20)) errors.tags = 'storeTagsInvalid';
  if (alts.length < 1 || alts.length > EMOTICONS_MAX || alts.some((a) => length(a) > 16)) {
    errors.alts = 'storeAltsInvalid';
  }
  if (Object.keys(errors).length > 0 || price === null) return { body: null, errors };
  return {
    body: {
      title,
      artist,
      description: f.description.trim(),
      price,
      category,
      tags,
      emoticons: alts.map((alt) => ({ alt })),
      active: f.active,
    },
    errors: null,
  };
}

/** The alt texts as typed so far (the form shows one image picker per emoticon). */
export const altsOf = (text: string) => list(text, /[\n,]/).slice(0, EMOTICONS_MAX);

/** Why an image cannot be an emoticon's, or null. */
export function imageProblem(file: { type: string; size: number }): MessageKey | null {
  if (!(EMOTICON_IMAGE_TYPES as readonly string[]).includes(file.type)) return 'storeImageType';
  if (file.size > EMOTICON_IMAGE_MAX) return 'storeImageSize';
  return null;
}

export interface GrantFields {
  userId: number | null;
  amount: string;
  reason: string;
}

export function grantBody(
  f: GrantFields,
):
  | { body: { userId: number; amount: number; reason: string }; errors: null }
  | { body: null; errors: FieldErrors<keyof GrantFields> } {
  const errors: FieldErrors<keyof GrantFields> = {};
  const amount = parsePoints(f.amount, GRANT_MAX, 1);
  const reason = f.reason.trim();
  if (f.userId === null) errors.userId = 'storeGrantPickUser';
  if (amount === null) errors.amount = 'storeGrantAmountInvalid';
  if (length(reason) < 1 || length(reason) > 200) errors.reason = 'storeGrantReasonInvalid';
  if (f.userId === null || amount === null || Object.keys(errors).length > 0) return { body: null, errors };
  return { body: { userId: f.userId, amount, reason }, errors: null };
}

// Why the shop refused a purchase or a gift, in the reader's words. The store's refusals share
// the contract's codes (not enough points, already held and not on sale are all CONFLICT), so
// the known ones are told apart by the server's wording (services' Errors.*), the way reasons.ts
// reads order reasons; any other refusal is said by its code (lib/error-text.ts). The server's
// English is never shown. Framework-free, unit-tested.
import { type ErrorTextKey, errorTextKey } from '../../../lib/error-text.ts';

export type StoreRefusalKey =
  | 'storeErr_owned'
  | 'storeErr_receiverHolds'
  | 'storeErr_insufficient'
  | 'storeErr_notOnSale'
  | 'storeErr_cardsOff'
  | 'storeErr_giftToSelf'
  | 'storeErr_noReceiver'
  | 'storeErr_itemGone'
  | 'storeErr_declined'
  | ErrorTextKey;

const KNOWN: readonly (readonly [string, RegExp, StoreRefusalKey])[] = [
  ['CONFLICT', /^You already hold this pack$/, 'storeErr_owned'],
  ['CONFLICT', /^The receiver already holds this pack$/, 'storeErr_receiverHolds'],
  ['CONFLICT', /^Not enough points\b/, 'storeErr_insufficient'],
  ['CONFLICT', /^Item \d+ is not on sale$/, 'storeErr_notOnSale'],
  ['CONFLICT', /^Card payments are not configured\b/, 'storeErr_cardsOff'],
  ['CONFLICT', /^The payment was declined\b/, 'storeErr_declined'],
  ['BAD_REQUEST', /^body\.giftTo must be someone else\b/, 'storeErr_giftToSelf'],
  ['NOT_FOUND', /^User \d+ not found$/, 'storeErr_noReceiver'],
  ['NOT_FOUND', /^Item \d+ not found$/, 'storeErr_itemGone'],
];

/** The message key for a refusal of the shop: its known reason, else what its code says. */
export function storeRefusalKey(err: { code: string; message: string }): StoreRefusalKey {
  for (const [code, pattern, key] of KNOWN) if (err.code === code && pattern.test(err.message)) return key;
  return errorTextKey(err.code);
}

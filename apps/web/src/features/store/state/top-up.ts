// Buying points by card as plain data: the amount the user typed or picked (checked against the
// contract's limits before anything is asked of the server), the top-up intent whose
// Idempotency-Key makes a retry or a double click the same top-up, and what the payment's return
// to `/store/points?topUp={id}` says. Framework-free, unit-tested.
import { type CheckoutReturn, checkoutReturn } from './orders.ts';

/** The contract's TOP_UP_MIN / TOP_UP_MAX (literals: no schema library in the bundle). */
export const TOP_UP_MIN = 1_000;
export const TOP_UP_MAX = 1_000_000;
/** The amounts offered as one-press choices. */
export const TOP_UP_PRESETS = [1_000, 5_000, 10_000, 30_000, 50_000] as const;

export type AmountCheck =
  | { ok: true; amount: number }
  | { ok: false; problem: 'empty' | 'notWhole' | 'tooLow' | 'tooHigh' };

/**
 * An amount as typed: digits, with thousands separators (commas, spaces) and a trailing "P"
 * allowed; a whole number within TOP_UP_MIN..TOP_UP_MAX.
 */
export function checkAmount(typed: string): AmountCheck {
  const text = typed.replace(/[pP]\s*$/, '').replace(/[,\s]/g, '');
  if (text === '') return { ok: false, problem: 'empty' };
  if (!/^\d+$/.test(text)) return { ok: false, problem: 'notWhole' };
  const amount = Number(text);
  if (!Number.isSafeInteger(amount)) return { ok: false, problem: 'tooHigh' };
  if (amount < TOP_UP_MIN) return { ok: false, problem: 'tooLow' };
  if (amount > TOP_UP_MAX) return { ok: false, problem: 'tooHigh' };
  return { ok: true, amount };
}

/** One top-up the user means; `key` goes as the `Idempotency-Key` header. */
export interface TopUpIntent {
  readonly amount: number;
  readonly key: string;
}

/**
 * The intent to send: the unfinished one again (same key) when the same amount is asked again
 * after a failure whose outcome is unknown, so the server answers the first top-up instead of
 * starting a second; a fresh key for another amount or once the last one got its answer.
 */
export function topUpIntentFor(last: TopUpIntent | null, amount: number, newKey: () => string): TopUpIntent {
  return last && last.amount === amount ? last : { amount, key: newKey() };
}

/** What the provider's return to `/store/points` carries: which top-up, and how it went. */
export interface TopUpReturn {
  readonly topUpId: number;
  readonly result: Exclude<CheckoutReturn, null>;
}

export function topUpReturn(search: string): TopUpReturn | null {
  const id = Number(new URLSearchParams(search).get('topUp'));
  const result = checkoutReturn(search);
  if (!Number.isSafeInteger(id) || id < 1 || !result) return null;
  return { topUpId: id, result };
}

// Why an order moved or points moved, in the reader's language. The store records its reasons in
// English (`paid with 1200 points`, `top-up by card (pk_…)`, services/store/src/**); the known
// ones map to message keys here, anything else (an administrator's own words) is shown as
// written. Framework-free, unit-tested.

export type WhyKey =
  | 'storeWhy_ordered'
  | 'storeWhy_orderedGift'
  | 'storeWhy_paidPoints'
  | 'storeWhy_paidCard'
  | 'storeWhy_confirmedByProvider'
  | 'storeWhy_cancelledByBuyer'
  | 'storeWhy_packGranted'
  | 'storeWhy_declined'
  | 'storeWhy_paymentFailed'
  | 'storeWhy_refundBuyer'
  | 'storeWhy_refundAdmin'
  | 'storeWhy_giftDeclined'
  | 'storeWhy_receiverHolds'
  | 'storeWhy_buyerHolds'
  | 'storeWhy_paymentCancelled'
  | 'storeWhy_topUpCard'
  | 'storeWhy_topUpCancelled'
  | 'storeWhy_bought';

/** A reason understood: its message, and what it names (points, a pack's title, the provider's words). */
export type Why = { key: WhyKey; points?: number; detail?: string } | { text: string };

/** The server's reasons, most specific first; `$1` of a pattern is its detail (or points). */
const KNOWN: readonly (readonly [RegExp, WhyKey, 'detail' | 'points' | null])[] = [
  [/^ordered$/, 'storeWhy_ordered', null],
  [/^ordered as a gift for user \d+$/, 'storeWhy_orderedGift', null],
  [/^paid with (\d+) points$/, 'storeWhy_paidPoints', 'points'],
  [/^paid by card(?: \(.*\))?$/, 'storeWhy_paidCard', null],
  [/^payment confirmed by the provider$/, 'storeWhy_confirmedByProvider', null],
  [/^cancelled by the buyer$/, 'storeWhy_cancelledByBuyer', null],
  [/^pack granted to user \d+$/, 'storeWhy_packGranted', null],
  [/^payment declined: (.*)$/s, 'storeWhy_declined', 'detail'],
  [/^payment failed at the provider$/, 'storeWhy_paymentFailed', null],
  [/^refunded at the buyer[’']s request$/, 'storeWhy_refundBuyer', null],
  [/^refunded by an administrator$/, 'storeWhy_refundAdmin', null],
  [/^gift declined by the receiver(?:: (.*))?$/s, 'storeWhy_giftDeclined', 'detail'],
  [/^not fulfilled: the receiver already holds this pack$/, 'storeWhy_receiverHolds', null],
  [/^not fulfilled: the buyer already holds this pack$/, 'storeWhy_buyerHolds', null],
  [/^payment cancelled at the provider$/, 'storeWhy_paymentCancelled', null],
  [/^top-up by card(?: \(.*\))?$/, 'storeWhy_topUpCard', null],
  [/^top-up cancelled at the provider$/, 'storeWhy_topUpCancelled', null],
  [/^bought "(.*)"$/s, 'storeWhy_bought', 'detail'],
];

/** The reason as understood; null for none. */
export function whyOf(reason: string): Why | null {
  const text = reason.trim();
  if (!text) return null;
  for (const [pattern, key, part] of KNOWN) {
    const m = pattern.exec(text);
    if (!m) continue;
    const value = m[1];
    if (part === 'points' && value !== undefined) return { key, points: Number(value) };
    if (part === 'detail' && value) return { key, detail: value };
    return { key };
  }
  return { text };
}

/**
 * A reason in the reader's words: the message of a known one (`{points}` and `{detail}` filled
 * in; a detail the message has no place for follows it after a colon), an unknown one as written.
 */
export function reasonText(
  reason: string,
  t: (key: WhyKey) => string,
  points: (n: number) => string,
): string {
  const why = whyOf(reason);
  if (!why) return '';
  if ('text' in why) return why.text;
  const message = t(why.key);
  let out = message.replace('{points}', why.points === undefined ? '' : points(why.points));
  if (why.detail !== undefined) {
    out = message.includes('{detail}') ? out.replace('{detail}', why.detail) : `${out}: ${why.detail}`;
  }
  return out;
}

/**
 * Popularity of posts, with time decay, in a form a sorted set can keep by increments only.
 *
 * An interaction of kind k at time t (ms) adds
 *
 *     inc(k, t) = weight(k) * 2^((t - epoch) / HALF_LIFE_MS)
 *
 * to its post's stored score. A post's stored score is then S = Σ inc, and its decayed
 * popularity at any time `now` is S / 2^((now - epoch) / HALF_LIFE_MS) = Σ weight · 2^-(age/H):
 * every interaction counts half as much per half-life of age. The divisor is the same for every
 * post, so the order of the stored scores is the order of the decayed ones: nothing is ever
 * rewritten to decay, newer interactions are simply added bigger ("log time" scores).
 *
 * The growth is bounded by generations: `epoch` is the start of the EPOCH_SPAN_MS window the
 * interaction falls in, and each generation has its own key (built from PostgreSQL when first
 * read), so exponents stay within [-REBUILD_WINDOW/H, EPOCH_SPAN/H] (2^32 at most: doubles
 * keep every digit that matters).
 */

export const HALF_LIFE_MS = 24 * 3_600_000;
/** One generation of the ranking key. */
export const EPOCH_SPAN_MS = 32 * 24 * 3_600_000;
/** A rebuild reads the interactions of these last days (older ones weigh under 1/128). */
export const REBUILD_WINDOW_MS = 7 * 24 * 3_600_000;

/** Views weigh least, reactions more, comments most. */
export const WEIGHTS = { VIEW: 1, REACTION: 4, COMMENT: 8 } as const;
export type Interaction = keyof typeof WEIGHTS;

/** The start (ms) of the generation `t` falls in. */
export function epochOf(t: number): number {
  return Math.floor(t / EPOCH_SPAN_MS) * EPOCH_SPAN_MS;
}

/** The number of the generation `t` falls in (part of the key's name). */
export function generationOf(t: number): number {
  return Math.floor(t / EPOCH_SPAN_MS);
}

/** What one interaction of `kind` at `t` adds to its post's score in generation `epoch`. */
export function increment(kind: Interaction, t: number, epoch: number = epochOf(t)): number {
  return WEIGHTS[kind] * 2 ** ((t - epoch) / HALF_LIFE_MS);
}

/** A stored score as the decayed popularity at `now`: Σ weight · 2^-(age / half-life). */
export function decayed(stored: number, epoch: number, now: number): number {
  return stored / 2 ** ((now - epoch) / HALF_LIFE_MS);
}

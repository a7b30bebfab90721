// Reacting to a post: one reaction per user. Picking my current kind removes it, another kind
// changes it, any kind when I have none adds it; the summary shown changes at once and the
// server's answer replaces it.
import type { ReactionKind, ReactionSummary } from '../api/types.ts';

export type ReactionCall =
  | { method: 'POST'; kind: ReactionKind }
  | { method: 'PUT'; kind: ReactionKind }
  | { method: 'DELETE' };

/** The call that makes my reaction `picked` (or removes it when it already is). */
export function reactionCall(mine: ReactionKind | null, picked: ReactionKind): ReactionCall {
  if (mine === null) return { method: 'POST', kind: picked };
  if (mine === picked) return { method: 'DELETE' };
  return { method: 'PUT', kind: picked };
}

/** The summary after the call, as shown until the server answers. */
export function applyReaction(summary: ReactionSummary, call: ReactionCall): ReactionSummary {
  const counts = { ...summary.counts };
  let total = summary.total;
  if (summary.mine) {
    counts[summary.mine] = Math.max(0, counts[summary.mine] - 1);
    total = Math.max(0, total - 1);
  }
  if (call.method === 'DELETE') return { counts, total, mine: null };
  counts[call.kind] += 1;
  return { counts, total: total + 1, mine: call.kind };
}

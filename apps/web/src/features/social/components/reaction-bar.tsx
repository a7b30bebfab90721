// The five reactions with their counts; mine is pressed. Picking mine removes it, another
// changes it; the counts change at once and the server's answer replaces them.
import { useState } from 'preact/hooks';
import { useI18n } from '../../../i18n/i18n.ts';
import { type Post, REACTIONS, type ReactionKind } from '../api/types.ts';
import { useSocial } from '../hooks/use-social.ts';
import { applyReaction, reactionCall } from '../state/reactions.ts';

const EMOJI: Record<ReactionKind, string> = { LIKE: '👍', LOVE: '❤️', HAHA: '😆', WOW: '😮', SAD: '😢' };

export function ReactionBar({ post, onChange }: { post: Post; onChange(p: Post): void }) {
  const { t } = useI18n();
  const social = useSocial();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const summary = post.reactions;

  const pick = async (kind: ReactionKind) => {
    if (busy) return;
    const call = reactionCall(summary.mine, kind);
    setBusy(true);
    setError(null);
    onChange({ ...post, reactions: applyReaction(summary, call) });
    try {
      const answer = await social.react(post.id, call);
      if (answer) onChange({ ...post, reactions: answer });
    } catch (e) {
      onChange(post);
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset class="post-reactions" aria-label={t('socialReactions')}>
      {REACTIONS.map((kind) => (
        <button
          key={kind}
          type="button"
          class="reaction"
          aria-pressed={summary.mine === kind}
          aria-label={`${t(`socialReact${kind}`)} ${summary.counts[kind]}`}
          title={t(`socialReact${kind}`)}
          onClick={() => void pick(kind)}
        >
          <span aria-hidden="true">{EMOJI[kind]}</span>
          <span class="reaction-count" aria-hidden="true">
            {summary.counts[kind]}
          </span>
        </button>
      ))}
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

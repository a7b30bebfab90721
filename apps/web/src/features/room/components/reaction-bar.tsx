import { useI18n } from '../../../i18n/i18n.ts';
import type { Message } from '../../../lib/wire.ts';
import { emojiOf, toggled } from '../state/reactions.ts';
import { DisclosureMenu } from './disclosure-menu.tsx';

interface Props {
  message: Message;
  me: number;
  onReact(reaction: string | null): void;
}

/** The reactions under a message: each with its count, pressed when one is mine (tap to toggle). */
export function ReactionBar({ message, me, onReact }: Props) {
  const { t } = useI18n();
  const reactions = message.reactions ?? [];
  if (reactions.length === 0) return null;
  return (
    <div class="reaction-bar">
      {reactions.map((r) => {
        const mine = r.userIds.includes(me);
        return (
          <button
            key={r.reaction}
            type="button"
            class={`reaction-chip${mine ? ' mine' : ''}`}
            aria-pressed={mine}
            aria-label={`${emojiOf(r.reaction)} ${r.count}${t('reactionCount')}`}
            onClick={() => onReact(toggled(message, me, r.reaction))}
          >
            {emojiOf(r.reaction)} <span class="reaction-count">{r.count}</span>
          </button>
        );
      })}
    </div>
  );
}

/** The "react" menu: the configured reactions to pick from. */
export function ReactionPicker({
  message,
  me,
  reactions,
  onReact,
}: Props & { reactions: readonly string[] }) {
  const { t } = useI18n();
  return (
    <DisclosureMenu label={t('react')} icon="☺" class="react-picker" menuClass="reaction-menu">
      {(close) =>
        reactions.map((r) => (
          <button
            key={r}
            type="button"
            aria-label={emojiOf(r)}
            onClick={() => {
              close();
              onReact(toggled(message, me, r));
            }}
          >
            {emojiOf(r)}
          </button>
        ))
      }
    </DisclosureMenu>
  );
}

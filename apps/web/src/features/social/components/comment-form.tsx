// Writing a comment or a reply, with the mention picker: the text is sent trimmed, with the
// users its `@nicknames` still name.
import { useState } from 'preact/hooks';
import { useI18n } from '../../../i18n/i18n.ts';
import { COMMENT_TEXT_MAX } from '../api/types.ts';
import { useMentions } from '../hooks/use-mentions.ts';
import { mentionIds } from '../state/mentions.ts';
import { MentionField } from './mention-picker.tsx';

interface Props {
  label: string;
  onSend(text: string, mentions: number[]): Promise<void>;
  autoFocus?: boolean;
}

export function CommentForm({ label, onSend, autoFocus = false }: Props) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mentions = useMentions<HTMLInputElement>(text, setText);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!text.trim() || busy) return;
    setBusy(true);
    setError(null);
    try {
      await onSend(text.trim(), mentionIds(text, mentions.picked));
      setText('');
      mentions.reset();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="comment-form" onSubmit={(e) => void submit(e)}>
      <MentionField picker={mentions.picker}>
        <input
          type="text"
          aria-label={label}
          placeholder={label}
          maxLength={COMMENT_TEXT_MAX}
          value={text}
          // biome-ignore lint/a11y/noAutofocus: the reply form opens for typing
          autoFocus={autoFocus}
          {...mentions.field}
        />
      </MentionField>
      <button type="submit" class="secondary" disabled={busy || !text.trim()}>
        {t('socialSend')}
      </button>
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

import { useState } from 'preact/hooks';
import { useI18n } from '../../../i18n/i18n.ts';
import { CONTENT_MAX } from '../../../lib/wire.ts';
import { codePoints } from '../../../utils/uuid.ts';
import type { Draft } from '../state/drafts.ts';
import { isSendKey } from '../state/send-key.ts';

export function Composer({
  onSend,
  onTyping,
  draft,
}: {
  onSend(content: string): void;
  onTyping?(): void;
  /** Where unsent text is kept (survives a reload or an expired session in this tab). */
  draft?: Draft;
}) {
  const { t } = useI18n();
  const [text, setTextState] = useState(() => draft?.load() ?? '');
  const setText = (value: string) => {
    setTextState(value);
    draft?.save(value);
  };
  const length = codePoints(text);
  const tooLong = length > CONTENT_MAX;
  const canSend = text.trim().length > 0 && !tooLong;

  const submit = () => {
    if (!canSend) return;
    // Trailing blank lines are never meant to be sent.
    onSend(text.replace(/\s+$/u, ''));
    setText('');
  };

  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label class="sr-only" for="composer-input">
        {t('messageInput')}
      </label>
      <textarea
        id="composer-input"
        rows={1}
        value={text}
        aria-invalid={tooLong ? 'true' : undefined}
        aria-describedby="composer-count"
        onInput={(e) => {
          const value = (e.target as HTMLTextAreaElement).value;
          setText(value);
          if (value.trim() !== '') onTyping?.();
        }}
        onKeyDown={(e) => {
          if (isSendKey(e)) {
            e.preventDefault();
            submit();
          }
        }}
      />
      <span id="composer-count" class={`count${tooLong ? ' over' : ''}`} aria-live="polite">
        {tooLong ? t('tooLong') : length > CONTENT_MAX - 500 ? `${length}/${CONTENT_MAX}` : ''}
      </span>
      <button type="submit" class="primary send" disabled={!canSend}>
        {t('send')}
      </button>
    </form>
  );
}

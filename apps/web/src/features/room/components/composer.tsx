import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../../i18n/i18n.ts';
import { CONTENT_MAX, type Message, type MessageEmoticon } from '../../../lib/wire.ts';
import { codePoints } from '../../../utils/uuid.ts';
import type { Draft } from '../state/drafts.ts';
import { insertMention, mentionQuery, suggestMembers } from '../state/mentions.ts';
import { isSendKey } from '../state/send-key.ts';
import { filesOf } from '../state/uploads.ts';

export function Composer({
  onSend,
  onTyping,
  draft,
  replyTo,
  onCancelReply,
  members = [],
  me = 0,
  onFiles,
  emoticons,
}: {
  onSend(content: string): void;
  /** The emoticon button: its panel (composed by the app) and what a chosen emoticon does. */
  emoticons?: {
    render(pick: (emoticon: MessageEmoticon) => void): ComponentChildren;
    onSend(emoticon: MessageEmoticon): void;
  };
  /** Files picked with the attach button or pasted (a screenshot): uploaded and sent. */
  onFiles?(files: File[]): void;
  onTyping?(): void;
  /** The message being answered: shown above the input until sent or cancelled. */
  replyTo?: Message | null;
  onCancelReply?(): void;
  /** The room's members: typing `@` suggests them. */
  members?: readonly { userId: number; nickname: string }[];
  me?: number;
  /** Where unsent text is kept (survives a reload or an expired session in this tab). */
  draft?: Draft;
}) {
  const { t, name } = useI18n();
  const [text, setTextState] = useState(() => draft?.load() ?? '');
  const setText = (value: string) => {
    setTextState(value);
    draft?.save(value);
  };
  const [caret, setCaret] = useState(0);
  const [picking, setPicking] = useState(false);
  // Escape closes the emoticon panel, back to the input.
  useEffect(() => {
    if (!picking) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setPicking(false);
      document.getElementById('composer-input')?.focus();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [picking]);
  const query = mentionQuery(text, caret);
  const suggestions = query === null ? [] : suggestMembers(members, query, me);
  const pick = (nickname: string) => {
    const next = insertMention(text, caret, nickname);
    setText(next.text);
    setCaret(next.caret);
    const input = document.getElementById('composer-input') as HTMLTextAreaElement | null;
    input?.focus();
    input?.setSelectionRange(next.caret, next.caret);
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
      class={`composer${emoticons ? ' has-emoticons' : ''}`}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {replyTo ? (
        <div class="reply-banner">
          <span class="reply-to">
            <span class="quote-sender">
              {t('replyingTo').replace('{name}', name(replyTo.senderNickname))}
            </span>
            <span class="quote-text">{replyTo.content}</span>
          </span>
          <button type="button" class="icon" aria-label={t('cancelReply')} onClick={onCancelReply}>
            ×
          </button>
        </div>
      ) : null}
      {suggestions.length > 0 ? (
        <ul class="mention-suggestions" aria-label={t('mentionSomeone')}>
          {suggestions.map((m) => (
            <li key={m.userId}>
              <button type="button" onClick={() => pick(m.nickname)}>
                @{m.nickname}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {emoticons && picking ? (
        <div class="emoticon-panel">
          {emoticons.render((e) => {
            setPicking(false);
            emoticons.onSend(e);
          })}
        </div>
      ) : null}
      {onFiles ? (
        <label class="icon attach" title={t('attach')}>
          <span aria-hidden="true">＋</span>
          <span class="sr-only">{t('attach')}</span>
          <input
            type="file"
            multiple
            class="sr-only"
            data-testid="attach-input"
            onChange={(e) => {
              const input = e.target as HTMLInputElement;
              const files = [...(input.files ?? [])];
              input.value = '';
              if (files.length > 0) onFiles(files);
            }}
          />
        </label>
      ) : null}
      {emoticons ? (
        <button
          type="button"
          class="icon attach emoticon-toggle"
          title={t('emoticonPicker')}
          aria-label={t('emoticonPicker')}
          aria-expanded={picking}
          onClick={() => setPicking(!picking)}
        >
          <span aria-hidden="true">☺</span>
        </button>
      ) : null}
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
          const el = e.target as HTMLTextAreaElement;
          const value = el.value;
          setCaret(el.selectionStart ?? value.length);
          setText(value);
          if (value.trim() !== '') onTyping?.();
        }}
        onPaste={(e) => {
          const files = filesOf(e.clipboardData);
          if (files.length > 0 && onFiles) {
            e.preventDefault();
            onFiles(files);
          }
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

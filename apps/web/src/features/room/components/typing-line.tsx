import { useI18n } from '../../../i18n/i18n.ts';
import type { Typist } from '../state/typing.ts';

/** "X is typing…" under the messages; a polite live region that is empty when nobody types. */
export function TypingLine({ typists }: { typists: readonly Typist[] }) {
  const { t } = useI18n();
  const names = typists.map((x) => x.nickname).join(', ');
  const text =
    typists.length === 0
      ? ''
      : (typists.length === 1 ? t('typingOne') : t('typingMany')).replace('{names}', names);
  return (
    <p class="typing-line" aria-live="polite" data-testid="typing">
      {text}
    </p>
  );
}

// Asks once, at a moment it makes sense (right after I sent a message), whether I want to be
// told of answers when I am away; never on first load. "Later" is remembered in this browser.
import { useEffect, useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import { useI18n } from '../../../i18n/i18n.ts';
import { enablePush, pushState } from '../../../lib/push.ts';

const DISMISSED = 'chat.pushPromptDismissed';

export function PushPrompt({ afterSend }: { afterSend: boolean }) {
  const { t } = useI18n();
  const { api } = useServices();
  const [show, setShow] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!afterSend || localStorage.getItem(DISMISSED)) return;
    let live = true;
    pushState().then(
      (s) => live && setShow(s === 'off'),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [afterSend]);

  if (!show) return null;
  const later = () => {
    localStorage.setItem(DISMISSED, '1');
    setShow(false);
  };
  return (
    <section class="push-prompt" aria-label={t('notifications')}>
      <p>{t('pushPrompt')}</p>
      <button
        type="button"
        class="primary"
        onClick={() => {
          setError(null);
          enablePush(api).then(
            (s) => (s === 'on' || s === 'denied' ? later() : undefined),
            (e: Error) => setError(`${t('notificationsFailed')} (${e.message})`),
          );
        }}
      >
        {t('notificationsTurnOn')}
      </button>
      <button type="button" class="secondary" onClick={later}>
        {t('pushPromptLater')}
      </button>
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}

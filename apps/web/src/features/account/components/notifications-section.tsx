// Notifications: Web Push in this browser (on/off), and what they show and when (for every
// browser of mine: previews, quiet hours in my time zone).
import { useEffect, useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import { useI18n } from '../../../i18n/i18n.ts';
import { disablePush, enablePush, type PushState, pushState } from '../../../lib/push.ts';
import { browserTimeZone, toClock, toMinutes } from '../state/quiet-hours.ts';

interface Settings {
  previews: boolean;
  dndStart: number | null;
  dndEnd: number | null;
  timeZone: string;
}

export function NotificationsSection() {
  const { t } = useI18n();
  const { api } = useServices();
  const [state, setState] = useState<PushState | 'busy' | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [quiet, setQuiet] = useState({ on: false, from: '22:00', to: '07:00' });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    pushState().then(setState, () => setState('unsupported'));
    api.request<Settings>('GET', '/api/push/settings').then(
      (s) => {
        setSettings(s);
        if (s.dndStart !== null && s.dndEnd !== null) {
          setQuiet({ on: true, from: toClock(s.dndStart), to: toClock(s.dndEnd) });
        }
      },
      () => undefined,
    );
  }, [api]);

  const toggle = async () => {
    const was = state;
    setState('busy');
    setMessage(null);
    try {
      setState(was === 'on' ? await disablePush(api) : await enablePush(api));
    } catch (e) {
      setState(was);
      setMessage({ ok: false, text: `${t('notificationsFailed')} (${(e as Error).message})` });
    }
  };

  const save = async () => {
    if (!settings) return;
    const from = toMinutes(quiet.from);
    const to = toMinutes(quiet.to);
    const next = {
      previews: settings.previews,
      dndStart: quiet.on ? from : null,
      dndEnd: quiet.on ? to : null,
      timeZone: browserTimeZone(),
    };
    try {
      setSettings(await api.request<Settings>('PUT', '/api/push/settings', next));
      setMessage({ ok: true, text: t('saved') });
    } catch (e) {
      setMessage({ ok: false, text: (e as Error).message });
    }
  };

  return (
    <section class="account-section" aria-labelledby="account-notifications-title">
      <h3 id="account-notifications-title">{t('notifications')}</h3>
      {state === 'unsupported' ? (
        <p class="field-hint">{t('notificationsUnsupported')}</p>
      ) : state === 'denied' ? (
        <p class="field-hint">{t('notificationsDenied')}</p>
      ) : (
        <button
          type="button"
          class="secondary"
          disabled={state === null || state === 'busy'}
          onClick={() => void toggle()}
        >
          {state === 'on' ? t('notificationsTurnOff') : t('notificationsTurnOn')}
        </button>
      )}
      {settings ? (
        <form
          class="notification-settings"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label class="check">
            <input
              type="checkbox"
              checked={settings.previews}
              onChange={(e) => setSettings({ ...settings, previews: (e.target as HTMLInputElement).checked })}
            />
            {t('notificationPreviews')}
          </label>
          <label class="check">
            <input
              type="checkbox"
              checked={quiet.on}
              onChange={(e) => setQuiet({ ...quiet, on: (e.target as HTMLInputElement).checked })}
            />
            {t('quietHours')}
          </label>
          {quiet.on ? (
            <span class="quiet-hours">
              <label>
                {t('quietFrom')}{' '}
                <input
                  type="time"
                  value={quiet.from}
                  onChange={(e) => setQuiet({ ...quiet, from: (e.target as HTMLInputElement).value })}
                />
              </label>
              <label>
                {t('quietTo')}{' '}
                <input
                  type="time"
                  value={quiet.to}
                  onChange={(e) => setQuiet({ ...quiet, to: (e.target as HTMLInputElement).value })}
                />
              </label>
            </span>
          ) : null}
          <button type="submit" class="secondary">
            {t('save')}
          </button>
        </form>
      ) : null}
      {message ? (
        <p class={message.ok ? 'field-hint' : 'field-error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      ) : null}
    </section>
  );
}

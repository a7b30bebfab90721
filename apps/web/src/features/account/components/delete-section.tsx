// Delete my account: a confirmation dialog asking for my password; then I am signed out.
import { useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import { Dialog } from '../../../components/dialog.tsx';
import { useI18n } from '../../../i18n/i18n.ts';
import type { MessageKey } from '../../../i18n/messages.ts';
import { ApiError } from '../../../lib/http.ts';
import { passwordServerError } from '../state/password-form.ts';

export function DeleteSection({ onDeleted }: { onDeleted(): void }) {
  const { t } = useI18n();
  const { api } = useServices();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<{ field: boolean; key: MessageKey } | null>(null);
  const [busy, setBusy] = useState(false);

  const close = () => {
    setOpen(false);
    setPassword('');
    setError(null);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (password === '') return setError({ field: true, key: 'invalidField' });
    setBusy(true);
    setError(null);
    try {
      await api.request('DELETE', '/api/users/me', { password }, { noWait: true });
      onDeleted();
    } catch (err) {
      const found =
        err instanceof ApiError ? passwordServerError(err, 'password') : { form: 'genericError' as const };
      if (found.password) setError({ field: true, key: found.password });
      else setError({ field: false, key: found.form ?? 'genericError' });
      setBusy(false);
    }
  };

  return (
    <section class="account-section danger-zone" aria-labelledby="account-delete-title">
      <h3 id="account-delete-title">{t('deleteAccount')}</h3>
      <p class="field-hint">{t('deleteAccountHint')}</p>
      <button type="button" class="danger" onClick={() => setOpen(true)}>
        {t('deleteAccount')}
      </button>
      {open ? (
        <Dialog title={t('deleteAccount')} onClose={close}>
          <form class="account-form" onSubmit={submit} noValidate>
            <p>{t('deleteAccountConfirm')}</p>
            <div class="field">
              <label for="delete-password">{t('password')}</label>
              <input
                id="delete-password"
                type="password"
                autocomplete="current-password"
                value={password}
                aria-invalid={error?.field ? 'true' : undefined}
                aria-describedby={error?.field ? 'delete-password-error' : undefined}
                onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
              />
              {error?.field ? (
                <p class="field-error" id="delete-password-error" role="alert">
                  {t(error.key)}
                </p>
              ) : null}
            </div>
            {error && !error.field ? (
              <p class="field-error" role="alert">
                {t(error.key)}
              </p>
            ) : null}
            <div class="confirm-actions">
              <button type="button" class="secondary" onClick={close}>
                {t('cancel')}
              </button>
              <button type="submit" class="danger" disabled={busy}>
                {t('deleteForever')}
              </button>
            </div>
          </form>
        </Dialog>
      ) : null}
    </section>
  );
}

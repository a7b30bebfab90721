// Change my password: current, new, confirm; errors next to their field; the other devices are
// signed out by the server, this one stays.
import { useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import { useI18n } from '../../../i18n/i18n.ts';
import type { MessageKey } from '../../../i18n/messages.ts';
import { ApiError } from '../../../lib/http.ts';
import {
  checkPasswordForm,
  emptyPasswordForm,
  type PasswordErrors,
  type PasswordField,
  type PasswordForm,
  passwordServerError,
} from '../state/password-form.ts';

const LABELS: Record<PasswordField, MessageKey> = {
  currentPassword: 'currentPassword',
  newPassword: 'newPassword',
  confirmPassword: 'confirmPassword',
};
const AUTOCOMPLETE: Record<PasswordField, string> = {
  currentPassword: 'current-password',
  newPassword: 'new-password',
  confirmPassword: 'new-password',
};

export function PasswordSection() {
  const { t } = useI18n();
  const { api } = useServices();
  const [form, setForm] = useState<PasswordForm>(emptyPasswordForm);
  const [errors, setErrors] = useState<PasswordErrors>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setDone(false);
    const problems = checkPasswordForm(form);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      const body = { currentPassword: form.currentPassword, newPassword: form.newPassword };
      await api.request('POST', '/api/auth/password', body, { noWait: true });
      setForm(emptyPasswordForm());
      setDone(true);
    } catch (err) {
      setErrors(
        err instanceof ApiError ? passwordServerError(err, 'currentPassword') : { form: 'genericError' },
      );
    } finally {
      setBusy(false);
    }
  };

  const field = (name: PasswordField) => (
    <div class="field">
      <label for={`account-${name}`}>{t(LABELS[name])}</label>
      <input
        id={`account-${name}`}
        type="password"
        autocomplete={AUTOCOMPLETE[name]}
        value={form[name]}
        aria-invalid={errors[name] ? 'true' : undefined}
        aria-describedby={
          errors[name]
            ? `account-${name}-error`
            : name === 'newPassword'
              ? 'account-newPassword-hint'
              : undefined
        }
        onInput={(e) => setForm({ ...form, [name]: (e.target as HTMLInputElement).value })}
      />
      {errors[name] ? (
        <p class="field-error" id={`account-${name}-error`} role="alert">
          {t(errors[name])}
        </p>
      ) : name === 'newPassword' ? (
        <p class="field-hint" id="account-newPassword-hint">
          {t('passwordHint')}
        </p>
      ) : null}
    </div>
  );

  return (
    <section class="account-section" aria-labelledby="account-password-title">
      <h3 id="account-password-title">{t('changePassword')}</h3>
      <form class="account-form" onSubmit={submit} noValidate>
        {field('currentPassword')}
        {field('newPassword')}
        {field('confirmPassword')}
        {errors.form ? (
          <p class="field-error" role="alert">
            {t(errors.form)}
          </p>
        ) : null}
        {done ? (
          <p class="field-hint" role="status">
            {t('passwordChanged')}
          </p>
        ) : null}
        <button class="primary" type="submit" disabled={busy}>
          {t('changePassword')}
        </button>
      </form>
    </section>
  );
}

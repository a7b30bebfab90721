import { useState } from 'preact/hooks';
import { useI18n } from '../../../i18n/i18n.ts';
import { ApiError } from '../../../lib/http.ts';
import type { AuthResponse } from '../../../lib/wire.ts';
import { type AuthField, type FieldErrors, fieldErrors } from '../field-errors.ts';

interface Props {
  onAuthenticated(r: AuthResponse): void;
}

export function AuthScreen({ onAuthenticated }: Props) {
  const { t } = useI18n();
  const [mode, setMode] = useState<'login' | 'signup'>('login');
  const [values, setValues] = useState({ email: '', password: '', nickname: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      const body = mode === 'signup' ? values : { email: values.email, password: values.password };
      const res = await fetch(`/api/auth/${mode}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const json = await res.json().catch(() => ({}));
      if (!res.ok) throw new ApiError(res.status, json.error ?? 'ERROR', json.message ?? t('genericError'));
      onAuthenticated(json as AuthResponse);
    } catch (err) {
      setErrors(err instanceof ApiError ? fieldErrors(err) : { form: t('genericError') });
    } finally {
      setBusy(false);
    }
  };

  const field = (name: Exclude<AuthField, 'form'>, type: string, autoComplete: string, hint?: string) => (
    <div class="field">
      <label for={`auth-${name}`}>{t(name)}</label>
      <input
        id={`auth-${name}`}
        name={name}
        type={type}
        autoComplete={autoComplete}
        required
        value={values[name]}
        aria-invalid={errors[name] ? 'true' : undefined}
        aria-describedby={errors[name] ? `auth-${name}-error` : hint ? `auth-${name}-hint` : undefined}
        onInput={(e) => setValues({ ...values, [name]: (e.target as HTMLInputElement).value })}
      />
      {errors[name] ? (
        <p class="field-error" id={`auth-${name}-error`} role="alert">
          {errors[name]}
        </p>
      ) : hint ? (
        <p class="field-hint" id={`auth-${name}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );

  return (
    <main class="auth">
      <form class="auth-card" onSubmit={submit} noValidate>
        <div class="auth-logo" aria-hidden="true">
          TALK
        </div>
        <h1>{mode === 'login' ? t('login') : t('signup')}</h1>
        {field('email', 'email', 'email')}
        {field(
          'password',
          'password',
          mode === 'login' ? 'current-password' : 'new-password',
          t('passwordHint'),
        )}
        {mode === 'signup' ? field('nickname', 'text', 'nickname') : null}
        {errors.form ? (
          <p class="field-error" role="alert">
            {errors.form}
          </p>
        ) : null}
        <button class="primary" type="submit" disabled={busy}>
          {mode === 'login' ? t('login') : t('signup')}
        </button>
        <button
          class="link"
          type="button"
          onClick={() => {
            setErrors({});
            setMode(mode === 'login' ? 'signup' : 'login');
          }}
        >
          {mode === 'login' ? t('noAccount') : t('haveAccount')}
        </button>
      </form>
    </main>
  );
}

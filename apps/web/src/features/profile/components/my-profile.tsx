// My profile: edit nickname, status message and image URL (the server's errors next to the
// fields), and log out.
import { useEffect, useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import { Avatar } from '../../../components/avatar.tsx';
import { Dialog } from '../../../components/dialog.tsx';
import { useI18n } from '../../../i18n/i18n.ts';
import type { MessageKey } from '../../../i18n/messages.ts';
import { fieldOf } from '../../../lib/field-errors.ts';
import { ApiError } from '../../../lib/http.ts';
import type { MyProfile as MyProfileT } from '../../../lib/wire.ts';
import {
  formOf,
  isEmptyPatch,
  PROFILE_FIELDS,
  type ProfileField,
  type ProfileForm,
  profilePatch,
} from '../state/profile-form.ts';
import { LastSeenPrivacy } from './last-seen-privacy.tsx';

type Errors = Partial<Record<ProfileField | 'form', string>>;
const LABELS: Record<ProfileField, MessageKey> = {
  nickname: 'nickname',
  statusMessage: 'statusMessage',
  profileImageUrl: 'profileImageUrl',
};

const INVALID: Record<ProfileField, MessageKey> = {
  nickname: 'nicknameInvalid',
  statusMessage: 'statusMessageInvalid',
  profileImageUrl: 'profileImageUrlInvalid',
};

interface Props {
  onClose(): void;
  onSaved(p: MyProfileT): void;
  onLogout(): void;
  /** Opens the account settings (password, devices, export, deletion). */
  onAccount(): void;
}

export function MyProfile({ onClose, onSaved, onLogout, onAccount }: Props) {
  const { t } = useI18n();
  const { api } = useServices();
  const [saved, setSaved] = useState<ProfileForm | null>(null);
  const [form, setForm] = useState<ProfileForm | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  useEffect(() => {
    api
      .request<MyProfileT>('GET', '/api/users/me')
      .then((p) => {
        setSaved(formOf(p));
        setForm(formOf(p));
      })
      .catch((e: Error) => setErrors({ form: e.message }));
  }, [api]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!saved || !form) return;
    const patch = profilePatch(saved, form);
    setErrors({});
    setDone(false);
    if (isEmptyPatch(patch)) return setDone(true);
    setBusy(true);
    try {
      const p = await api.request<MyProfileT>('PATCH', '/api/users/me', patch);
      setSaved(formOf(p));
      setForm(formOf(p));
      setDone(true);
      onSaved(p);
    } catch (err) {
      // A field's error in words the user reads; anything else as the server said it.
      const field = err instanceof ApiError ? fieldOf(err, PROFILE_FIELDS) : 'form';
      const message = err instanceof Error ? err.message : t('genericError');
      setErrors({ [field]: field === 'form' ? message : t(INVALID[field]) });
    } finally {
      setBusy(false);
    }
  };

  const field = (name: ProfileField, type: string) => (
    <div class="field">
      <label for={`profile-${name}`}>{t(LABELS[name])}</label>
      <input
        id={`profile-${name}`}
        type={type}
        value={form?.[name] ?? ''}
        // Until the profile has loaded there is nothing to edit: typed text would be overwritten.
        disabled={!form}
        aria-invalid={errors[name] ? 'true' : undefined}
        aria-describedby={errors[name] ? `profile-${name}-error` : undefined}
        onInput={(e) => form && setForm({ ...form, [name]: (e.target as HTMLInputElement).value })}
      />
      {errors[name] ? (
        <p class="field-error" id={`profile-${name}-error`} role="alert">
          {errors[name]}
        </p>
      ) : null}
    </div>
  );

  return (
    <Dialog title={t('myProfile')} onClose={onClose}>
      <form class="profile-form" onSubmit={submit} noValidate>
        <div class="profile-card">
          <Avatar name={saved?.nickname ?? '?'} imageUrl={saved?.profileImageUrl || null} size="lg" />
        </div>
        {field('nickname', 'text')}
        {field('statusMessage', 'text')}
        {field('profileImageUrl', 'url')}
        {errors.form ? (
          <p class="field-error" role="alert">
            {errors.form}
          </p>
        ) : null}
        {done ? (
          <p class="field-hint" role="status">
            {t('saved')}
          </p>
        ) : null}
        <button class="primary" type="submit" disabled={busy || !form}>
          {t('save')}
        </button>
        <LastSeenPrivacy />
        <button class="secondary" type="button" onClick={onAccount}>
          {t('accountSettings')}
        </button>
        <button class="secondary" type="button" onClick={onLogout}>
          {t('logout')}
        </button>
      </form>
    </Dialog>
  );
}

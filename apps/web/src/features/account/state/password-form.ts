// The change-password form's rules: the signup policy checked before sending (8..72 code
// points and at most 72 bytes of UTF-8, like the server), and the server's refusals turned into
// the field they are about.
import type { MessageKey } from '../../../i18n/messages.ts';
import type { ApiError } from '../../../lib/http.ts';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 72;
export const PASSWORD_MAX_BYTES = 72;

export type PasswordField = 'currentPassword' | 'newPassword' | 'confirmPassword';
export type PasswordForm = Record<PasswordField, string>;
export type PasswordErrors = Partial<Record<PasswordField | 'form', MessageKey>>;

export const emptyPasswordForm = (): PasswordForm => ({
  currentPassword: '',
  newPassword: '',
  confirmPassword: '',
});

/** The signup policy of a new password; null when it passes. */
export function newPasswordProblem(password: string): MessageKey | null {
  const codePoints = [...password].length;
  if (codePoints < PASSWORD_MIN) return 'passwordTooShort';
  if (codePoints > PASSWORD_MAX || new TextEncoder().encode(password).length > PASSWORD_MAX_BYTES) {
    return 'passwordTooLong';
  }
  return null;
}

/** What is wrong before anything is sent (empty: send it). */
export function checkPasswordForm(f: PasswordForm): PasswordErrors {
  const errors: PasswordErrors = {};
  if (f.currentPassword === '') errors.currentPassword = 'invalidField';
  const problem = newPasswordProblem(f.newPassword);
  if (problem) errors.newPassword = problem;
  else if (f.newPassword === f.currentPassword) errors.newPassword = 'passwordSame';
  if (!problem && f.confirmPassword !== f.newPassword) errors.confirmPassword = 'passwordMismatch';
  return errors;
}

/** A refusal of the server as the field it names and the words for it. */
export function passwordServerError(
  err: ApiError,
  field: 'currentPassword' | 'password',
): PasswordErrors & {
  password?: MessageKey;
} {
  if (err.status === 429) return { form: 'tooManyAttempts' };
  if (err.status !== 400) return { form: 'genericError' };
  const text = err.message;
  if (text.includes(`body.${field}`)) return { [field]: 'wrongPassword' };
  if (text.includes('body.newPassword')) {
    if (/differ/.test(text)) return { newPassword: 'passwordSame' };
    if (/fewer/.test(text)) return { newPassword: 'passwordTooShort' };
    return { newPassword: 'passwordTooLong' };
  }
  return { form: 'invalidField' };
}

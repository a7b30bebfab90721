// Turns the server's error body into messages next to the sign-up / log-in fields.
import { fieldOf } from '../../lib/field-errors.ts';
import type { ApiError } from '../../lib/http.ts';

export type AuthField = 'email' | 'password' | 'nickname' | 'form';
export type FieldErrors = Partial<Record<AuthField, string>>;

export function fieldErrors(err: ApiError): FieldErrors {
  if (err.status === 409) return { email: err.message };
  if (err.status === 401) return { form: err.message };
  return { [fieldOf(err, ['email', 'password', 'nickname'] as const)]: err.message };
}

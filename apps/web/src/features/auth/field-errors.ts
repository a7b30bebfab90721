// Turns the server's error body into messages next to the sign-up / log-in fields.
import type { ApiError } from '../../lib/http.ts';

export type AuthField = 'email' | 'password' | 'nickname' | 'form';
export type FieldErrors = Partial<Record<AuthField, string>>;

export function fieldErrors(err: ApiError): FieldErrors {
  if (err.status === 409) return { email: err.message };
  if (err.status === 401) return { form: err.message };
  if (err.status === 400) {
    const text = err.message.toLowerCase();
    for (const f of ['email', 'password', 'nickname'] as const)
      if (text.includes(f)) return { [f]: err.message };
  }
  return { form: err.message };
}

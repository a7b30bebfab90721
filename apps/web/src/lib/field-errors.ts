// The server names the offending field in a 400's message ("body.nickname must NOT have more
// than 30 characters"): find which of a form's fields it is, else the error is the form's.
import type { ApiError } from './http.ts';

export function fieldOf<F extends string>(err: ApiError, fields: readonly F[]): F | 'form' {
  if (err.status !== 400) return 'form';
  const text = err.message.toLowerCase();
  // Longest first: `profileImageUrl` must not be taken for a shorter name inside it.
  const byLength = [...fields].sort((a, b) => b.length - a.length);
  return byLength.find((f) => text.includes(f.toLowerCase())) ?? 'form';
}

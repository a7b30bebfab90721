import { PASSWORD_MAX, PASSWORD_MAX_BYTES, PASSWORD_MIN } from '@chat/contracts';
import { Errors } from '@chat/platform';

/**
 * The whole password policy: 8..72 code points (the route schema checks these too) and at most
 * 72 bytes of UTF-8 (bcrypt's limit, kept so hashes stay portable). Passwords are not
 * normalised: imported bcrypt hashes were made from the exact bytes.
 */
export function checkPassword(password: string, field = 'body.password'): void {
  const codePoints = [...password].length;
  if (codePoints < PASSWORD_MIN)
    throw Errors.badRequest(`${field} must NOT have fewer than ${PASSWORD_MIN} characters`);
  if (codePoints > PASSWORD_MAX)
    throw Errors.badRequest(`${field} must NOT have more than ${PASSWORD_MAX} characters`);
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES) {
    throw Errors.badRequest(`${field} must NOT be longer than ${PASSWORD_MAX_BYTES} bytes of UTF-8`);
  }
}

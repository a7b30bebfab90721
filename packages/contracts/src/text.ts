/**
 * Text rules shared by every service (CONTRACT.md "Text is UTF-8 end to end"): what may appear
 * in names people see (nicknames, room names), how they are normalised, and which URLs are
 * accepted for images.
 */

/**
 * Characters never accepted in a nickname or a room name: C0/C1 controls and DEL (\p{Cc}),
 * bidirectional controls that reorder what others see (U+061C, U+200E, U+200F,
 * U+202A–U+202E, U+2066–U+2069), and invisible characters that make two names look alike
 * (U+200B zero-width space, U+2060–U+2064, U+FEFF, U+00AD soft hyphen). ZWJ and ZWNJ stay
 * allowed: emoji sequences and several scripts need them.
 */
const FORBIDDEN_IN_NAME =
  '\\p{Cc}\\u00AD\\u061C\\u200B\\u200E\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u2069\\uFEFF';

/**
 * JSON Schema pattern (Ajv compiles it with the `u` flag) for a name: none of the forbidden
 * characters, and at least one visible character (not white space, not a format character).
 */
export const NAME_PATTERN = `^[^${FORBIDDEN_IN_NAME}]*[^${FORBIDDEN_IN_NAME}\\s\\p{Cf}][^${FORBIDDEN_IN_NAME}]*$`;

/** A status message: same characters as a name, may be empty. */
export const FREE_TEXT_LINE_PATTERN = `^[^${FORBIDDEN_IN_NAME}]*$`;

/** Names are stored in NFC (one spelling per name: 한 typed on macOS equals 한 typed elsewhere), trimmed. */
export function normalizeName(name: string): string {
  return name.normalize('NFC').trim();
}

/**
 * An absolute http(s) URL with a host, as `new URL` parses it: written out as `http://` or
 * `https://` (new URL alone would accept `https:evil.com` or backslashes), no white space, no
 * `user:password@` (which makes `https://bank.example@evil.example` look like the bank).
 * Refuses javascript:, data:, relative paths.
 */
export function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\/[^\s\\/@][^\s\\]*$/i.test(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return url.hostname !== '' && url.username === '' && url.password === '';
}

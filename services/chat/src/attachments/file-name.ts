import { ATTACHMENT_NAME_MAX } from '@chat/contracts';
import { Errors, unstorableText } from '@chat/platform';

/** C0 and C1 control characters and DEL: never in a file name shown to people. */
const CONTROL = /\p{Cc}/u;
/**
 * Bidirectional controls: they reorder what is shown, so `invoice\u202Efdp.exe` would read as
 * "invoiceexe.pdf". (Joiners stay: emoji sequences need them.)
 */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/**
 * The name an upload was sent with, as it will be shown and offered on download: refused
 * (400, naming the rule) rather than cleaned, so that what the sender sees is what was kept.
 * No folders (`/`, `\`), no `.` or `..`, no control characters or NUL, 1..255 code points.
 */
export function checkFileName(raw: string | undefined): string {
  const name = (raw ?? '').normalize('NFC');
  if (name.trim() === '') throw Errors.badRequest('the file needs a name');
  if (name.includes('/') || name.includes('\\'))
    throw Errors.badRequest('the file name must not contain / or \\');
  if (name === '.' || name === '..') throw Errors.badRequest('the file name must not be . or ..');
  if (CONTROL.test(name)) throw Errors.badRequest('the file name must not contain control characters');
  if (BIDI.test(name)) throw Errors.badRequest('the file name must not contain text direction controls');
  const unstorable = unstorableText(name);
  if (unstorable) throw Errors.badRequest(`the file name ${unstorable}`);
  if ([...name].length > ATTACHMENT_NAME_MAX) {
    throw Errors.badRequest(`the file name must be at most ${ATTACHMENT_NAME_MAX} characters`);
  }
  return name;
}

/**
 * `Content-Disposition` for a download (RFC 6266): `attachment`, or `inline` for what a
 * browser may show; the name as UTF-8 (`filename*`, RFC 8187) with an ASCII stand-in for old
 * clients.
 */
export function contentDisposition(name: string, inline: boolean): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** STOMP 1.2 header value escaping: `\r`, `\n`, `\c` (colon) and `\\`. */
import { StompProtocolError } from './errors.ts';

const NEEDS_ESCAPE = /[\\\r\n:]/;
const ESCAPE_ALL = /[\\\r\n:]/g;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\r': '\\r', '\n': '\\n', ':': '\\c' };

export function escapeHeader(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(ESCAPE_ALL, (c) => ESCAPES[c] ?? c);
}

/** Used where escaping is off (CONNECTED, STOMP 1.0): line breaks cannot be represented at all. */
export function sanitizeHeader(value: string): string {
  return value.includes('\n') || value.includes('\r') ? value.replace(/[\r\n]+/g, ' ') : value;
}

/** Undoes escapeHeader. An undefined escape sequence is a fatal protocol error (spec). */
export function unescapeHeader(value: string): string {
  let out = '';
  let from = 0;
  let i = value.indexOf('\\');
  while (i !== -1) {
    out += value.slice(from, i);
    const next = value.charCodeAt(i + 1);
    if (next === 110 /* n */) out += '\n';
    else if (next === 114 /* r */) out += '\r';
    else if (next === 99 /* c */) out += ':';
    else if (next === 92 /* \ */) out += '\\';
    else
      throw new StompProtocolError(
        `undefined escape sequence in header: ${JSON.stringify(value.slice(i, i + 2))}`,
      );
    from = i + 2;
    i = value.indexOf('\\', from);
  }
  return out + value.slice(from);
}

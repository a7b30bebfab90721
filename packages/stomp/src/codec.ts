/** Frame encoding (STOMP 1.2): `COMMAND LF (name:value LF)* LF body NUL`, content-length for bodies. */
import { escapeHeader, sanitizeHeader } from './escape.ts';
import { escapesHeaders, type OutgoingFrame } from './frame.ts';

export interface EncodeOptions {
  /** Escape header names and values; default: on, except for CONNECT/STOMP/CONNECTED (spec). */
  readonly escaping?: boolean;
}

export const HEARTBEAT_EOL: Buffer = Buffer.from('\n');

export function byteLengthOf(body: string | Uint8Array | undefined): number {
  if (body === undefined) return 0;
  return typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
}

/** Builds the header block (`name:value\n`...) without command, content-length or blank line. */
export function encodeHeaderLines(
  headers: Readonly<Record<string, string | number | undefined>> | undefined,
  escaping: boolean,
): string {
  if (headers === undefined) return '';
  let out = '';
  for (const name in headers) {
    const raw = headers[name];
    if (raw === undefined || name === 'content-length') continue;
    const value = typeof raw === 'string' ? raw : String(raw);
    out += escaping
      ? `${escapeHeader(name)}:${escapeHeader(value)}\n`
      : `${sanitizeHeader(name)}:${sanitizeHeader(value)}\n`;
  }
  return out;
}

/** Writes `head` (UTF-8), then the body, then NUL into one buffer. */
export function assemble(head: string, body: string | Uint8Array | undefined, bodyLength: number): Buffer {
  const headLength = Buffer.byteLength(head);
  const out = Buffer.allocUnsafe(headLength + bodyLength + 1);
  out.write(head, 0, headLength, 'utf8');
  if (bodyLength > 0 && body !== undefined) {
    if (typeof body === 'string') out.write(body, headLength, bodyLength, 'utf8');
    else out.set(body, headLength);
  }
  out[headLength + bodyLength] = 0;
  return out;
}

/** Encodes one frame. A non-empty body always gets a content-length header (binary safe). */
export function encodeFrame(frame: OutgoingFrame, options: EncodeOptions = {}): Buffer {
  const escaping = options.escaping ?? escapesHeaders(frame.command);
  const bodyLength = byteLengthOf(frame.body);
  let head = `${frame.command}\n${encodeHeaderLines(frame.headers, escaping)}`;
  if (bodyLength > 0) head += `content-length:${bodyLength}\n`;
  return assemble(`${head}\n`, frame.body, bodyLength);
}

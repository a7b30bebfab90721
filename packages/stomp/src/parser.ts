/**
 * Incremental STOMP frame parser. Accepts bytes in arbitrary pieces (a frame split across
 * WebSocket messages, several frames in one message), reports heart-beat EOLs between frames and
 * enforces size limits before buffering more than they allow. Bodies are views into the received
 * bytes (no copy on the common path of one frame per message).
 */
import { CloseCode, StompProtocolError } from './errors.ts';
import { unescapeHeader } from './escape.ts';
import {
  createHeaders,
  escapesHeaders,
  isStompCommand,
  type StompCommand,
  type StompFrame,
  type StompHeaders,
} from './frame.ts';

export interface ParserLimits {
  /** Whole frame (command line to NUL). Default 64 KiB. */
  readonly maxFrameBytes: number;
  /** Number of header lines. Default 64. */
  readonly maxHeaders: number;
  /** Command line plus header lines. Default 8 KiB. */
  readonly maxHeaderBytes: number;
}

export const DEFAULT_PARSER_LIMITS: ParserLimits = Object.freeze({
  maxFrameBytes: 64 * 1024,
  maxHeaders: 64,
  maxHeaderBytes: 8 * 1024,
});

export interface FrameSink {
  onFrame(frame: StompFrame): void;
  onHeartbeat(): void;
}

const LF = 10;
const CR = 13;
const LONGEST_COMMAND = 12; // "UNSUBSCRIBE" + CR
const IDLE = 0;
const HEAD = 1;
const BODY = 2;
const DIGITS = /^\d{1,10}$/;

function toBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

export class StompParser {
  /** Unescape header values (STOMP 1.1+) in frames other than CONNECT/STOMP/CONNECTED. */
  escaping = false;
  private readonly sink: FrameSink;
  private readonly limits: ParserLimits;
  private buf: Buffer | null = null;
  private start = 0;
  private end = 0;
  private owned = false;
  private halted = false;
  private phase = IDLE;
  /** Relative to the frame start: next line to read (HEAD) or where to resume the NUL search (BODY). */
  private scanOffset = 0;
  private bodyOffset = 0;
  private contentLength = -1;
  private command: StompCommand | null = null;
  private headers: StompHeaders | null = null;
  private headerCount = 0;

  constructor(sink: FrameSink, limits: ParserLimits = DEFAULT_PARSER_LIMITS) {
    this.sink = sink;
    this.limits = limits;
  }

  /** Bytes held for an incomplete frame. */
  get bufferedBytes(): number {
    return this.buf === null ? 0 : this.end - this.start;
  }

  /** Feeds bytes; calls the sink for every complete frame. Throws StompProtocolError. */
  push(chunk: Uint8Array): void {
    if (this.halted || chunk.byteLength === 0) return;
    const input = toBuffer(chunk);
    let view: Buffer;
    if (this.buf === null) view = input;
    else {
      this.append(input);
      view = (this.buf as Buffer).subarray(this.start, this.end);
    }
    let consumed: number;
    try {
      consumed = this.run(view);
    } catch (err) {
      this.halt();
      throw err;
    }
    if (this.halted || consumed === view.length) {
      this.release();
    } else if (this.buf === null) {
      this.buf = input;
      this.start = consumed;
      this.end = input.length;
      this.owned = false;
    } else {
      this.start += consumed;
    }
  }

  /** Stops parsing: frames still in the current chunk are dropped, later pushes ignored. */
  halt(): void {
    this.halted = true;
    this.release();
  }

  /** Forgets any partial frame and resumes. */
  reset(): void {
    this.halted = false;
    this.release();
    this.phase = IDLE;
  }

  private release(): void {
    this.buf = null;
    this.start = 0;
    this.end = 0;
    this.owned = false;
  }

  /** Appends into spare capacity or a grown copy; never writes over bytes already handed out. */
  private append(input: Buffer): void {
    const buf = this.buf as Buffer;
    if (this.owned && this.end + input.length <= buf.length) {
      input.copy(buf, this.end);
      this.end += input.length;
      return;
    }
    const pending = this.end - this.start;
    const need = pending + input.length;
    const capacity = Math.max(need, Math.min(need * 2, this.limits.maxFrameBytes * 2));
    const next = Buffer.allocUnsafe(capacity);
    buf.copy(next, 0, this.start, this.end);
    input.copy(next, pending);
    this.buf = next;
    this.start = 0;
    this.end = need;
    this.owned = true;
  }

  /** Parses from offset 0 of `data`; returns how many bytes were consumed. */
  private run(data: Buffer): number {
    const end = data.length;
    let pos = 0;
    while (pos < end) {
      if (this.phase === IDLE) {
        const b = data[pos];
        if (b === LF) {
          pos++;
          this.sink.onHeartbeat();
          continue;
        }
        if (b === CR) {
          if (pos + 1 >= end) return pos;
          if (data[pos + 1] !== LF) throw new StompProtocolError('malformed frame: CR not followed by LF');
          pos += 2;
          this.sink.onHeartbeat();
          continue;
        }
        this.phase = HEAD;
        this.scanOffset = 0;
        this.command = null;
        this.headers = null;
        this.headerCount = 0;
        this.contentLength = -1;
      }
      if (this.phase === HEAD && !this.readHead(data, pos)) {
        this.checkIncomplete(end - pos);
        return pos;
      }
      const nul = this.findNul(data, pos);
      if (nul < 0) {
        this.checkIncomplete(end - pos);
        return pos;
      }
      if (nul + 1 - pos > this.limits.maxFrameBytes) throw this.tooLarge();
      const frame: StompFrame = {
        command: this.command as StompCommand,
        headers: this.headers as StompHeaders,
        body: data.subarray(pos + this.bodyOffset, nul),
      };
      this.phase = IDLE;
      this.command = null;
      this.headers = null;
      pos = nul + 1;
      this.sink.onFrame(frame);
      if (this.halted) return pos;
    }
    return pos;
  }

  /** Reads complete lines of the command and header block; true once the blank line is seen. */
  private readHead(data: Buffer, pos: number): boolean {
    let lineStart = pos + this.scanOffset;
    for (;;) {
      const lf = data.indexOf(LF, lineStart);
      if (lf === -1) {
        this.scanOffset = lineStart - pos;
        return false;
      }
      if (lf + 1 - pos > this.limits.maxHeaderBytes) {
        throw new StompProtocolError('frame headers too large', CloseCode.MESSAGE_TOO_BIG);
      }
      const lineEnd = lf > lineStart && data[lf - 1] === CR ? lf - 1 : lf;
      if (this.command === null) {
        this.command = this.readCommand(data, lineStart, lineEnd);
        this.headers = createHeaders();
      } else if (lineEnd === lineStart) {
        this.bodyOffset = lf + 1 - pos;
        this.scanOffset = this.bodyOffset;
        this.contentLength = this.readContentLength();
        this.phase = BODY;
        return true;
      } else {
        this.readHeader(data, lineStart, lineEnd);
      }
      lineStart = lf + 1;
    }
  }

  private readCommand(data: Buffer, start: number, end: number): StompCommand {
    const text = end - start <= LONGEST_COMMAND ? data.toString('latin1', start, end) : '';
    if (isStompCommand(text)) return text;
    const shown = data.toString('utf8', start, Math.min(end, start + 32));
    throw new StompProtocolError(`unknown command: ${JSON.stringify(shown)}`);
  }

  private readHeader(data: Buffer, start: number, end: number): void {
    if (++this.headerCount > this.limits.maxHeaders) {
      throw new StompProtocolError(`too many headers (max ${this.limits.maxHeaders})`);
    }
    const line = data.toString('utf8', start, end);
    const colon = line.indexOf(':');
    if (colon === -1) throw new StompProtocolError('malformed header line: missing colon');
    if (colon === 0) throw new StompProtocolError('malformed header line: empty name');
    let name = line.slice(0, colon);
    let value = line.slice(colon + 1);
    if (this.escaping && escapesHeaders(this.command as StompCommand)) {
      if (name.includes('\\')) name = unescapeHeader(name);
      if (value.includes('\\')) value = unescapeHeader(value);
    }
    const headers = this.headers as StompHeaders;
    if (headers[name] === undefined) headers[name] = value;
  }

  private readContentLength(): number {
    const raw = (this.headers as StompHeaders)['content-length'];
    if (raw === undefined) return -1;
    if (!DIGITS.test(raw)) throw new StompProtocolError(`invalid content-length: ${JSON.stringify(raw)}`);
    const length = Number(raw);
    if (this.bodyOffset + length + 1 > this.limits.maxFrameBytes) throw this.tooLarge();
    return length;
  }

  /** Absolute index of the terminating NUL, or -1 when more bytes are needed. */
  private findNul(data: Buffer, pos: number): number {
    if (this.contentLength >= 0) {
      const nul = pos + this.bodyOffset + this.contentLength;
      if (nul >= data.length) return -1;
      if (data[nul] !== 0)
        throw new StompProtocolError('frame not terminated by NUL after content-length bytes');
      return nul;
    }
    const nul = data.indexOf(0, pos + this.scanOffset);
    if (nul === -1) this.scanOffset = data.length - pos;
    return nul;
  }

  private checkIncomplete(pending: number): void {
    if (this.phase === HEAD && this.command === null && this.scanOffset === 0 && pending > LONGEST_COMMAND) {
      throw new StompProtocolError('unknown command');
    }
    if (this.phase === HEAD && pending > this.limits.maxHeaderBytes) {
      throw new StompProtocolError('frame headers too large', CloseCode.MESSAGE_TOO_BIG);
    }
    if (pending > this.limits.maxFrameBytes) throw this.tooLarge();
  }

  private tooLarge(): StompProtocolError {
    return new StompProtocolError(
      `frame too large (max ${this.limits.maxFrameBytes} bytes)`,
      CloseCode.MESSAGE_TOO_BIG,
    );
  }
}

/** Parses a complete byte string into frames (tests, tools). Throws if bytes are left over. */
export function parseFrames(data: Uint8Array, limits?: ParserLimits, escaping = true): StompFrame[] {
  const frames: StompFrame[] = [];
  const parser = new StompParser({ onFrame: (f) => frames.push(f), onHeartbeat: () => {} }, limits);
  parser.escaping = escaping;
  parser.push(data);
  if (parser.bufferedBytes > 0) throw new StompProtocolError('incomplete frame');
  return frames;
}

/**
 * MESSAGE frame encoding for fan-out. A publish encodes the shared part (every header but
 * `subscription`, plus the body) once; each delivery only joins the subscription's pre-encoded
 * `MESSAGE\nsubscription:<id>\n` prefix to it (one small allocation and copy per delivery).
 */
import { isUtf8 } from 'node:buffer';
import { assemble, byteLengthOf, encodeHeaderLines } from './codec.ts';
import type { MessageBody, MessageHeaders } from './types.ts';

/** Headers the server owns in a MESSAGE; callers cannot override them. */
const RESERVED = new Set([
  'subscription',
  'message-id',
  'destination',
  'content-type',
  'content-length',
  'ack',
]);

/** What a delivery needs to know about its subscription. */
export interface DeliveryTarget {
  /** Pre-encoded `MESSAGE\nsubscription:<id>\n`. */
  readonly prefix: Buffer;
  /** Session speaks 1.1+ (escaped header values). */
  readonly escaping: boolean;
  /** Client-acknowledged subscriptions get an `ack` header. */
  readonly needsAck: boolean;
}

export function encodeSubscriptionPrefix(subscriptionId: string, escaping: boolean): Buffer {
  return Buffer.from(`MESSAGE\n${encodeHeaderLines({ subscription: subscriptionId }, escaping)}`);
}

function tailHeaders(
  messageId: string,
  destination: string,
  headers: MessageHeaders | undefined,
  defaultContentType: string,
): Record<string, string> {
  const out: Record<string, string> = { 'message-id': messageId, destination };
  const contentType = headers?.['content-type'] ?? defaultContentType;
  if (contentType !== '') out['content-type'] = contentType;
  if (headers !== undefined) {
    for (const name in headers) {
      const value = headers[name];
      if (value !== undefined && !RESERVED.has(name)) out[name] = value;
    }
  }
  return out;
}

export class MessageBatch {
  /** Body is not valid UTF-8: must go out as a binary WebSocket message. */
  readonly binary: boolean;
  private readonly messageId: string;
  private readonly headers: Record<string, string>;
  private readonly body: MessageBody;
  private readonly bodyLength: number;
  private readonly tail: Buffer;
  private rawTail: Buffer | null = null;
  private ackLine: Buffer | null = null;

  constructor(
    destination: string,
    messageId: string,
    body: MessageBody,
    headers: MessageHeaders | undefined,
    defaultContentType: string,
  ) {
    this.messageId = messageId;
    this.body = body;
    this.bodyLength = byteLengthOf(body);
    this.binary = typeof body !== 'string' && !isUtf8(body);
    this.headers = tailHeaders(messageId, destination, headers, defaultContentType);
    this.tail = this.encodeTail(true);
  }

  /** The complete frame for one subscription. */
  frameFor(target: DeliveryTarget): Buffer {
    let tail = this.tail;
    if (!target.escaping) {
      if (this.rawTail === null) this.rawTail = this.encodeTail(false);
      tail = this.rawTail;
    }
    const prefix = target.prefix;
    if (!target.needsAck) {
      const out = Buffer.allocUnsafe(prefix.length + tail.length);
      prefix.copy(out, 0);
      tail.copy(out, prefix.length);
      return out;
    }
    if (this.ackLine === null) this.ackLine = Buffer.from(encodeHeaderLines({ ack: this.messageId }, true));
    return Buffer.concat([prefix, this.ackLine, tail]);
  }

  private encodeTail(escaping: boolean): Buffer {
    const lines = encodeHeaderLines(this.headers, escaping);
    const length = this.bodyLength > 0 ? `content-length:${this.bodyLength}\n` : '';
    return assemble(`${lines}${length}\n`, this.body, this.bodyLength);
  }
}

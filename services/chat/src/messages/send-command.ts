import { randomUUID } from 'node:crypto';
import {
  ATTACHMENT_ID_PATTERN,
  CONTENT_MAX,
  EMOTICON_INDEX_MAX,
  type EmoticonRef,
  isHttpUrl,
  type SendBody,
} from '@chat/contracts';
import { Errors, unstorableText } from '@chat/platform';
import { codePointLength } from './message.model.ts';

/** A SEND body as accepted: type and messageKey filled in. */
export type SendPayload = Required<
  Omit<SendBody, 'replyToId' | 'mentionIds' | 'attachmentId' | 'emoticon'>
> & {
  replyToId?: number;
  mentionIds?: number[];
  /** IMAGE and FILE messages: the uploaded attachment; `content` is then its name, filled in when accepted. */
  attachmentId?: string;
  /** EMOTICON messages: the emoticon; `content` is then its alt, filled in when accepted. */
  emoticon?: EmoticonRef;
};

const ATTACHMENT_ID = new RegExp(ATTACHMENT_ID_PATTERN);

const MENTION_IDS_MAX = 50;

/** `mentionIds` as sent: absent, or up to 50 distinct positive integers. */
function parseMentionIds(value: unknown): number[] | undefined {
  if (value === undefined || value === null) return undefined;
  const ok =
    Array.isArray(value) &&
    value.length <= MENTION_IDS_MAX &&
    value.every((v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 1);
  if (!ok) throw Errors.invalidPayload(`mentionIds must be up to ${MENTION_IDS_MAX} user ids`);
  return [...new Set(value as number[])];
}

/** `emoticon` as sent: required for EMOTICON, refused otherwise. */
function parseEmoticon(value: unknown, type: string): EmoticonRef | undefined {
  if (value === undefined || value === null) {
    if (type === 'EMOTICON')
      throw Errors.invalidPayload('an EMOTICON message needs emoticon {itemId, index}');
    return undefined;
  }
  if (type !== 'EMOTICON') throw Errors.invalidPayload('a message with emoticon must be of type EMOTICON');
  const o = (typeof value === 'object' && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
  const { itemId, index } = o;
  if (typeof itemId !== 'number' || !Number.isSafeInteger(itemId) || itemId < 1) {
    throw Errors.invalidPayload('emoticon.itemId must be a positive integer');
  }
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index > EMOTICON_INDEX_MAX) {
    throw Errors.invalidPayload(`emoticon.index must be an integer from 0 to ${EMOTICON_INDEX_MAX}`);
  }
  return { itemId, index };
}

const MESSAGE_KEY = /^[A-Za-z0-9_-]{1,64}$/;

/** Control characters refused in content: C0 except tab, LF and CR; DEL; C1. */
const CONTROL = /(?![\t\n\r])\p{Cc}/u;

/**
 * Validates the body of `SEND /app/chat.send`. Any `senderId` in the body is ignored: the
 * sender is the authenticated user. Throws AppErrors with the contract's STOMP codes.
 */
export function parseSendPayload(body: string): SendPayload {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    throw Errors.invalidPayload('Body is not valid JSON');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw Errors.invalidPayload('Body must be a JSON object');
  }
  const o = raw as Record<string, unknown>;
  const roomId = o.roomId;
  if (typeof roomId !== 'number' || !Number.isSafeInteger(roomId) || roomId < 1) {
    throw Errors.invalidPayload('roomId must be a positive integer');
  }
  const type = o.type ?? 'TEXT';
  if (type !== 'TEXT' && type !== 'IMAGE' && type !== 'FILE' && type !== 'EMOTICON') {
    throw Errors.invalidPayload('type must be TEXT, IMAGE, FILE or EMOTICON');
  }
  const emoticon = parseEmoticon(o.emoticon, type);
  const attachmentId = o.attachmentId ?? undefined;
  if (attachmentId !== undefined && (typeof attachmentId !== 'string' || !ATTACHMENT_ID.test(attachmentId))) {
    throw Errors.invalidPayload('attachmentId must be the id of an upload (22 letters, digits, - and _)');
  }
  if (attachmentId !== undefined && (type === 'TEXT' || type === 'EMOTICON')) {
    throw Errors.invalidPayload('a message with attachmentId must be of type IMAGE or FILE');
  }
  if (type === 'FILE' && attachmentId === undefined) {
    throw Errors.invalidPayload('a FILE message needs attachmentId');
  }
  // An attachment's message shows its name, an emoticon's its alt (filled in when accepted);
  // any content sent is ignored.
  const content = attachmentId !== undefined || emoticon ? '' : checkContent(o.content);
  if (type === 'IMAGE' && attachmentId === undefined && !isHttpUrl(content)) {
    throw Errors.invalidPayload(
      'content of an IMAGE message must be an absolute http(s) URL, or send attachmentId',
    );
  }
  let messageKey: string;
  if (o.messageKey === undefined || o.messageKey === null) messageKey = randomUUID();
  else if (typeof o.messageKey === 'string' && MESSAGE_KEY.test(o.messageKey)) messageKey = o.messageKey;
  else throw Errors.invalidPayload('messageKey must be a UUID (letters, digits, - and _, up to 64)');
  const payload: SendPayload = { roomId, content, type, messageKey };
  if (attachmentId !== undefined) payload.attachmentId = attachmentId;
  if (emoticon) payload.emoticon = emoticon;
  const replyToId = o.replyToId;
  if (replyToId !== undefined && replyToId !== null) {
    if (typeof replyToId !== 'number' || !Number.isSafeInteger(replyToId) || replyToId < 1) {
      throw Errors.invalidPayload('replyToId must be a positive integer');
    }
    payload.replyToId = replyToId;
  }
  const mentionIds = parseMentionIds(o.mentionIds);
  if (mentionIds) payload.mentionIds = mentionIds;
  return payload;
}

/**
 * Content as it may be stored and shown: a string of 1..CONTENT_MAX code points, not blank, no
 * control characters (tab, LF and CR are fine), storable. Throws INVALID_PAYLOAD or
 * CONTENT_TOO_LONG. For new messages and edits alike.
 */
export function checkContent(content: unknown): string {
  if (typeof content !== 'string') throw Errors.invalidPayload('content must be a string');
  // Refused here, before the log: what is accepted (and receipted) must be storable.
  const unstorable = unstorableText(content);
  if (unstorable) throw Errors.invalidPayload(`content ${unstorable}`);
  if (CONTROL.test(content)) {
    throw Errors.invalidPayload('content must not contain control characters (tab, LF and CR are fine)');
  }
  const length = codePointLength(content);
  if (length === 0 || content.trim() === '') throw Errors.invalidPayload('content must not be empty');
  if (length > CONTENT_MAX) {
    throw Errors.contentTooLong(`content is longer than ${CONTENT_MAX} characters`);
  }
  return content;
}

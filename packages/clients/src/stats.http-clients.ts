import {
  AttachmentsRemoved,
  AuthPurged,
  type AuthUpkeepClient,
  type ChatStatsClient,
  type ChatUpkeepClient,
  Count,
  createChecker,
  MessageChunk,
  MessageIdRange,
  statsInternalPaths as paths,
  UnreadCheck,
  type UsersStatsClient,
} from '@chat/contracts';
import { Errors } from '@chat/platform';
import type { HttpCaller } from './http-caller.ts';
import { checkedAnswer } from './internal-caller.ts';

const checkRange = createChecker(MessageIdRange, 'chat: message id range');
const checkChunk = createChecker(MessageChunk, 'chat: message chunk');
const checkCount = createChecker(Count, 'count');
const checkUnread = createChecker(UnreadCheck, 'chat: unread check');
const checkRemoved = createChecker(AttachmentsRemoved, 'chat: attachments removed');
const checkPurged = createChecker(AuthPurged, 'auth: purged');

/** GET of a figure (idempotent, retried by the caller); anything but 200 is SERVICE_UNAVAILABLE. */
async function figure<T>(
  http: HttpCaller,
  service: string,
  path: string,
  query: Record<string, string | number>,
  check: (v: unknown) => T,
): Promise<T> {
  const res = await http.call({
    method: 'GET',
    path,
    query: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])),
    idempotent: true,
  });
  if (res.status !== 200) {
    const message = (res.body as { message?: unknown } | null)?.message;
    throw Errors.unavailable(typeof message === 'string' ? message : `${service} answered ${res.status}`);
  }
  return checkedAnswer(service, check, res.body);
}

/** ChatStatsClient over chat's internal API. */
export function createHttpChatStatsClient(http: HttpCaller): ChatStatsClient {
  return {
    messageIdRange: (r) => figure(http, 'chat', paths.chatMessageIdRange, r, checkRange),
    messageChunk: (q) => figure(http, 'chat', paths.chatMessageChunk, q, checkChunk),
    roomsCreated: async (r) => (await figure(http, 'chat', paths.chatRoomsCreated, r, checkCount)).count,
    peakConnections: async (r) =>
      (await figure(http, 'chat', paths.chatPeakConnections, r, checkCount)).count,
  };
}

/** UsersStatsClient over users' internal API. */
export function createHttpUsersStatsClient(http: HttpCaller): UsersStatsClient {
  return {
    signups: async (r) => (await figure(http, 'users', paths.usersSignups, r, checkCount)).count,
  };
}

/** ChatUpkeepClient over chat's internal API (a repeat is harmless: retried like a read). */
export function createHttpChatUpkeepClient(http: HttpCaller): ChatUpkeepClient {
  return {
    async checkUnread(q) {
      const res = await http.call({ method: 'POST', path: paths.chatUnreadCheck, body: q, idempotent: true });
      if (res.status !== 200) {
        const message = (res.body as { message?: unknown } | null)?.message;
        throw Errors.unavailable(typeof message === 'string' ? message : `chat answered ${res.status}`);
      }
      return checkedAnswer('chat', checkUnread, res.body);
    },
    async cleanUpAttachments() {
      const res = await http.call({ method: 'POST', path: paths.chatAttachmentsCleanUp, idempotent: true });
      if (res.status !== 200) throw Errors.unavailable(`chat answered ${res.status}`);
      return checkedAnswer('chat', checkRemoved, res.body).removed;
    },
  };
}

/** AuthUpkeepClient over auth's internal API (a purge repeated is harmless). */
export function createHttpAuthUpkeepClient(http: HttpCaller): AuthUpkeepClient {
  return {
    async purgeExpired() {
      const res = await http.call({ method: 'POST', path: paths.authPurge, idempotent: true });
      if (res.status !== 200) throw Errors.unavailable(`auth answered ${res.status}`);
      return checkedAnswer('auth', checkPurged, res.body);
    },
  };
}

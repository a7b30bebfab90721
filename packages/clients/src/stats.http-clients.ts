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
  SalesFigures,
  type StoreStatsClient,
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
const checkSales = createChecker(SalesFigures, 'store: sales');

/**
 * One call to a service's internal figures or upkeep (idempotent: retried by the caller); any
 * answer but 200 is SERVICE_UNAVAILABLE, with the service's message when it gave one.
 */
async function call<T>(
  http: HttpCaller,
  service: string,
  request: { method: 'GET' | 'POST'; path: string; query?: Record<string, string | number>; body?: unknown },
  check: (v: unknown) => T,
): Promise<T> {
  const query =
    request.query && Object.fromEntries(Object.entries(request.query).map(([k, v]) => [k, String(v)]));
  const res = await http.call({
    method: request.method,
    path: request.path,
    query,
    body: request.body,
    idempotent: true,
  });
  if (res.status !== 200) {
    const message = (res.body as { message?: unknown } | null)?.message;
    throw Errors.unavailable(typeof message === 'string' ? message : `${service} answered ${res.status}`);
  }
  return checkedAnswer(service, check, res.body);
}

const figure = <T>(
  http: HttpCaller,
  service: string,
  path: string,
  query: Record<string, string | number>,
  check: (v: unknown) => T,
) => call(http, service, { method: 'GET', path, query }, check);

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

/** StoreStatsClient over the store's internal API. */
export function createHttpStoreStatsClient(http: HttpCaller): StoreStatsClient {
  return {
    salesOfDay: (r) => figure(http, 'store', paths.storeSales, r, checkSales),
  };
}

/** ChatUpkeepClient over chat's internal API (a repeat is harmless: retried like a read). */
export function createHttpChatUpkeepClient(http: HttpCaller): ChatUpkeepClient {
  return {
    checkUnread: (q) =>
      call(http, 'chat', { method: 'POST', path: paths.chatUnreadCheck, body: q }, checkUnread),
    cleanUpAttachments: async () =>
      (await call(http, 'chat', { method: 'POST', path: paths.chatAttachmentsCleanUp }, checkRemoved))
        .removed,
  };
}

/** AuthUpkeepClient over auth's internal API (a purge repeated is harmless). */
export function createHttpAuthUpkeepClient(http: HttpCaller): AuthUpkeepClient {
  return {
    purgeExpired: () => call(http, 'auth', { method: 'POST', path: paths.authPurge }, checkPurged),
  };
}

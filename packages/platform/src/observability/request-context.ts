import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The request id of the work in progress, from the edge to the end: entered for each HTTP
 * request (its `X-Request-Id`, given by the gateway or the client, else a new one), each STOMP
 * frame of a session (the id of the session's upgrade request), each event-log batch whose
 * records came from one request. Log lines written inside carry it as `reqId`; calls to other
 * services send it as `X-Request-Id`; appended records carry it in their headers.
 */
const storage = new AsyncLocalStorage<string>();

/** The header every hop uses (HTTP, event-log record headers). */
export const REQUEST_ID_HEADER = 'x-request-id';

/** A request id as accepted from outside: short, and safe to put in a log line or a header. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** Runs `fn` (and everything it starts) with `id` as the current request id. */
export function withRequestId<T>(id: string, fn: () => T): T {
  return storage.run(id, fn);
}

/** The current request id, or undefined outside any request. */
export function currentRequestId(): string | undefined {
  return storage.getStore();
}

/**
 * Runs `fn` (and everything it starts) outside any request: for work a request only sets off
 * and that goes on for others too (a relay pass, a shared single-flight check), whose lines and
 * appended records must not carry the id of whichever request happened to start it.
 */
export function withoutRequestId<T>(fn: () => T): T {
  return storage.exit(fn);
}

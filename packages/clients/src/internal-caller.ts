import { INTERNAL_TOKEN_HEADER } from '@chat/contracts';
import { Errors } from '@chat/platform';
import { type BreakerOptions, createHttpCaller, type HttpCaller } from './http-caller.ts';

/** Where a service's internal API is and how to call it (every internal HTTP client takes these). */
export interface InternalClientOptions {
  baseUrl: string;
  internalToken: string;
  timeoutMs?: number;
  retries?: number;
  retryDelayMs?: number;
  breaker?: BreakerOptions;
}

/** An HTTP caller to `service`'s internal API, carrying the internal token. */
export function createInternalCaller(service: string, opts: InternalClientOptions): HttpCaller {
  return createHttpCaller({
    name: service,
    baseUrl: opts.baseUrl,
    headers: { [INTERNAL_TOKEN_HEADER]: opts.internalToken },
    timeoutMs: opts.timeoutMs,
    retries: opts.retries,
    retryDelayMs: opts.retryDelayMs,
    breaker: opts.breaker,
  });
}

/** `check(body)`, or SERVICE_UNAVAILABLE when `service` answered a shape it should not. */
export function checkedAnswer<T>(service: string, check: (v: unknown) => T, body: unknown): T {
  try {
    return check(body);
  } catch (err) {
    throw Errors.unavailable(`${service} service answered an unexpected shape: ${(err as Error).message}`);
  }
}

import { currentRequestId, Errors, REQUEST_ID_HEADER } from '@chat/platform';
import CircuitBreaker from 'opossum';

export interface BreakerOptions {
  /** Failure percentage (within the rolling window) that opens the circuit. Default 50. */
  errorThresholdPercentage?: number;
  /** How long the circuit stays open before one trial call. Default 5000 ms. */
  resetTimeoutMs?: number;
  /** Calls in the window before the circuit may open at all. Default 10. */
  volumeThreshold?: number;
  /** The rolling window. Default 10000 ms. */
  rollingCountTimeoutMs?: number;
}

export interface HttpCallerOptions {
  /** Names the target in errors and logs ("users"). */
  name: string;
  baseUrl: string;
  /** Sent with every request (e.g. the internal token). */
  headers?: Readonly<Record<string, string>>;
  /** Per attempt. Default 2000 ms. */
  timeoutMs?: number;
  /** Extra attempts for idempotent calls after a network error, timeout or 5xx. Default 2. */
  retries?: number;
  /** First retry delay; doubles each time, with jitter. Default 50 ms. */
  retryDelayMs?: number;
  breaker?: BreakerOptions;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Readonly<Record<string, string>>;
  body?: unknown;
  /** Safe to send twice: retried after transport failures. */
  idempotent: boolean;
}

/** A response below 500 (4xx are answers, not failures of the target). */
export interface HttpResponse {
  status: number;
  body: unknown;
}

/** 'open': calls fail fast without reaching the target; 'half-open': the next call is a trial. */
export type BreakerState = 'closed' | 'open' | 'half-open';

export interface HttpCaller {
  call(req: HttpRequest): Promise<HttpResponse>;
  /** The circuit's state now (health reports it). */
  state(): BreakerState;
  /** The circuit breaker itself (events, tests). */
  readonly breaker: CircuitBreaker<[HttpRequest], HttpResponse>;
}

/** A failure of the target itself (network, timeout, 5xx): counts against the breaker, may be retried. */
class TransportError extends Error {
  override name = 'TransportError';
}

/**
 * Calls another service over HTTP. Each attempt has a timeout and passes through a circuit
 * breaker (an open circuit fails fast, without retries); idempotent calls are retried with
 * exponential backoff. Failures surface as SERVICE_UNAVAILABLE.
 */
export function createHttpCaller(opts: HttpCallerOptions): HttpCaller {
  const timeoutMs = opts.timeoutMs ?? 2000;
  const retries = opts.retries ?? 2;
  const retryDelayMs = opts.retryDelayMs ?? 50;
  const base = opts.baseUrl.replace(/\/+$/, '');

  async function attempt(req: HttpRequest): Promise<HttpResponse> {
    const url = new URL(base + req.path);
    for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
    // The request this call is part of: the callee logs its lines with the same id.
    const requestId = currentRequestId();
    if (requestId !== undefined) headers[REQUEST_ID_HEADER] = requestId;
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(url, {
        method: req.method,
        headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      const e = err as Error;
      throw new TransportError(e.name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : e.message);
    }
    const text = await res.text().catch(() => '');
    if (res.status >= 500) throw new TransportError(`answered ${res.status}`);
    let body: unknown = null;
    if (text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        throw new TransportError(`answered ${res.status} with a body that is not JSON`);
      }
    }
    return { status: res.status, body };
  }

  const breaker = new CircuitBreaker<[HttpRequest], HttpResponse>(attempt, {
    name: opts.name,
    timeout: false,
    errorThresholdPercentage: opts.breaker?.errorThresholdPercentage ?? 50,
    resetTimeout: opts.breaker?.resetTimeoutMs ?? 5000,
    volumeThreshold: opts.breaker?.volumeThreshold ?? 10,
    rollingCountTimeout: opts.breaker?.rollingCountTimeoutMs ?? 10_000,
  });

  const unavailable = (reason: string) => Errors.unavailable(`${opts.name} service unavailable: ${reason}`);

  return {
    breaker,
    state: () => (breaker.halfOpen ? 'half-open' : breaker.opened ? 'open' : 'closed'),
    async call(req) {
      for (let n = 0; ; n++) {
        try {
          return await breaker.fire(req);
        } catch (err) {
          if (breaker.opened || CircuitBreaker.isOurError(err as Error)) throw unavailable('circuit open');
          if (!(err instanceof TransportError)) throw err;
          if (!req.idempotent || n >= retries) throw unavailable(err.message);
          const delay = retryDelayMs * 2 ** n;
          await new Promise((r) => setTimeout(r, delay / 2 + Math.random() * delay));
        }
      }
    },
  };
}

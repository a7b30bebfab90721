/**
 * Which failures of a consumer's handler (or of the log itself) are worth waiting out, and
 * which can never succeed. The partition loop retries transient failures without limit (the
 * partition waits, its lag shows it) and dead-letters permanent ones after one solo attempt;
 * anything else is retried up to the consumer's maxAttempts.
 */
export type FailureKind = 'transient' | 'permanent' | 'unknown';

/** Thrown (or wrapped) by handlers for a record that can never be handled, e.g. undecodable. */
export class PermanentError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentError';
  }
}

/**
 * Thrown (or wrapped) for an outage a retry can outlast that carries no code of its own, e.g.
 * another service answering 5xx or not answering at all.
 */
export class TransientError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientError';
  }
}

/** Node/libuv socket and DNS errors: the other side is down, restarting or unreachable. */
const TRANSIENT_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTCONN',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ESOCKETTIMEDOUT',
  'ERR_SOCKET_CLOSED',
  'ERR_STREAM_DESTROYED',
]);

/** NATS client codes (`@nats-io/nats-core` errors): disconnected, timed out, no responders. */
const TRANSIENT_NATS = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_DRAINING',
  'CONNECTION_REFUSED',
  'CONNECTION_TIMEOUT',
  'DISCONNECT',
  'TIMEOUT',
  'NO_RESPONDERS',
  '503',
]);

/** PostgreSQL SQLSTATE: connection (08), resources (53), operator intervention (57P01..03),
 * serialization/deadlock (40001, 40P01), lock timeout (55P03), query canceled (57014). */
function pgKind(code: string): FailureKind | undefined {
  if (!/^[0-9A-Z]{5}$/.test(code)) return undefined;
  const cls = code.slice(0, 2);
  if (cls === '08' || cls === '53') return 'transient';
  if (['57P01', '57P02', '57P03', '57014', '40001', '40P01', '55P03', '58000', '58030'].includes(code))
    return 'transient';
  if (cls === '22' || cls === '23') return 'permanent';
  return 'unknown';
}

/** Messages of errors that carry no code (pg-pool, pg on a dead socket, ioredis, NATS). */
const TRANSIENT_MESSAGE =
  /connection (terminated|refused|reset|lost|closed|timeout|is closed|ended)|timeout exceeded when trying to connect|client has encountered a connection error|cannot use a pool after calling end|socket (hang up|closed)|server closed the connection|Connection is closed|Stream isn't writeable|max retries per request|the database system is (starting up|shutting down|in recovery)|timed? ?out|TIMEOUT|disconnect|no responders|not connected/i;

function kindOfOne(err: unknown): FailureKind {
  if (err instanceof PermanentError || err instanceof SyntaxError) return 'permanent';
  if (err instanceof TransientError) return 'transient';
  if (typeof err !== 'object' || err === null) return 'unknown';
  const e = err as { code?: unknown; errno?: unknown; message?: unknown; name?: unknown };
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code) {
    if (TRANSIENT_ERRNO.has(code) || TRANSIENT_NATS.has(code)) return 'transient';
    const pg = pgKind(code);
    if (pg && pg !== 'unknown') return pg;
  }
  if (e.name === 'AbortError' || e.name === 'TimeoutError') return 'transient';
  if (typeof e.message === 'string' && TRANSIENT_MESSAGE.test(e.message)) return 'transient';
  return 'unknown';
}

/**
 * Classifies an error by itself and its causes (`cause`, AggregateError's `errors`): any
 * transient part makes the whole transient (the outage is the reason), else any permanent
 * part makes it permanent.
 */
export function classifyFailure(err: unknown): FailureKind {
  const seen = new Set<unknown>();
  let permanent = false;
  const visit = (e: unknown, depth: number): boolean => {
    if (depth > 8 || seen.has(e)) return false;
    seen.add(e);
    const kind = kindOfOne(e);
    if (kind === 'transient') return true;
    if (kind === 'permanent') permanent = true;
    if (typeof e === 'object' && e !== null) {
      const { cause, errors } = e as { cause?: unknown; errors?: unknown };
      if (cause !== undefined && visit(cause, depth + 1)) return true;
      if (Array.isArray(errors)) for (const x of errors) if (visit(x, depth + 1)) return true;
    }
    return false;
  };
  if (visit(err, 0)) return 'transient';
  return permanent ? 'permanent' : 'unknown';
}

/** A dependency outage or contention: retrying later can succeed. */
export function isTransientError(err: unknown): boolean {
  return classifyFailure(err) === 'transient';
}

/** A failure no retry can fix (bad data, constraint, undecodable record). */
export function isPermanentError(err: unknown): boolean {
  return classifyFailure(err) === 'permanent';
}

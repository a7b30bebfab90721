/** Socket errors of a dependency that is down or unreachable. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);
/**
 * PostgreSQL: connection exceptions (08xxx), shutting down / cannot connect now (57P0x), and
 * a transaction chosen to lose a deadlock or a serialization conflict (40P01, 40001): both
 * succeed when tried again.
 */
const POSTGRES_CODES = /^(08\d{3}|57P0[1-3]|40001|40P01)$/;
/** What ioredis and pg say when their connection is gone or a command got no answer. */
const MESSAGES =
  /Stream isn't writeable|Connection is closed|Command timed out|Reached the max retries per request|Connection terminated|timeout exceeded when trying to connect/;

/**
 * True for an error that says a dependency (database, cache, broker) is down or not answering,
 * not that the request or the code is wrong: the client should retry later (503), not file a
 * bug (500).
 */
export function isDependencyFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; name?: unknown; message?: unknown };
  if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || POSTGRES_CODES.test(e.code))) return true;
  if (e.name === 'MaxRetriesPerRequestError') return true;
  return typeof e.message === 'string' && MESSAGES.test(e.message);
}

/**
 * An answer that says the instance itself is failing: a bad gateway or timeout in front of it,
 * or a 503 that closes the connection (a node draining on shutdown). A plain 503 is passed on
 * as it is: a healthy node says that when one of its own dependencies is down (chat while
 * users is), and ejecting it would move load without helping anyone.
 */
export function instanceFailed(status: number, headers: Readonly<Record<string, unknown>>): boolean {
  if (status === 502 || status === 504) return true;
  return status === 503 && String(headers.connection ?? '').toLowerCase() === 'close';
}

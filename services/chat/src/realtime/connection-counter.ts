/**
 * Open STOMP connections per user on this node. Checked when a CONNECT authenticates, counted
 * once it completes: sessions authenticating at the same moment can pass the check together,
 * so the limit is exact only up to the CONNECTs in flight.
 */
export function createConnectionCounter(maxPerUser: number) {
  const open = new Map<number, number>();
  return {
    full: (userId: number): boolean => (open.get(userId) ?? 0) >= maxPerUser,
    opened(userId: number): void {
      open.set(userId, (open.get(userId) ?? 0) + 1);
    },
    closed(userId: number): void {
      const n = (open.get(userId) ?? 0) - 1;
      if (n > 0) open.set(userId, n);
      else open.delete(userId);
    },
  };
}

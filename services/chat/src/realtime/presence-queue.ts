/**
 * Runs jobs one at a time per key, in the order they were queued; keys run concurrently. A
 * failing job is reported and does not stop the ones after it.
 */
export function createKeyedQueue<K>(onError: (err: unknown, key: K) => void) {
  const tails = new Map<K, Promise<void>>();
  return {
    push(key: K, job: () => Promise<void>): Promise<void> {
      const next = (tails.get(key) ?? Promise.resolve()).then(job).catch((err: unknown) => onError(err, key));
      tails.set(key, next);
      void next.then(() => {
        if (tails.get(key) === next) tails.delete(key);
      });
      return next;
    },
    /** Resolves once every job queued so far has run. */
    async drain(): Promise<void> {
      while (tails.size > 0) await Promise.all([...tails.values()]);
    },
  };
}

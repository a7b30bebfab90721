import { type Cache, type Logger, withoutRequestId } from '@chat/platform';
import { type DurableRevocations, revocationKeys } from '@chat/security';

/** How often auth looks for the epoch sentinel (one GET). */
const CHECK_EVERY_MS = 2000;

/**
 * Keeps the cache's copy of the revocation state complete: rebuilds it from the database on
 * start, whenever the epoch sentinel is missing (the cache lost its data) and after a cache
 * write failed. Until then verifiers do not trust the cache (they ask auth's database).
 */
export function createRevocationCache(deps: {
  cache: Cache;
  revocations: DurableRevocations;
  logger: Logger;
}) {
  const { cache, revocations, logger } = deps;
  let dirty = true;
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function check(): Promise<void> {
    const lost = dirty || (await cache.get(revocationKeys.epoch)) === null;
    if (!lost) return;
    dirty = false;
    try {
      const entries = await revocations.rebuildCache();
      logger.info({ entries }, 'revocation cache rebuilt from the database');
    } catch (err) {
      dirty = true;
      throw err;
    }
  }

  /** Runs a check now unless one is running (single flight); never throws. */
  function kick(): Promise<void> {
    // Shared by whoever kicks while it runs: outside the request that started it.
    running ??= withoutRequestId(check)
      .catch((err: unknown) => logger.debug({ err }, 'revocation cache check failed (cache unreachable?)'))
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  return {
    kick,
    /** A cache write failed: the next check rebuilds. */
    markDirty(err: unknown) {
      dirty = true;
      logger.warn({ err }, 'revocation not written to the cache; it will be rebuilt from the database');
      void kick();
    },
    async start() {
      await kick();
      timer = setInterval(() => void kick(), CHECK_EVERY_MS);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

import type { Logger } from 'pino';
import type { SqlDatabase } from '../ports/sql.ts';

/** How often the embedded database refreshes its planner statistics. */
export const ANALYZE_EVERY_MS = 60 * 60_000;

/**
 * What autovacuum does for a PostgreSQL server and nothing does for PGlite (a single-user
 * PostgreSQL): refreshes the planner's statistics with ANALYZE every hour, so plans keep up
 * with the data (the search query chooses between its index and the newest messages by them).
 * ANALYZE samples at most 30,000 rows a table: a fraction of a second at a million messages.
 * The event log vacuums its own tables (log/embedded/maintenance.ts); the chat tables are
 * updated in place (HOT) and cleaned as they are read.
 */
export function startEmbeddedUpkeep(
  db: SqlDatabase,
  logger: Pick<Logger, 'debug' | 'warn'>,
  everyMs = ANALYZE_EVERY_MS,
): { close(): Promise<void> } {
  let running: Promise<void> | undefined;
  const run = () => {
    running ??= (async () => {
      const started = performance.now();
      try {
        await db.query('analyze');
        logger.debug({ ms: Math.round(performance.now() - started) }, 'embedded database analyzed');
      } catch (err) {
        logger.warn({ err }, 'embedded database: analyze failed');
      } finally {
        running = undefined;
      }
    })();
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  return {
    async close() {
      clearInterval(timer);
      await running;
    },
  };
}

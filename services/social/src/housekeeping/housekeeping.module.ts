import type { Cache, Config, Logger, Metrics, ObjectStore, SqlDatabase } from '@chat/platform';
import { createNotificationsRepository } from '../notifications/notifications.repository.ts';
import { createPostsRepository } from '../posts/posts.repository.ts';
import { createRankingsRepository } from '../rankings/rankings.repository.ts';
import { createSweep } from './sweep.ts';
import { createSweepMetrics } from './sweep-metrics.ts';
import { createSweeper, type Sweeper } from './sweeper.ts';

/**
 * The social service's housekeeping: a sweeper that removes uploads never attached, the
 * images of deleted posts and old notifications, on one node at a time (sweep.ts, sweeper.ts).
 * `metrics`: the process's registry (`social_sweep_removed_total`); none in tests that build
 * several.
 */
export function createHousekeeping(deps: {
  db: SqlDatabase;
  storage: ObjectStore;
  cache: Cache;
  logger: Logger;
  config: Config['social'];
  metrics?: Metrics;
  /** Rows per statement (SWEEP_BATCH); tests make it small. */
  batch?: number;
}): Sweeper {
  const sweep = createSweep({
    posts: createPostsRepository(deps.db),
    notifications: createNotificationsRepository(deps.db),
    rankings: createRankingsRepository(deps.db),
    storage: deps.storage,
    logger: deps.logger,
    keepNotifications: {
      readMs: deps.config.keepReadNotificationsMs,
      allMs: deps.config.keepNotificationsMs,
    },
  });
  return createSweeper({
    sweep,
    cache: deps.cache,
    logger: deps.logger,
    intervalMs: deps.config.sweepIntervalMs,
    removed: deps.metrics && createSweepMetrics(deps.metrics),
  });
}

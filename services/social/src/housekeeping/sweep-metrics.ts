import type { Metrics } from '@chat/platform';
import { Counter } from 'prom-client';
import type { SweepCounts } from './sweep.ts';

/** `social_sweep_removed_total{what}`: what the sweeps of this node removed. */
export function createSweepMetrics(metrics: Metrics): (counts: SweepCounts) => void {
  const removed = new Counter({
    name: 'social_sweep_removed_total',
    help: 'What the social sweeper removed: uploads never attached, images of deleted posts, old notifications, old days of post views',
    labelNames: ['what'] as const,
    registers: [metrics.registry],
  });
  return (counts) => {
    removed.inc({ what: 'uploads' }, counts.uploads);
    removed.inc({ what: 'post_images' }, counts.postImages);
    removed.inc({ what: 'notifications' }, counts.notifications);
    removed.inc({ what: 'view_days' }, counts.viewDays);
  };
}

import type { Metrics } from '@chat/platform';
import { Gauge } from 'prom-client';
import type { OutboxRelay } from './outbox-relay.ts';

/** The outbox backlog at scrape time: how many user events wait, and for how long. */
export function registerOutboxMetrics(metrics: Metrics, relay: Pick<OutboxRelay, 'backlog'>): void {
  const backlog = () => relay.backlog().catch(() => ({ pending: 0, oldestAgeSec: 0 }));
  const registers = [metrics.registry];
  new Gauge({
    name: 'users_outbox_pending',
    help: 'User events committed but not yet appended to the event log (all nodes)',
    registers,
    async collect() {
      this.set((await backlog()).pending);
    },
  });
  new Gauge({
    name: 'users_outbox_oldest_age_seconds',
    help: 'Age of the oldest user event waiting in the outbox (0 when empty)',
    registers,
    async collect() {
      this.set((await backlog()).oldestAgeSec);
    },
  });
}

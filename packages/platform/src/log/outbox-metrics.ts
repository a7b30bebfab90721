import { Gauge } from 'prom-client';
import type { Metrics } from '../observability/metrics.ts';
import type { OutboxRelay } from './outbox-relay.ts';

/**
 * An outbox's backlog at scrape time: `<prefix>_outbox_pending` and
 * `<prefix>_outbox_oldest_age_seconds` (`users`, `store`).
 */
export function registerOutboxMetrics(
  metrics: Metrics,
  relay: Pick<OutboxRelay, 'backlog'>,
  prefix: string,
  what: string,
): void {
  const backlog = () => relay.backlog().catch(() => ({ pending: 0, oldestAgeSec: 0 }));
  const registers = [metrics.registry];
  new Gauge({
    name: `${prefix}_outbox_pending`,
    help: `${what} committed but not yet appended to the event log (all nodes)`,
    registers,
    async collect() {
      this.set((await backlog()).pending);
    },
  });
  new Gauge({
    name: `${prefix}_outbox_oldest_age_seconds`,
    help: `Age of the oldest of the ${what} waiting in the outbox (0 when empty)`,
    registers,
    async collect() {
      this.set((await backlog()).oldestAgeSec);
    },
  });
}

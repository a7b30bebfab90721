import { Gauge, type Registry } from 'prom-client';
import type { PoolStats, SqlDatabase } from '../ports/sql.ts';

/**
 * Connection pool gauges, read at scrape time from `db.stats()`. A database without a pool
 * (PGlite: one connection behind a mutex) reports none of them.
 */
export function registerDatabaseMetrics(registry: Registry, db: SqlDatabase): void {
  const gauge = (name: string, help: string, pick: (s: PoolStats) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['adapter'] as const,
      registers: [registry],
      collect() {
        const stats = db.stats?.();
        if (stats) this.set({ adapter: db.adapter }, pick(stats));
      },
    });
  gauge('db_pool_connections', 'Open connections of the database pool', (s) => s.total);
  gauge('db_pool_idle_connections', 'Idle connections of the database pool', (s) => s.idle);
  gauge('db_pool_waiting_clients', 'Callers waiting for a connection of the database pool', (s) => s.waiting);
}

import { withTimeout } from '../async/with-timeout.ts';
import type { Component, ComponentHealth } from '../ports/health.ts';

export interface HealthReport {
  status: 'UP' | 'DOWN';
  components: Record<string, ComponentHealth>;
}

const CHECK_TIMEOUT_MS = 2000;

async function checkOne(component: Component): Promise<ComponentHealth> {
  try {
    return await withTimeout(component.health(), CHECK_TIMEOUT_MS, 'health check');
  } catch (err) {
    return { status: 'DOWN', details: { adapter: component.adapter, error: (err as Error).message } };
  }
}

/** Checks every component concurrently; the whole is UP when no part is DOWN (DEGRADED still serves). */
export async function checkHealth(components: Readonly<Record<string, Component>>): Promise<HealthReport> {
  const entries = await Promise.all(
    Object.entries(components).map(async ([name, c]) => [name, await checkOne(c)] as const),
  );
  const report = Object.fromEntries(entries);
  return { status: entries.some(([, h]) => h.status === 'DOWN') ? 'DOWN' : 'UP', components: report };
}

/** What anyone may see: each component's status and adapter name, no addresses or paths. */
export function publicHealth(report: HealthReport): HealthReport {
  const components = Object.fromEntries(
    Object.entries(report.components).map(([name, c]) => [
      name,
      { status: c.status, details: { adapter: c.details.adapter } },
    ]),
  );
  return { status: report.status, components };
}

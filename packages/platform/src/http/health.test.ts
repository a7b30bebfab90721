import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Component, ComponentHealth } from '../ports/health.ts';
import { checkHealth, publicHealth } from './health.ts';

const component = (health: ComponentHealth): Component => ({
  adapter: health.details.adapter,
  health: async () => health,
  close: async () => undefined,
});

describe('health report', () => {
  test('a DEGRADED component keeps the whole UP and shows its state to admins', async () => {
    const report = await checkHealth({
      db: component({ status: 'UP', details: { adapter: 'postgres' } }),
      users: component({ status: 'DEGRADED', details: { adapter: 'http', breaker: 'open' } }),
    });
    assert.equal(report.status, 'UP');
    assert.deepEqual(report.components.users, {
      status: 'DEGRADED',
      details: { adapter: 'http', breaker: 'open' },
    });
    assert.deepEqual(publicHealth(report).components.users, {
      status: 'DEGRADED',
      details: { adapter: 'http' },
    });
  });

  test('a DOWN component, or one whose check throws, makes the whole DOWN', async () => {
    const down = await checkHealth({
      users: component({ status: 'DEGRADED', details: { adapter: 'http' } }),
      cache: component({ status: 'DOWN', details: { adapter: 'redis' } }),
    });
    assert.equal(down.status, 'DOWN');
    const throwing: Component = {
      adapter: 'redis',
      health: async () => {
        throw new Error('connection refused');
      },
      close: async () => undefined,
    };
    const failed = await checkHealth({ cache: throwing });
    assert.equal(failed.status, 'DOWN');
    assert.equal(failed.components.cache?.details.error, 'connection refused');
  });
});

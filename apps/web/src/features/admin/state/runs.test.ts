import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DailyStatistics, ExecutionDetail } from '../../../lib/wire.ts';
import { isActive, lastDays, progressOf, statsSeries } from './runs.ts';

const step = (status: ExecutionDetail['steps'][number]['status'], done = 0, total: number | null = null) => ({
  name: 's',
  status,
  counts: { read: done, written: 0, skipped: 0 },
  done,
  total,
  startedAt: null,
  endedAt: null,
});

test('progress: finished steps whole, the running one by done/total; ended runs at 100', () => {
  assert.equal(progressOf({ status: 'queued', steps: [step('pending'), step('pending')] }), 0);
  assert.equal(
    progressOf({
      status: 'running',
      steps: [step('completed'), step('running', 250, 1000), step('pending'), step('pending')],
    }),
    31,
  );
  // A total that was an estimate never pushes a step past whole.
  assert.equal(progressOf({ status: 'running', steps: [step('running', 1200, 1000), step('pending')] }), 50);
  assert.equal(progressOf({ status: 'running', steps: [step('running', 10, null)] }), 0);
  assert.equal(progressOf({ status: 'completed', steps: [step('completed'), step('running', 5, 10)] }), 100);
  assert.equal(progressOf({ status: 'failed', steps: [step('completed'), step('failed', 1, 2)] }), 75);
  assert.equal(progressOf({ status: 'running', steps: [] }), 0);
});

test('active runs are queued or running', () => {
  assert.deepEqual(
    (['queued', 'running', 'completed', 'failed', 'skipped'] as const).map((status) => isActive({ status })),
    [true, true, false, false, false],
  );
});

test('stats series in day order, null where a figure is not computed', () => {
  const day = (d: string, direct: number, group: number, active: number | null): DailyStatistics => ({
    day: d,
    timeZone: 'Asia/Seoul',
    messages: { direct, group, total: direct + group },
    activeUsers: active,
    weeklyActiveUsers: null,
    monthlyActiveUsers: null,
    signups: null,
    roomsCreated: null,
    peakConnections: null,
    computedAt: null,
  });
  const s = statsSeries([day('2026-12-06', 5, 6, 2), day('2026-12-05', 1, 2, null)]);
  assert.deepEqual(s.days, ['2026-12-05', '2026-12-06']);
  assert.deepEqual(s.x, [
    Date.parse('2026-12-05T00:00:00Z') / 1000,
    Date.parse('2026-12-06T00:00:00Z') / 1000,
  ]);
  assert.deepEqual(
    [s.direct, s.group, s.active],
    [
      [1, 5],
      [2, 6],
      [null, 2],
    ],
  );
});

test('the last n days end with today', () => {
  assert.deepEqual(lastDays('2026-03-02', 30), { from: '2026-02-01', to: '2026-03-02' });
  assert.deepEqual(lastDays('2026-12-07', 1), { from: '2026-12-07', to: '2026-12-07' });
});

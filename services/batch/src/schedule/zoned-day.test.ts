import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays, dayOf, dayRange, isDay, startOfDay } from './zoned-day.ts';

test('a day in Seoul starts at 15:00 UTC the day before and lasts 24 hours', () => {
  const { from, to } = dayRange('2026-12-07', 'Asia/Seoul');
  assert.equal(from.toISOString(), '2026-12-06T15:00:00.000Z');
  assert.equal(to.toISOString(), '2026-12-07T15:00:00.000Z');
});

test('days across DST changes: 23 and 25 hours in Berlin, midnight found either side', () => {
  const spring = dayRange('2026-03-29', 'Europe/Berlin');
  assert.equal(spring.from.toISOString(), '2026-03-28T23:00:00.000Z');
  assert.equal(spring.to.getTime() - spring.from.getTime(), 23 * 3_600_000);
  const autumn = dayRange('2026-10-25', 'Europe/Berlin');
  assert.equal(autumn.from.toISOString(), '2026-10-24T22:00:00.000Z');
  assert.equal(autumn.to.getTime() - autumn.from.getTime(), 25 * 3_600_000);
  assert.equal(startOfDay('2026-07-01', 'America/New_York').toISOString(), '2026-07-01T04:00:00.000Z');
});

test('dayOf, addDays and isDay', () => {
  assert.equal(dayOf(new Date('2026-12-06T15:00:00Z'), 'Asia/Seoul'), '2026-12-07');
  assert.equal(dayOf(new Date('2026-12-06T14:59:59Z'), 'Asia/Seoul'), '2026-12-06');
  assert.equal(addDays('2026-03-01', -1), '2026-02-28');
  assert.equal(addDays('2026-12-31', 1), '2027-01-01');
  assert.ok(isDay('2024-02-29'));
  assert.ok(!isDay('2026-02-29'));
  assert.ok(!isDay('2026-1-01'));
});

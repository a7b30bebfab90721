import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inQuietHours } from './push-rules.ts';

const at = (iso: string) => new Date(iso);

test('quiet hours in the user’s time zone, start included, end not, across midnight too', () => {
  const night = { dndStart: 22 * 60, dndEnd: 7 * 60, timeZone: 'Asia/Seoul' };
  // 2026-12-06T13:30Z is 22:30 in Seoul (UTC+9); 21:59 and 07:00 local are outside.
  assert.equal(inQuietHours(at('2026-12-06T13:30:00Z'), night), true);
  assert.equal(inQuietHours(at('2026-12-06T12:59:00Z'), night), false);
  assert.equal(inQuietHours(at('2026-12-06T13:00:00Z'), night), true, 'from 22:00');
  assert.equal(inQuietHours(at('2026-12-06T21:59:00Z'), night), true, '06:59 next morning');
  assert.equal(inQuietHours(at('2026-12-06T22:00:00Z'), night), false, 'until 07:00');
  const lunch = { dndStart: 12 * 60, dndEnd: 13 * 60, timeZone: 'UTC' };
  assert.equal(inQuietHours(at('2026-12-06T12:30:00Z'), lunch), true);
  assert.equal(inQuietHours(at('2026-12-06T13:00:00Z'), lunch), false);
  assert.equal(
    inQuietHours(at('2026-12-06T12:30:00Z'), { dndStart: null, dndEnd: null, timeZone: 'UTC' }),
    false,
  );
  assert.equal(
    inQuietHours(at('2026-12-06T12:30:00Z'), { dndStart: 600, dndEnd: 600, timeZone: 'UTC' }),
    false,
  );
});

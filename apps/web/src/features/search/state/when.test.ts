import assert from 'node:assert/strict';
import { it } from 'node:test';
import { whenLabel } from './when.ts';

// Node's ICU data may lack Korean (it prints "AM 9:05"): the expected text comes from the
// same Intl, so the test checks which form is chosen, not the locale data.
const fmt = (lang: string, o: Intl.DateTimeFormatOptions, d: Date) =>
  new Intl.DateTimeFormat(lang, o).format(d);

it('the time today, the day this year, the date with the year before (local time)', () => {
  const now = new Date(2026, 5, 15, 18, 0);
  const today = new Date(2026, 5, 15, 9, 5);
  assert.equal(
    whenLabel(today.toISOString(), now, 'en'),
    fmt('en-US', { hour: 'numeric', minute: '2-digit' }, today),
  );
  assert.match(whenLabel(today.toISOString(), now, 'en'), /9:05/);
  const earlier = new Date(2026, 2, 4, 9, 5);
  assert.equal(whenLabel(earlier.toISOString(), now, 'en'), 'Mar 4');
  assert.equal(
    whenLabel(earlier.toISOString(), now, 'ko'),
    fmt('ko-KR', { month: 'short', day: 'numeric' }, earlier),
  );
  const lastYear = new Date(2025, 11, 31, 23, 0);
  assert.equal(whenLabel(lastYear.toISOString(), now, 'en'), 'Dec 31, 2025');
  assert.match(whenLabel(lastYear.toISOString(), now, 'ko'), /2025/);
});

/** A calendar day `YYYY-MM-DD`. */
export const DAY_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

/** The offset of `timezone` from UTC at `at`, in ms (Seoul: +9 h). */
function offsetMs(at: Date, timezone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return local - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant a day starts in `timezone` (its local midnight; DST days included). */
export function startOfDay(day: string, timezone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  let at = guess - offsetMs(new Date(guess), timezone);
  // Once more with the offset at that instant: across a DST change the first guess is an hour off.
  at = guess - offsetMs(new Date(at), timezone);
  return new Date(at);
}

/** [start of `day`, start of the next day) in `timezone`. */
export function dayRange(day: string, timezone: string): { from: Date; to: Date } {
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return { from: startOfDay(day, timezone), to: startOfDay(next.toISOString().slice(0, 10), timezone) };
}

/** The calendar day of `at` in `timezone`, `YYYY-MM-DD`. */
export function dayOf(at: Date, timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/** `day` moved by `days` (calendar arithmetic, no time zone). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whether `day` is a real calendar day (2026-02-30 is not). */
export function isDay(day: string): boolean {
  return new RegExp(DAY_PATTERN).test(day) && new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day;
}

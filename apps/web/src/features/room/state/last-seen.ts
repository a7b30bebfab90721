// Last seen of a room's members: a snapshot (`GET /api/rooms/{id}/members/last-seen`) kept
// current by OFFLINE presence events, and how to say it ("5분 전"). Framework-free.

export type LastSeenMap = ReadonlyMap<number, string>;

/** An OFFLINE event that carries a last seen (the user shows it) sets it; others change nothing. */
export function applyLastSeen(
  map: LastSeenMap,
  e: { userId: number; status: string; lastSeenAt?: string },
): LastSeenMap {
  if (e.status !== 'OFFLINE' || !e.lastSeenAt || map.get(e.userId) === e.lastSeenAt) return map;
  return new Map(map).set(e.userId, e.lastSeenAt);
}

export function fromList(list: readonly { userId: number; lastSeenAt: string | null }[]): LastSeenMap {
  return new Map(list.flatMap((x) => (x.lastSeenAt ? [[x.userId, x.lastSeenAt] as const] : [])));
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "방금 전" / "just now" under a minute, then minutes, hours, days ago (the reader's language). */
export function lastSeenLabel(iso: string, now: number, lang: 'ko' | 'en'): string {
  const ago = Math.max(0, now - Date.parse(iso));
  const format = new Intl.RelativeTimeFormat(lang === 'ko' ? 'ko' : 'en', { numeric: 'auto' });
  for (const [unit, ms] of UNITS) if (ago >= ms) return format.format(-Math.floor(ago / ms), unit);
  return format.format(0, 'second');
}

// Who is typing in a room: each `/topic/room.{id}.typing` frame keeps its user shown for
// TYPING_TTL_MS; a message from them ends it at once. Never me. Time is passed in (tests
// inject a clock). The composer sends at most one frame per TYPING_SEND_INTERVAL_MS.

export const TYPING_TTL_MS = 4000;
export const TYPING_SEND_INTERVAL_MS = 2000;

export interface Typist {
  readonly userId: number;
  readonly nickname: string;
  /** Shown until this time (epoch ms). */
  readonly until: number;
}

export type TypingState = readonly Typist[];

export function onTypingFrame(
  s: TypingState,
  frame: { userId: number; nickname: string },
  me: number,
  now: number,
): TypingState {
  if (frame.userId === me) return s;
  const rest = s.filter((t) => t.userId !== frame.userId && t.until > now);
  return [...rest, { userId: frame.userId, nickname: frame.nickname, until: now + TYPING_TTL_MS }];
}

/** Their message arrived: they stopped typing it. */
export function onMessageFrom(s: TypingState, userId: number): TypingState {
  return s.some((t) => t.userId === userId) ? s.filter((t) => t.userId !== userId) : s;
}

export function typing(s: TypingState, now: number): Typist[] {
  return s.filter((t) => t.until > now);
}

/** When the next entry expires (to schedule a re-render), or null when nobody is typing. */
export function nextExpiry(s: TypingState, now: number): number | null {
  const live = typing(s, now);
  return live.length === 0 ? null : Math.min(...live.map((t) => t.until));
}

/** A throttle for outgoing typing frames: true when one may be sent now. */
export function createTypingThrottle(intervalMs = TYPING_SEND_INTERVAL_MS) {
  let last = Number.NEGATIVE_INFINITY;
  return {
    shouldSend(now: number): boolean {
      if (now - last < intervalMs) return false;
      last = now;
      return true;
    },
    /** After a send: the next keystroke is a new burst of typing. */
    reset() {
      last = Number.NEGATIVE_INFINITY;
    },
  };
}

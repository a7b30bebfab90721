import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Services } from '../../../app/services.ts';
import {
  createTypingThrottle,
  nextExpiry,
  onMessageFrom,
  onTypingFrame,
  TYPING_TTL_MS,
  type TypingState,
  type Typist,
  typing,
} from '../state/typing.ts';

/**
 * Who else is typing (expiring a few seconds after their last frame, or at their message), and
 * a throttled `notify` for the composer to call on input.
 */
export function useTyping(
  { realtime, me }: Services,
  roomId: number,
  last: { id: number; senderId: number } | undefined,
) {
  const [state, setState] = useState<TypingState>([]);
  const [now, setNow] = useState(() => Date.now());
  const throttle = useMemo(() => createTypingThrottle(), []);

  useEffect(() => {
    setState([]);
    return realtime.subscribe(`/topic/room.${roomId}.typing`, (body) => {
      const frame = body as { userId: number; nickname: string };
      const t = Date.now();
      setState((s) => onTypingFrame(s, frame, me.userId, t));
      setNow(t);
    });
  }, [realtime, roomId, me.userId]);

  const lastId = last?.id;
  const lastSender = last?.senderId;
  useEffect(() => {
    if (lastId !== undefined && lastSender !== undefined) setState((s) => onMessageFrom(s, lastSender));
  }, [lastId, lastSender]);

  // Re-render when the next typist expires.
  useEffect(() => {
    const at = nextExpiry(state, now);
    if (at === null) return;
    const timer = setTimeout(() => setNow(Date.now()), at - now + 20);
    return () => clearTimeout(timer);
  }, [state, now]);

  // Typing while (re)connecting is told once the connection is up, if it was recent.
  const typedOffline = useRef<number | null>(null);
  useEffect(
    () =>
      realtime.onConnected(() => {
        const at = typedOffline.current;
        typedOffline.current = null;
        if (at !== null && Date.now() - at < TYPING_TTL_MS && throttle.shouldSend(Date.now())) {
          realtime.send('/app/chat.typing', { roomId }).catch(() => {});
        }
      }),
    [realtime, roomId, throttle],
  );

  const notify = useCallback(() => {
    const t = Date.now();
    if (realtime.status !== 'online') typedOffline.current = t;
    else if (throttle.shouldSend(t)) realtime.send('/app/chat.typing', { roomId }).catch(() => {});
  }, [realtime, roomId, throttle]);
  const sent = useCallback(() => throttle.reset(), [throttle]);
  const typists: Typist[] = typing(state, now);
  return { typists, notify, sent };
}

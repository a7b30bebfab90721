import { useCallback, useEffect, useRef } from 'preact/hooks';
import type { Services } from '../../../app/services.ts';
import type { Message } from '../../../lib/wire.ts';

/**
 * Tells the server what I have read: the newest message I can see. One hidden from me (from
 * someone I blocked) is not read, so its sender is not told of the block by a vanishing number.
 *
 * At least once, since a lost read leaves a number on everyone's copy of the message: the
 * read goes over STOMP with a receipt, and over HTTP when the socket is down, errs or closes
 * before the receipt; after every reconnect the mark goes again (the server keeps the
 * furthest mark, so a repeat changes nothing). The room view is keyed by room: one room here.
 */
export function useMarkRead(
  { api, realtime }: Services,
  roomId: number,
  messages: readonly Message[],
  onMarked: (messageId: number) => void,
): void {
  const marked = useRef(0);
  const sendRead = useCallback(
    (lastReadMessageId: number) =>
      realtime
        .send('/app/chat.read', { roomId, lastReadMessageId }, { receipt: true })
        .catch(() => api.request('POST', `/api/rooms/${roomId}/read`, { lastReadMessageId }))
        .catch(() => {}),
    [api, realtime, roomId],
  );

  useEffect(
    () =>
      realtime.onConnected(() => {
        if (marked.current > 0) void sendRead(marked.current);
      }),
    [realtime, sendRead],
  );

  const lastShown = messages.findLast((m) => !m.hidden)?.id;
  useEffect(() => {
    if (lastShown === undefined || lastShown <= marked.current) return;
    marked.current = lastShown;
    onMarked(lastShown);
    void sendRead(lastShown);
  }, [lastShown, onMarked, sendRead]);
}

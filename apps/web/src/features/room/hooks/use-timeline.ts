import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Services } from '../../../app/services.ts';
import type { HistoryPageT, Message, StompErrorPayload } from '../../../lib/wire.ts';
import { uuid } from '../../../utils/uuid.ts';
import {
  addMessages,
  addOlder,
  addPending,
  catchUpAfter,
  emptyTimeline,
  gapAfterSeq,
  lastSeq,
  olderCursor,
  setPendingStatus,
  type Timeline,
} from '../state/timeline.ts';

const PAGE = 30;

/**
 * One room's timeline kept exact: newest page first, older pages on demand, live frames,
 * gap fill and catch-up with afterSeq after every reconnect, optimistic sends that are
 * retried with the same messageKey (and sent after a reconnect when they were queued offline).
 */
export function useTimeline({ api, realtime }: Services, roomId: number) {
  const [tl, setTl] = useState<Timeline>(emptyTimeline);
  const ref = useRef(tl);
  const update = useCallback((f: (t: Timeline) => Timeline) => {
    ref.current = f(ref.current);
    setTl(ref.current);
  }, []);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const base = `/api/rooms/${roomId}/messages`;

  const catchUp = useCallback(async () => {
    let after = catchUpAfter(ref.current);
    while (after !== null) {
      const page = await api.request<{ messages: Message[]; hasMore: boolean }>(
        'GET',
        `${base}?afterSeq=${after}&size=100`,
      );
      update((t) => addMessages(t, page.messages));
      if (!page.hasMore || page.messages.length === 0) break;
      after = gapAfterSeq(ref.current) ?? lastSeq(ref.current);
    }
  }, [api, base, update]);

  const sendPending = useCallback(
    async (messageKey: string) => {
      const p = ref.current.pending.find((x) => x.messageKey === messageKey);
      if (!p) return;
      update((t) => setPendingStatus(t, messageKey, 'pending'));
      try {
        await realtime.send('/app/chat.send', { roomId, content: p.content, messageKey }, { receipt: true });
      } catch {
        // Offline: stays pending and goes out after the reconnect. Otherwise: failed, retry by hand.
        if (realtime.status === 'online') update((t) => setPendingStatus(t, messageKey, 'failed'));
      }
    },
    [realtime, roomId, update],
  );

  useEffect(() => {
    ref.current = emptyTimeline;
    setTl(emptyTimeline);
    let live = true;
    api
      .request<HistoryPageT>('GET', `${base}?size=${PAGE}`)
      .then((page) => live && update((t) => addOlder(t, page.messages, page.hasMore)))
      .catch((e: Error) => live && setError(e.message));
    const offMsg = realtime.subscribe(`/topic/room.${roomId}`, (body) => {
      const m = body as Message;
      update((t) => addMessages(t, [m]));
      if (gapAfterSeq(ref.current) !== null) void catchUp();
    });
    const offErr = realtime.subscribe('/user/queue/errors', (body) => {
      const e = body as StompErrorPayload;
      if (e.messageKey) update((t) => setPendingStatus(t, e.messageKey!, 'failed'));
    });
    const offConn = realtime.onConnected(() => {
      void catchUp().then(() => {
        for (const p of ref.current.pending) if (p.status === 'pending') void sendPending(p.messageKey);
      });
    });
    return () => {
      live = false;
      offMsg();
      offErr();
      offConn();
    };
  }, [api, realtime, roomId, base, update, catchUp, sendPending]);

  // A ref, not the state: two calls in one frame (scroll event and effect) must not both fetch.
  const olderInFlight = useRef(false);
  const loadOlder = useCallback(async () => {
    const cursor = olderCursor(ref.current);
    if (olderInFlight.current || !ref.current.hasMore || cursor === undefined) return;
    olderInFlight.current = true;
    setLoadingOlder(true);
    try {
      const page = await api.request<HistoryPageT>('GET', `${base}?cursor=${cursor}&size=${PAGE}`);
      update((t) => addOlder(t, page.messages, page.hasMore));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      olderInFlight.current = false;
      setLoadingOlder(false);
    }
  }, [api, base, update]);

  const send = useCallback(
    (content: string) => {
      const messageKey = uuid();
      update((t) => addPending(t, { messageKey, roomId, content, createdAt: Date.now() }));
      void sendPending(messageKey);
    },
    [roomId, update, sendPending],
  );

  return { timeline: tl, loadingOlder, error, loadOlder, send, retry: sendPending };
}

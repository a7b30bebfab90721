import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Services } from '../../../app/services.ts';
import { SendRefused } from '../../../lib/realtime.ts';
import type {
  ChangesPageT,
  HistoryPageT,
  Message,
  MessageChangeT,
  MessageEmoticon,
  RoomEvent,
  StompErrorPayload,
} from '../../../lib/wire.ts';
import { uuid } from '../../../utils/uuid.ts';
import { createSendQueue, RETRYABLE, type SendOutcome } from '../state/send-queue.ts';
import {
  addMessages,
  addOlder,
  addPending,
  applyChanges,
  catchUpAfter,
  emptyTimeline,
  gapAfterSeq,
  hideMessage,
  lastSeq,
  missedChangesBefore,
  olderCursor,
  type PendingMessage,
  type Quote,
  sawChangeSeq,
  sendBody,
  setPendingStatus,
  type Timeline,
} from '../state/timeline.ts';

const PAGE = 30;

/**
 * One room's timeline kept exact: newest page first, older pages on demand, live frames,
 * gap fill and catch-up with afterSeq after every reconnect, optimistic sends that go out in
 * order through the room's send queue (retried with the same messageKey: after a reconnect, and
 * by themselves when refused for now) or by hand when failed.
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
  /** The last send the server refused for good, by its code (EMOTICON_NOT_OWNED says more than "failed"). */
  const [refusal, setRefusal] = useState<string | null>(null);
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

  /** Edits and unsends missed while away (or a live change skipped one): from the changes catch-up. */
  const changesInFlight = useRef(false);
  const catchUpChanges = useCallback(
    async (from?: number) => {
      if (changesInFlight.current) return;
      changesInFlight.current = true;
      try {
        // `from`: where the hole starts (the live change that showed it has moved changeSeq past it).
        let after = from ?? ref.current.changeSeq;
        for (;;) {
          const page = await api.request<ChangesPageT>(
            'GET',
            `/api/rooms/${roomId}/changes?afterChangeSeq=${after}&size=100`,
          );
          update((t) =>
            sawChangeSeq(applyChanges(t, page.changes), page.hasMore ? undefined : page.lastChangeSeq),
          );
          if (!page.hasMore || page.changes.length === 0) break;
          after = page.changes.at(-1)!.changeSeq;
        }
      } finally {
        changesInFlight.current = false;
      }
    },
    [api, roomId, update],
  );

  /** One try of a pending message; what came of it, for the room's send queue. */
  const attempt = useCallback(
    async (messageKey: string): Promise<SendOutcome> => {
      const p = ref.current.pending.find((x) => x.messageKey === messageKey);
      if (!p) return { kind: 'accepted' }; // arrived meanwhile (live or by catch-up)
      try {
        await realtime.send('/app/chat.send', sendBody(roomId, p), { receipt: true });
        return { kind: 'accepted' };
      } catch (e) {
        if (e instanceof SendRefused) {
          if (!RETRYABLE.has(e.code)) setRefusal(e.code);
          return { kind: 'refused', code: e.code, retryAfterMs: e.retryAfterMs };
        }
        // Offline: stays queued and goes out after the reconnect. A timeout: failed, retry by hand.
        return realtime.status === 'online' ? { kind: 'failed' } : { kind: 'offline' };
      }
    },
    [realtime, roomId],
  );

  /** The room's messages go out one at a time, in order; refused-for-now ones go again by themselves. */
  const queue = useMemo(
    () =>
      createSendQueue({
        attempt,
        pending: (key) => update((t) => setPendingStatus(t, key, 'pending')),
        failed: (key) => update((t) => setPendingStatus(t, key, 'failed')),
        wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      }),
    [attempt, update],
  );
  useEffect(() => () => queue.stop(), [queue]);

  useEffect(() => {
    ref.current = emptyTimeline;
    setTl(emptyTimeline);
    let live = true;
    let loaded = false;
    api
      .request<HistoryPageT>('GET', `${base}?size=${PAGE}`)
      .then((page) => {
        if (!live) return;
        loaded = true;
        // The newest page holds every change up to its lastChangeSeq: changes catch up from there.
        update((t) => sawChangeSeq(addOlder(t, page.messages, page.hasMore), page.lastChangeSeq));
      })
      .catch((e: Error) => live && setError(e.message));
    const offChanges = realtime.subscribe(`/topic/room.${roomId}.changes`, (body) => {
      const change = body as MessageChangeT;
      const from = ref.current.changeSeq;
      const missed = loaded && missedChangesBefore(ref.current, change.changeSeq);
      update((t) => applyChanges(t, [change]));
      if (missed) void catchUpChanges(from).catch(() => {});
    });
    const offMsg = realtime.subscribe(`/topic/room.${roomId}`, (body) => {
      const m = body as Message;
      update((t) => addMessages(t, [m]));
      if (gapAfterSeq(ref.current) !== null) void catchUp();
    });
    const offHidden = realtime.subscribe('/user/queue/rooms', (body) => {
      const e = body as RoomEvent;
      if (e.type === 'MESSAGE_HIDDEN' && e.roomId === roomId) update((t) => hideMessage(t, e.messageId));
    });
    const offErr = realtime.subscribe('/user/queue/errors', (body) => {
      const e = body as StompErrorPayload;
      // A refusal naming a receipt ends that send's wait, and the send queue decides.
      if (e.messageKey && e.receiptId === undefined) {
        update((t) => setPendingStatus(t, e.messageKey!, 'failed'));
        setRefusal(e.code);
      }
    });
    const offConn = realtime.onConnected(() => {
      if (loaded) void catchUpChanges().catch(() => {});
      // Catch up first: a message whose RECEIPT the lost connection took is not sent twice.
      void catchUp()
        .catch(() => {})
        .then(() => queue.resume());
    });
    return () => {
      live = false;
      offMsg();
      offChanges();
      offHidden();
      offErr();
      offConn();
    };
  }, [api, realtime, roomId, base, update, catchUp, catchUpChanges, queue]);

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
    (content: string, replyTo?: Quote, attachment?: PendingMessage['attachment']) => {
      const messageKey = uuid();
      setRefusal(null);
      update((t) =>
        addPending(t, { messageKey, roomId, content, createdAt: Date.now(), replyTo, attachment }),
      );
      queue.enqueue(messageKey);
    },
    [roomId, update, queue],
  );

  /** An emoticon of a pack I hold, in order with the text around it. */
  const sendEmoticon = useCallback(
    (emoticon: MessageEmoticon) => {
      const messageKey = uuid();
      setRefusal(null);
      update((t) =>
        addPending(t, { messageKey, roomId, content: emoticon.alt, createdAt: Date.now(), emoticon }),
      );
      queue.enqueue(messageKey);
    },
    [roomId, update, queue],
  );

  /** Edit my message; rejects with the server's reason. The result arrives on the changes topic. */
  const edit = useCallback(
    (messageId: number, content: string) =>
      api.request('PATCH', `${base}/${messageId}`, { content, changeKey: uuid() }),
    [api, base],
  );
  /** Unsend my message for everyone; rejects with the server's reason. */
  const unsend = useCallback(
    (messageId: number) => api.request('DELETE', `${base}/${messageId}?changeKey=${uuid()}`),
    [api, base],
  );

  /** Set my reaction on a message (replacing mine), or take it back with null. */
  const react = useCallback(
    (messageId: number, reaction: string | null) =>
      reaction === null
        ? api.request('DELETE', `${base}/${messageId}/reaction?changeKey=${uuid()}`)
        : api.request('PUT', `${base}/${messageId}/reaction`, { reaction, changeKey: uuid() }),
    [api, base],
  );

  /** Delete for me: gone from my view once the server kept it. */
  const hide = useCallback(
    async (messageId: number) => {
      await api.request('POST', `${base}/${messageId}/hide`);
      update((t) => hideMessage(t, messageId));
    },
    [api, base, update],
  );

  return {
    timeline: tl,
    loadingOlder,
    error,
    loadOlder,
    send,
    sendEmoticon,
    refusal,
    dismissRefusal: () => setRefusal(null),
    retry: queue.enqueue,
    edit,
    unsend,
    react,
    hide,
  };
}

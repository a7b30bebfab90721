import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Services } from '../../../app/services.ts';
import type { Message, RoomEvent, RoomSummary } from '../../../lib/wire.ts';
import { applyLiveMessage, applyRoomEvent, applySummary, markRoomRead } from '../state/chat-list.ts';
import { createListLoads } from '../state/list-loads.ts';

/**
 * My rooms, kept current: loaded on start and every reconnect, updated by live messages and by
 * room events (`/user/queue/rooms`: rooms others open with me, rooms I left in another tab).
 */
export function useRooms(
  { api, realtime, me }: Services,
  openRoomId: number | null,
  /** The open room was left (in another tab): the caller closes it. */
  onOpenRoomRemoved: () => void = () => {},
) {
  const [rooms, setRooms] = useState<RoomSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const openRef = useRef(openRoomId);
  openRef.current = openRoomId;
  const removedRef = useRef(onOpenRoomRemoved);
  removedRef.current = onOpenRoomRemoved;

  const [loads] = useState(createListLoads);
  const reload = useCallback(async () => {
    const ticket = loads.start();
    try {
      const listed = loads.finish(ticket, await api.request<RoomSummary[]>('GET', '/api/rooms'));
      if (!listed) return;
      setRooms(listed);
      setError(null);
    } catch (e) {
      if (loads.failed(ticket)) setError((e as Error).message);
    }
  }, [api, loads]);

  useEffect(() => {
    void reload();
    const offEvents = realtime.subscribe('/user/queue/rooms', (body) => {
      const e = body as RoomEvent;
      loads.heard(e);
      // The open room, coming (back) into my list: what it counts as unread I am reading now.
      const reading = e.type === 'ROOM_ADDED' && e.roomId === openRef.current;
      setRooms((prev) => {
        const next = prev && applyRoomEvent(prev, e);
        return next && reading ? markRoomRead(next, e.roomId) : next;
      });
      if (e.type === 'ROOM_REMOVED' && e.roomId === openRef.current) removedRef.current();
    });
    const offConnected = realtime.onConnected(() => void reload());
    const onVisible = () => document.visibilityState === 'visible' && void reload();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      offEvents();
      offConnected();
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [reload, realtime, loads]);

  const ids = (rooms ?? []).map((r) => r.id).join(',');
  useEffect(() => {
    const offs = (ids ? ids.split(',') : []).map((id) =>
      realtime.subscribe(`/topic/room.${id}`, (body) => {
        setRooms((prev) =>
          prev
            ? applyLiveMessage(prev, body as Message, { myId: me.userId, openRoomId: openRef.current })
            : prev,
        );
      }),
    );
    return () => {
      for (const off of offs) off();
    };
  }, [ids, realtime, me.userId]);

  const markRead = useCallback(
    (roomId: number) => setRooms((prev) => prev && markRoomRead(prev, roomId)),
    [],
  );
  /** My settings of a room changed: its new list item (a hidden room leaves the list). */
  const updateRoom = useCallback(
    (summary: RoomSummary, hidden = false) => setRooms((prev) => prev && applySummary(prev, summary, hidden)),
    [],
  );
  return { rooms, error, reload, markRead, updateRoom };
}

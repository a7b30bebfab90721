import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Services } from '../../../app/services.ts';
import type { Message, RoomEvent, RoomSummary } from '../../../lib/wire.ts';
import {
  applyLiveMessage,
  applyRoomEvent,
  applySummary,
  markRoomRead,
  sortRooms,
} from '../state/chat-list.ts';

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

  /** Room events heard while the newest list load runs: applied over its answer. */
  const heardRef = useRef<RoomEvent[] | null>(null);

  const reload = useCallback(async () => {
    const heard: RoomEvent[] = [];
    heardRef.current = heard;
    try {
      const loaded = sortRooms(await api.request<RoomSummary[]>('GET', '/api/rooms'));
      setRooms(heard.reduce(applyRoomEvent, loaded));
      if (heardRef.current === heard) heardRef.current = null;
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [api]);

  useEffect(() => {
    void reload();
    const offEvents = realtime.subscribe('/user/queue/rooms', (body) => {
      const e = body as RoomEvent;
      heardRef.current?.push(e);
      setRooms((prev) => prev && applyRoomEvent(prev, e));
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
  }, [reload, realtime]);

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

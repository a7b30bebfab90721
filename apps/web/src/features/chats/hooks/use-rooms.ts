import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Services } from '../../../app/services.ts';
import type { Message, RoomSummary } from '../../../lib/wire.ts';
import { applyLiveMessage, markRoomRead, sortRooms } from '../state/chat-list.ts';

/** My rooms, kept current: loaded on start and every reconnect, updated by live messages. */
export function useRooms({ api, realtime, me }: Services, openRoomId: number | null) {
  const [rooms, setRooms] = useState<RoomSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const openRef = useRef(openRoomId);
  openRef.current = openRoomId;

  const reload = useCallback(async () => {
    try {
      setRooms(sortRooms(await api.request<RoomSummary[]>('GET', '/api/rooms')));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [api]);

  useEffect(() => {
    void reload();
    const offConnected = realtime.onConnected(() => void reload());
    const onVisible = () => document.visibilityState === 'visible' && void reload();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
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
  return { rooms, error, reload, markRead };
}

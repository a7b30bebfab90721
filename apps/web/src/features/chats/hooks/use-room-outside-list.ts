import { useEffect, useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import type { RoomDetail, RoomSummary } from '../../../lib/wire.ts';
import { summaryOfDetail } from '../state/chat-list.ts';

/**
 * The open room when my loaded list does not hold it (a 1:1 I hid, opened again from the
 * people search; a room the list has not caught up with), from its detail: so the room is
 * titled. Undefined while the list loads, when the list holds it, and when the detail is
 * refused (the room view shows that).
 */
export function useRoomOutsideList(
  roomId: number | null,
  rooms: readonly RoomSummary[] | null,
): RoomSummary | undefined {
  const { api, me } = useServices();
  const missing = roomId !== null && rooms !== null && !rooms.some((r) => r.id === roomId);
  const [found, setFound] = useState<RoomSummary | undefined>(undefined);
  useEffect(() => {
    if (!missing || roomId === null) return;
    let live = true;
    api.request<RoomDetail>('GET', `/api/rooms/${roomId}`).then(
      (detail) => live && setFound(summaryOfDetail(detail, me.userId)),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, me.userId, roomId, missing]);
  return missing && found?.id === roomId ? found : undefined;
}

import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Services } from '../../../app/services.ts';
import type { ReadReceipt, RoomDetail } from '../../../lib/wire.ts';
import { applyRead, fromMembers, mergePositions, type ReadPositions } from '../state/read-positions.ts';

/**
 * The room's members and their read positions: the room detail, then live receipts; the
 * detail is read again after every reconnect (receipts missed while away).
 */
export function useReadPositions({ api, realtime }: Services, roomId: number) {
  const [members, setMembers] = useState<RoomDetail['members']>([]);
  const [positions, setPositions] = useState<ReadPositions>(() => new Map());

  useEffect(() => {
    let live = true;
    setMembers([]);
    setPositions(new Map());
    const load = () =>
      api
        .request<RoomDetail>('GET', `/api/rooms/${roomId}`)
        .then((d) => {
          if (!live) return;
          setMembers(d.members);
          setPositions((known) => mergePositions(fromMembers(d.members), known));
        })
        .catch(() => {});
    void load();
    const offReceipts = realtime.subscribe(`/topic/room.${roomId}.receipts`, (body) => {
      const r = body as ReadReceipt;
      setPositions((p) => applyRead(p, r.userId, r.lastReadMessageId));
    });
    const offConn = realtime.onConnected(() => void load());
    return () => {
      live = false;
      offReceipts();
      offConn();
    };
  }, [api, realtime, roomId]);

  /** My own read, shown at once (the server's receipt confirms it). */
  const readByMe = useCallback(
    (userId: number, messageId: number) => setPositions((p) => applyRead(p, userId, messageId)),
    [],
  );
  return { members, positions, readByMe };
}

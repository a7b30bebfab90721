import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Services } from '../../../app/services.ts';
import type { Message, ReadReceipt, RoomDetail } from '../../../lib/wire.ts';
import { applyRead, fromMembers, mergePositions, type ReadPositions } from '../state/read-positions.ts';

/** SYSTEM events after which the members are read again (who counts in unread numbers). */
const MEMBERSHIP_EVENTS: ReadonlySet<string> = new Set(['MEMBERS_INVITED', 'MEMBER_LEFT', 'MEMBER_REMOVED']);

/**
 * The room's members and their read positions: the room detail, then live receipts; the
 * detail is read again after every reconnect (receipts missed while away) and after someone
 * joins or leaves (a newcomer counts from their arrival; someone gone no longer counts).
 * Every receipt heard (and my own read) is also kept aside and laid over each detail as it
 * arrives: one heard before the members were known, or while a detail read before it was on
 * its way, would otherwise be lost and leave its number standing.
 */
export function useReadPositions({ api, realtime }: Services, roomId: number) {
  const [members, setMembers] = useState<RoomDetail['members']>([]);
  const [positions, setPositions] = useState<ReadPositions>(() => new Map());
  const heard = useRef(new Map<number, number>());
  const hear = useCallback((userId: number, lastReadMessageId: number) => {
    heard.current.set(userId, Math.max(heard.current.get(userId) ?? 0, lastReadMessageId));
    setPositions((p) => applyRead(p, userId, lastReadMessageId));
  }, []);

  useEffect(() => {
    let live = true;
    setMembers([]);
    setPositions(new Map());
    heard.current = new Map();
    // Loads may overlap (a reconnect and a join at once): only the latest one's answer counts.
    let latest = 0;
    const load = () => {
      const mine = ++latest;
      return api
        .request<RoomDetail>('GET', `/api/rooms/${roomId}`)
        .then((d) => {
          if (!live || mine !== latest) return;
          setMembers(d.members);
          setPositions((known) =>
            mergePositions(mergePositions(fromMembers(d.members), known), heard.current),
          );
        })
        .catch(() => {});
    };
    void load();
    const offReceipts = realtime.subscribe(`/topic/room.${roomId}.receipts`, (body) => {
      const r = body as ReadReceipt;
      hear(r.userId, r.lastReadMessageId);
    });
    const offMembership = realtime.subscribe(`/topic/room.${roomId}`, (body) => {
      const event = (body as Message).system?.event;
      if (event && MEMBERSHIP_EVENTS.has(event)) void load();
    });
    const offConn = realtime.onConnected(() => void load());
    return () => {
      live = false;
      offReceipts();
      offMembership();
      offConn();
    };
  }, [api, realtime, roomId, hear]);

  /** My own read, shown at once (the server's receipt confirms it). */
  return { members, positions, readByMe: hear };
}

import {
  GROUP_INVITE_MAX,
  HISTORY_PAGE_DEFAULT,
  normalizeName,
  type ReadReceipt,
  ROOM_NAME_MAX,
} from '@chat/contracts';
import { Errors } from '@chat/platform';
import { codePointLength } from '../messages/message.model.ts';
import { presentCatchUp, presentHistoryPage, presentMessage } from '../messages/message.presenter.ts';
import type { MessageRepository } from '../messages/message.repository.ts';
import type { UserDirectory } from '../users/user-directory.ts';
import type { MembershipCache } from './membership.ts';
import { presentRoomDetail, presentRoomSummary } from './room.presenter.ts';
import type { RoomRepository } from './room.repository.ts';
import { type Json, type RoomCache, toJson } from './room-cache.ts';

export interface RoomServiceDeps {
  rooms: RoomRepository;
  messages: MessageRepository;
  users: UserDirectory;
  membership: MembershipCache;
  cache: RoomCache;
  /** Tells the room (every node) that a read mark moved. */
  publishReceipt: (receipt: ReadReceipt) => Promise<void>;
  onRoomCreated?: () => void;
  /** Tells users (every node) that a room entered or left their room list; never throws. */
  roomListChanged?: (
    type: 'ROOM_ADDED' | 'ROOM_REMOVED',
    roomId: number,
    userIds: readonly number[],
  ) => Promise<void>;
}

/** Room use cases. Plain inputs and outputs; the HTTP and STOMP edges call these. */
export function createRoomService(deps: RoomServiceDeps) {
  const { rooms, messages, users, membership, cache } = deps;

  /** After a membership change: every node's member list, the room, and everyone's room list. */
  async function membershipChanged(roomId: number, alsoAffected: readonly number[] = []): Promise<void> {
    await membership.changed(roomId);
    await cache.invalidate({
      details: [roomId],
      lists: [...(await rooms.memberIds(roomId)), ...alsoAffected],
    });
  }

  /** 404 for an unknown room, 403 for a room the user is not in. */
  async function requireMember(roomId: number, userId: number): Promise<void> {
    const status = await membership.check(roomId, userId);
    if (status === 'no-room') throw Errors.roomNotFound(roomId);
    if (status === 'not-member') throw Errors.notAMember(roomId);
  }

  async function detailOf(roomId: number): Promise<Json> {
    const detail = await cache.detail(roomId, async () => {
      const found = await rooms.detail(roomId);
      return found && presentRoomDetail(found);
    });
    if (!detail) throw Errors.roomNotFound(roomId);
    return detail;
  }

  return {
    requireMember,

    async createDirect(userId: number, targetUserId: number) {
      if (targetUserId === userId) throw Errors.badRequest('targetUserId must be another user');
      if (!(await users.get(targetUserId))) throw Errors.notFound(`User ${targetUserId}`);
      const { roomId, created, joined } = await rooms.findOrCreateDirect(userId, targetUserId);
      if (created || joined) {
        await membershipChanged(roomId);
        // Both sides: the other one's list, and my other tabs (a client merges by room id).
        await deps.roomListChanged?.('ROOM_ADDED', roomId, [userId, targetUserId]);
      }
      if (created) deps.onRoomCreated?.();
      return { created, room: await detailOf(roomId) };
    },

    async createGroup(userId: number, name: string, memberIds: readonly number[]) {
      const trimmed = normalizeName(name);
      const length = codePointLength(trimmed);
      if (length < 1 || length > ROOM_NAME_MAX) {
        throw Errors.badRequest(`name must be 1 to ${ROOM_NAME_MAX} characters`);
      }
      const others = [...new Set(memberIds)].filter((id) => id !== userId);
      if (others.length > GROUP_INVITE_MAX) throw Errors.badRequest(`memberIds: at most ${GROUP_INVITE_MAX}`);
      const found = await users.existing(others);
      const missing = others.filter((id) => !found.has(id));
      if (missing.length > 0) throw Errors.notFound(`User ${missing.join(', ')}`);
      const roomId = await rooms.createGroup(userId, trimmed, others);
      await membershipChanged(roomId);
      await deps.roomListChanged?.('ROOM_ADDED', roomId, [userId, ...others]);
      deps.onRoomCreated?.();
      return detailOf(roomId);
    },

    list(userId: number): Promise<Json> {
      return cache.list(userId, async () => (await rooms.listForUser(userId)).map(presentRoomSummary));
    },

    async detail(userId: number, roomId: number): Promise<Json> {
      await requireMember(roomId, userId);
      return detailOf(roomId);
    },

    async invite(userId: number, roomId: number, userIds: readonly number[]): Promise<Json> {
      await requireMember(roomId, userId);
      const room = await rooms.find(roomId);
      if (room?.type !== 'GROUP') throw Errors.badRequest('Only group rooms take new members');
      const wanted = [...new Set(userIds)];
      if (wanted.length > GROUP_INVITE_MAX) throw Errors.badRequest(`userIds: at most ${GROUP_INVITE_MAX}`);
      const found = await users.existing(wanted);
      const missing = wanted.filter((id) => !found.has(id));
      if (missing.length > 0) throw Errors.notFound(`User ${missing.join(', ')}`);
      const before = new Set(await rooms.memberIds(roomId));
      if ((await rooms.addMembers(roomId, wanted)) > 0) {
        await membershipChanged(roomId);
        const added = wanted.filter((id) => !before.has(id));
        await deps.roomListChanged?.('ROOM_ADDED', roomId, added);
      }
      return detailOf(roomId);
    },

    async leave(userId: number, roomId: number): Promise<void> {
      await requireMember(roomId, userId);
      await rooms.removeMember(roomId, userId);
      await membershipChanged(roomId, [userId]);
      await deps.roomListChanged?.('ROOM_REMOVED', roomId, [userId]);
    },

    /**
     * Newest first. The newest page at the default size (what opening a room asks for) is
     * cached; other sizes are not, so one client cannot fill the cache with 100 copies.
     */
    async history(userId: number, roomId: number, cursor: number | undefined, size: number): Promise<Json> {
      await requireMember(roomId, userId);
      if (cursor === undefined && size === HISTORY_PAGE_DEFAULT) {
        return cache.latestPage(roomId, size, async () =>
          presentHistoryPage(await messages.page(roomId, undefined, size)),
        );
      }
      return toJson(presentHistoryPage(await messages.page(roomId, cursor, size)));
    },

    async afterSeq(userId: number, roomId: number, afterSeq: number, size: number): Promise<Json> {
      await requireMember(roomId, userId);
      return toJson(presentCatchUp(await messages.afterSeq(roomId, afterSeq, size)));
    },

    async search(userId: number, roomId: number, q: string, size: number): Promise<Json> {
      await requireMember(roomId, userId);
      return toJson((await messages.search(roomId, q, size)).map(presentMessage));
    },

    /** Moves my read mark forward (never back) and tells the room when it moved. */
    async markRead(userId: number, roomId: number, lastReadMessageId: number): Promise<void> {
      await requireMember(roomId, userId);
      const seq = await messages.seqOf(roomId, lastReadMessageId);
      if (seq === undefined) throw Errors.badRequest('lastReadMessageId is not a message of this room');
      if (await rooms.advanceReadMark(roomId, userId, seq, lastReadMessageId)) {
        await cache.invalidate({ lists: [userId], details: [roomId] });
        await deps.publishReceipt({ roomId, userId, lastReadMessageId });
      }
    },
  };
}

export type RoomService = ReturnType<typeof createRoomService>;

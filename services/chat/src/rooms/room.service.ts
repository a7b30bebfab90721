import {
  GROUP_INVITE_MAX,
  HISTORY_PAGE_DEFAULT,
  isHttpUrl,
  normalizeName,
  type ReadReceipt,
  ROOM_NAME_MAX,
  type RoomEventType,
} from '@chat/contracts';
import { Errors } from '@chat/platform';
import { codePointLength } from '../messages/message.model.ts';
import { presentCatchUp, presentChangesPage, presentHistoryPage } from '../messages/message.presenter.ts';
import type { MessageRepository } from '../messages/message.repository.ts';
import type { MessageChangeRepository } from '../messages/message-changes.repository.ts';
import type { UserDirectory } from '../users/user-directory.ts';
import type { MembershipCache } from './membership.ts';
import { presentRoomDetail, presentRoomSummary } from './room.presenter.ts';
import type { RoomRepository } from './room.repository.ts';
import { type Json, type RoomCache, toJson } from './room-cache.ts';
import type { SystemMessages } from './system-messages.ts';

export interface RoomServiceDeps {
  rooms: RoomRepository;
  messages: MessageRepository;
  changes: MessageChangeRepository;
  users: UserDirectory;
  membership: MembershipCache;
  cache: RoomCache;
  /** Tells the room (every node) that a read mark moved. */
  publishReceipt: (receipt: ReadReceipt) => Promise<void>;
  onRoomCreated?: () => void;
  /** Whether `blockerId` blocked `blockedId` (absent: nobody blocks). */
  blocks?: (blockerId: number, blockedId: number) => Promise<boolean>;
  /** SYSTEM messages of membership and room changes (absent: none are posted). */
  system?: SystemMessages;
  /**
   * Tells users (every node) that a room entered or left their room list, that they hid a
   * message (their other tabs hide it too), or that their read mark moved (`messageId`: up to
   * where); never throws.
   */
  roomListChanged?: (
    type: RoomEventType,
    roomId: number,
    userIds: readonly number[],
    messageId?: number,
  ) => Promise<void>;
}

/** Room use cases. Plain inputs and outputs; the HTTP and STOMP edges call these. */
export function createRoomService(deps: RoomServiceDeps) {
  const { rooms, messages, changes, users, membership, cache } = deps;

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

  /** ROOM_CLOSED once the owner closed the room. */
  async function requireOpen(roomId: number): Promise<void> {
    if (await membership.closed(roomId)) throw Errors.roomClosed(roomId);
  }

  /** A group room this member owns, still open (the owner's administration). */
  async function requireOwnedGroup(roomId: number, userId: number) {
    await requireMember(roomId, userId);
    const room = await rooms.find(roomId);
    if (room?.type !== 'GROUP') throw Errors.badRequest('Only group rooms have an owner to administer them');
    if ((await rooms.roleOf(roomId, userId)) !== 'OWNER') throw Errors.notRoomOwner();
    await requireOpen(roomId);
    return room;
  }

  /** A member of the room other than `userId` (404 otherwise). */
  async function requireOtherMember(roomId: number, userId: number, targetId: number): Promise<void> {
    if (targetId === userId) throw Errors.badRequest('userId must be another member');
    if ((await rooms.roleOf(roomId, targetId)) === undefined) {
      throw Errors.notFound(`Member ${targetId} of room ${roomId}`);
    }
  }

  const post: NonNullable<RoomServiceDeps['system']>['post'] = (...args) =>
    deps.system?.post(...args) ?? Promise.resolve();

  async function detailOf(roomId: number): Promise<Json> {
    const detail = await cache.detail(roomId, async () => {
      const found = await rooms.detail(roomId);
      return found && presentRoomDetail(found);
    });
    if (!detail) throw Errors.roomNotFound(roomId);
    return detail;
  }

  /**
   * What `userId` reads of a room: messages they deleted for themselves come as `hidden`, with
   * no content (their seqs stay, so catch-up finds no gap); search (search/) never finds them.
   */
  async function asSeenBy(userId: number, roomId: number, json: Json): Promise<Json> {
    const hidden = await changes.hiddenIn(userId, roomId);
    if (hidden.size === 0) return json;
    type Shown = { id: number };
    const mark = <M extends Shown>(m: M): M =>
      hidden.has(m.id)
        ? {
            ...m,
            content: '',
            hidden: true,
            replyTo: null,
            reactions: [],
            ...('emoticon' in m && { emoticon: null }),
          }
        : m;
    const body = JSON.parse(json) as { messages?: Shown[]; changes?: { message: Shown }[] };
    if (body.messages) body.messages = body.messages.map(mark);
    if (body.changes) body.changes = body.changes.map((c) => ({ ...c, message: mark(c.message) }));
    return toJson(body);
  }

  return {
    requireMember,
    requireOpen,

    /** The room's members with their nicknames (from the cached detail): for mentions. */
    async members(roomId: number): Promise<{ userId: number; nickname: string }[]> {
      return (JSON.parse(await detailOf(roomId)) as { members: { userId: number; nickname: string }[] })
        .members;
    },

    async createDirect(userId: number, targetUserId: number) {
      if (targetUserId === userId) throw Errors.badRequest('targetUserId must be another user');
      // Both of us: chat may not have heard of a fresh signup yet (user events lag), and the
      // room's list item names the other side to each (an unknown name stays in open lists).
      const known = await users.existing([userId, targetUserId]);
      if (!known.has(targetUserId)) throw Errors.notFound(`User ${targetUserId}`);
      // Blocked by them: the room is mine only, and they never hear of it (nor am I told).
      const blocked = (await deps.blocks?.(targetUserId, userId)) ?? false;
      const { roomId, created, joined } = await rooms.findOrCreateDirect(userId, targetUserId, !blocked);
      if (created || joined) {
        await membershipChanged(roomId);
        // Both sides: the other one's list, and my other tabs (a client merges by room id).
        await deps.roomListChanged?.('ROOM_ADDED', roomId, blocked ? [userId] : [userId, targetUserId]);
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
      // The creator too: their name shows in the room (see createDirect).
      const found = await users.existing([userId, ...others]);
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
      await requireOpen(roomId);
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
        await post(roomId, 'MEMBERS_INVITED', userId, added);
      }
      return detailOf(roomId);
    },

    /** Leaves; a group's owner who leaves hands it to the member who joined first. */
    async leave(userId: number, roomId: number): Promise<void> {
      await requireMember(roomId, userId);
      const room = await rooms.find(roomId);
      const wasOwner = (await rooms.roleOf(roomId, userId)) === 'OWNER';
      await rooms.removeMember(roomId, userId);
      const heir = wasOwner && room?.type === 'GROUP' ? await rooms.longestMember(roomId) : undefined;
      if (heir !== undefined) await rooms.transferOwner(roomId, undefined, heir);
      await membershipChanged(roomId, [userId]);
      await deps.roomListChanged?.('ROOM_REMOVED', roomId, [userId]);
      if (room?.type !== 'GROUP') return;
      await post(roomId, 'MEMBER_LEFT', userId);
      if (heir !== undefined) await post(roomId, 'OWNER_CHANGED', userId, [heir]);
    },

    /** The owner renames the room or sets (or clears) its image. */
    async update(userId: number, roomId: number, patch: { name?: string; imageUrl?: string | null }) {
      const room = await requireOwnedGroup(roomId, userId);
      let name: string | undefined;
      if (patch.name !== undefined) {
        name = normalizeName(patch.name);
        const length = codePointLength(name);
        if (length < 1 || length > ROOM_NAME_MAX)
          throw Errors.badRequest(`name must be 1 to ${ROOM_NAME_MAX} characters`);
      }
      if (patch.imageUrl != null && !isHttpUrl(patch.imageUrl)) throw Errors.notHttpUrl('imageUrl');
      if (name !== undefined && name !== room.name) await rooms.rename(roomId, name);
      if (patch.imageUrl !== undefined) await rooms.setImage(roomId, patch.imageUrl);
      await cache.invalidate({ details: [roomId], lists: await rooms.memberIds(roomId) });
      if (name !== undefined && name !== room.name) await post(roomId, 'ROOM_RENAMED', userId, [], name);
      return detailOf(roomId);
    },

    /** The owner removes a member: their subscriptions end, the room leaves their list. */
    async removeMember(userId: number, roomId: number, targetId: number): Promise<void> {
      await requireOwnedGroup(roomId, userId);
      await requireOtherMember(roomId, userId, targetId);
      await rooms.removeMember(roomId, targetId);
      await membershipChanged(roomId, [targetId]);
      await deps.roomListChanged?.('ROOM_REMOVED', roomId, [targetId]);
      await post(roomId, 'MEMBER_REMOVED', userId, [targetId]);
    },

    /** The owner hands the room over to another member. */
    async transferOwner(userId: number, roomId: number, targetId: number): Promise<Json> {
      await requireOwnedGroup(roomId, userId);
      await requireOtherMember(roomId, userId, targetId);
      await rooms.transferOwner(roomId, userId, targetId);
      await cache.invalidate({ details: [roomId] });
      await post(roomId, 'OWNER_CHANGED', userId, [targetId]);
      return detailOf(roomId);
    },

    /** The owner closes the room: members keep reading it; it takes nothing new. */
    async close(userId: number, roomId: number): Promise<void> {
      await requireOwnedGroup(roomId, userId);
      if (!(await rooms.close(roomId))) return;
      await post(roomId, 'ROOM_CLOSED', userId);
      await membershipChanged(roomId);
    },

    /** My own settings of a room: mute, pin, hide from my list. */
    async settings(
      userId: number,
      roomId: number,
      s: { muted?: boolean | undefined; pinned?: boolean | undefined; hidden?: boolean | undefined },
    ): Promise<Json> {
      await requireMember(roomId, userId);
      await rooms.settings(roomId, userId, s);
      await cache.invalidate({ lists: [userId] });
      const row = await rooms.listItem(userId, roomId);
      return toJson(row && presentRoomSummary(row));
    },

    /**
     * Newest first. The newest page at the default size (what opening a room asks for) is
     * cached; other sizes are not, so one client cannot fill the cache with 100 copies.
     */
    async history(userId: number, roomId: number, cursor: number | undefined, size: number): Promise<Json> {
      await requireMember(roomId, userId);
      // The change counter first: the page then holds every change up to it (and maybe more,
      // which a client's changes catch-up from there hands it again, to no effect).
      const load = async (at: number | undefined) => {
        const lastChangeSeq = await changes.lastChangeSeq(roomId);
        return presentHistoryPage(await messages.page(roomId, at, size), lastChangeSeq);
      };
      if (cursor === undefined && size === HISTORY_PAGE_DEFAULT) {
        return asSeenBy(userId, roomId, await cache.latestPage(roomId, size, () => load(undefined)));
      }
      return asSeenBy(userId, roomId, toJson(await load(cursor)));
    },

    async afterSeq(userId: number, roomId: number, afterSeq: number, size: number): Promise<Json> {
      await requireMember(roomId, userId);
      const lastChangeSeq = await changes.lastChangeSeq(roomId);
      const page = presentCatchUp(await messages.afterSeq(roomId, afterSeq, size), lastChangeSeq);
      return asSeenBy(userId, roomId, toJson(page));
    },

    /** The changes catch-up: messages changed after `afterChangeSeq`, each once in its latest state. */
    async changes(userId: number, roomId: number, afterChangeSeq: number, size: number): Promise<Json> {
      await requireMember(roomId, userId);
      const lastChangeSeq = await changes.lastChangeSeq(roomId);
      const page = presentChangesPage(
        await changes.changedAfter(roomId, afterChangeSeq, size),
        lastChangeSeq,
      );
      return asSeenBy(userId, roomId, toJson(page));
    },

    /** "Delete for me": the message leaves my view only (404 when it is not one of the room's). */
    async hide(userId: number, roomId: number, messageId: number): Promise<void> {
      await requireMember(roomId, userId);
      if (!(await changes.target(roomId, messageId))) throw Errors.messageNotFound(roomId, messageId);
      await changes.hide(userId, roomId, messageId);
      // My list counts and shows it no more (unread, last message); my other tabs hide it.
      await cache.invalidate({ lists: [userId] });
      await deps.roomListChanged?.('MESSAGE_HIDDEN', roomId, [userId], messageId);
    },

    /** Moves my read mark forward (never back) and tells the room, and my other tabs, when it moved. */
    async markRead(userId: number, roomId: number, lastReadMessageId: number): Promise<void> {
      await requireMember(roomId, userId);
      const seq = await messages.seqOf(roomId, lastReadMessageId);
      if (seq === undefined) throw Errors.badRequest('lastReadMessageId is not a message of this room');
      if (await rooms.advanceReadMark(roomId, userId, seq, lastReadMessageId)) {
        await cache.invalidate({ lists: [userId], details: [roomId] });
        await deps.publishReceipt({ roomId, userId, lastReadMessageId });
        // My other tabs and devices lower their unread count for the room.
        await deps.roomListChanged?.('ROOM_READ', roomId, [userId], lastReadMessageId);
      }
    },
  };
}

export type RoomService = ReturnType<typeof createRoomService>;

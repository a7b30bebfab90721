import type { RoomType } from '@chat/contracts';
import type { SqlDatabase, SqlExecutor } from '@chat/platform';
import { ROOM_SQL } from './room.queries.ts';

/** A row of chat.rooms. */
export interface RoomRow {
  id: number;
  type: RoomType;
  name: string | null;
  created_by: number;
  created_at: Date;
  updated_at: Date;
  last_seq: number;
  last_change_seq: number;
  member_count: number;
  image_url: string | null;
  closed_at: Date | null;
}

/** A member of a room, with their nickname (null when chat never heard of them) and read position. */
export interface RoomMemberRow {
  user_id: number;
  role: string;
  nickname: string | null;
  last_read_message_id: number | null;
}

/**
 * Rooms and memberships, as rows (room.presenter.ts shapes them for the API). The SQL lives in
 * room.queries.ts; every statement is parameterised; the room list is one query.
 */
export function createRoomRepository(db: SqlDatabase) {
  async function addMembers(tx: SqlExecutor, roomId: number, userIds: readonly number[], role: string) {
    if (userIds.length === 0) return 0;
    const { rowCount } = await tx.query(ROOM_SQL.addMembers, [roomId, userIds, role]);
    return rowCount;
  }

  async function recount(tx: SqlExecutor, roomId: number) {
    await tx.query(ROOM_SQL.recount, [roomId]);
  }

  return {
    /**
     * The direct room of a pair, created when missing. Concurrent calls from any node agree:
     * the unique direct_key makes the database pick one winner. A member who had left is
     * brought back.
     */
    async findOrCreateDirect(
      userId: number,
      targetId: number,
      /** false: the target is not added (they blocked the caller; the room stays the caller's). */
      withTarget = true,
    ): Promise<{ roomId: number; created: boolean; joined: boolean }> {
      const [a, b] = userId < targetId ? [userId, targetId] : [targetId, userId];
      const key = `${a}:${b}`;
      return db.transaction(async (tx) => {
        const inserted = await tx.query<{ id: number }>(ROOM_SQL.insertDirect, [userId, key]);
        let roomId = inserted.rows[0]?.id;
        const created = roomId !== undefined;
        if (roomId === undefined) {
          const found = await tx.query<{ id: number }>(ROOM_SQL.findDirect, [key]);
          roomId = found.rows[0]!.id;
        }
        const joined = (await addMembers(tx, roomId, withTarget ? [a, b] : [userId], 'MEMBER')) > 0;
        if (joined) await recount(tx, roomId);
        return { roomId, created, joined };
      });
    },

    async createGroup(ownerId: number, name: string, memberIds: readonly number[]): Promise<number> {
      return db.transaction(async (tx) => {
        const { rows } = await tx.query<{ id: number }>(ROOM_SQL.insertGroup, [name, ownerId]);
        const roomId = rows[0]!.id;
        await addMembers(tx, roomId, [ownerId], 'OWNER');
        await addMembers(
          tx,
          roomId,
          memberIds.filter((id) => id !== ownerId),
          'MEMBER',
        );
        await recount(tx, roomId);
        return roomId;
      });
    },

    async addMembers(roomId: number, userIds: readonly number[]): Promise<number> {
      return db.transaction(async (tx) => {
        const added = await addMembers(tx, roomId, userIds, 'MEMBER');
        if (added > 0) await recount(tx, roomId);
        return added;
      });
    },

    async removeMember(roomId: number, userId: number): Promise<boolean> {
      return db.transaction(async (tx) => {
        const { rowCount } = await tx.query(ROOM_SQL.removeMember, [roomId, userId]);
        if (rowCount > 0) await recount(tx, roomId);
        return rowCount > 0;
      });
    },

    async find(roomId: number): Promise<RoomRow | undefined> {
      const { rows } = await db.query<RoomRow>(ROOM_SQL.find, [roomId]);
      return rows[0];
    },

    async memberIds(roomId: number): Promise<number[]> {
      const { rows } = await db.query<{ user_id: number }>(ROOM_SQL.memberIds, [roomId]);
      return rows.map((r) => r.user_id);
    },

    /** (room, member) pairs of every room the user is in, the user included. */
    async coMemberships(userId: number): Promise<{ roomId: number; userId: number }[]> {
      const { rows } = await db.query<{ room_id: number; user_id: number }>(ROOM_SQL.coMemberships, [userId]);
      return rows.map((r) => ({ roomId: r.room_id, userId: r.user_id }));
    },

    /** The room and its members (oldest member first), or undefined for an unknown room. */
    async detail(roomId: number): Promise<{ room: RoomRow; members: RoomMemberRow[] } | undefined> {
      const room = await this.find(roomId);
      if (!room) return undefined;
      const { rows } = await db.query<RoomMemberRow>(ROOM_SQL.members, [roomId]);
      return { room, members: rows };
    },

    /** My rooms, most recent activity first, with unread counts and last message: one query. */
    async listForUser(userId: number): Promise<RoomListRow[]> {
      const { rows } = await db.query<RoomListRow>(ROOM_SQL.listForUser, [userId]);
      return rows;
    },

    /** One room as it shows in the user's room list; undefined when the user is not in it. */
    async listItem(userId: number, roomId: number): Promise<RoomListRow | undefined> {
      const { rows } = await db.query<RoomListRow>(ROOM_SQL.listItem, [userId, roomId]);
      return rows[0];
    },

    /** The member's role ('OWNER', 'MEMBER'), or undefined when not a member. */
    async roleOf(roomId: number, userId: number): Promise<string | undefined> {
      const { rows } = await db.query<{ role: string }>(ROOM_SQL.roleOf, [roomId, userId]);
      return rows[0]?.role;
    },

    /** Hands the room over: `from` becomes a member, `to` the owner, together. */
    async transferOwner(roomId: number, from: number | undefined, to: number): Promise<void> {
      await db.transaction(async (tx) => {
        if (from !== undefined) await tx.query(ROOM_SQL.setRole, [roomId, from, 'MEMBER']);
        await tx.query(ROOM_SQL.setRole, [roomId, to, 'OWNER']);
      });
    },

    /** The member who joined first, or undefined in an empty room. */
    async longestMember(roomId: number): Promise<number | undefined> {
      const { rows } = await db.query<{ user_id: number }>(ROOM_SQL.longestMember, [roomId]);
      return rows[0]?.user_id;
    },

    async rename(roomId: number, name: string): Promise<void> {
      await db.query(ROOM_SQL.rename, [roomId, name]);
    },

    async setImage(roomId: number, imageUrl: string | null): Promise<void> {
      await db.query(ROOM_SQL.setImage, [roomId, imageUrl]);
    },

    /** Closes the room; false when it was closed already. */
    async close(roomId: number): Promise<boolean> {
      const { rowCount } = await db.query(ROOM_SQL.close, [roomId]);
      return rowCount > 0;
    },

    /** A member's own settings of the room (undefined fields stay as they are). */
    async settings(
      roomId: number,
      userId: number,
      s: { muted?: boolean | undefined; pinned?: boolean | undefined; hidden?: boolean | undefined },
    ): Promise<void> {
      await db.query(ROOM_SQL.settings, [
        roomId,
        userId,
        s.muted ?? null,
        s.pinned ?? null,
        s.hidden ?? null,
      ]);
    },

    /**
     * Moves a member's read mark forward only; true when it moved, false when it was already at
     * or past `seq` (or the user is not a member).
     */
    async advanceReadMark(roomId: number, userId: number, seq: number, messageId: number): Promise<boolean> {
      const { rowCount } = await db.query(ROOM_SQL.advanceReadMark, [roomId, userId, seq, messageId]);
      return rowCount > 0;
    },
  };
}

export type RoomRepository = ReturnType<typeof createRoomRepository>;

/** A room of the list, for one member: unread count, last message and DIRECT peer joined in. */
export interface RoomListRow {
  id: number;
  name: string | null;
  type: RoomType;
  member_count: number;
  updated_at: Date;
  unread: number;
  unread_mentions: number;
  image_url: string | null;
  closed_at: Date | null;
  muted: boolean;
  pinned_at: Date | null;
  lm_id: number | null;
  lm_content: string | null;
  lm_sender_id: number | null;
  lm_nickname: string | null;
  lm_created_at: Date | null;
  lm_deleted_at: Date | null;
  lm_hidden: boolean;
  peer_id: number | null;
  peer_nickname: string | null;
}

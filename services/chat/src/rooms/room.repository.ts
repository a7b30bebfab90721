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
  member_count: number;
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
        const joined = (await addMembers(tx, roomId, [a, b], 'MEMBER')) > 0;
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
  lm_id: number | null;
  lm_content: string | null;
  lm_sender_id: number | null;
  lm_nickname: string | null;
  lm_created_at: Date | null;
  peer_id: number | null;
  peer_nickname: string | null;
}

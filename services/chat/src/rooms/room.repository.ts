import type { SqlDatabase, SqlExecutor } from '@chat/platform';
import type { RoomDetail, RoomSummary, RoomType } from './room.model.ts';

interface RoomRow {
  id: number;
  type: RoomType;
  name: string | null;
  created_by: number;
  created_at: Date;
  updated_at: Date;
  last_seq: number;
  member_count: number;
}

/** Rooms and memberships. Every statement is parameterised; the room list is one query. */
export function createRoomRepository(db: SqlDatabase) {
  async function addMembers(tx: SqlExecutor, roomId: number, userIds: readonly number[], role: string) {
    if (userIds.length === 0) return 0;
    // New members start with everything before their arrival read.
    const { rowCount } = await tx.query(
      `insert into chat.room_members (room_id, user_id, role, last_read_seq)
       select $1, u, $3, (select last_seq from chat.rooms where id = $1) from unnest($2::bigint[]) as u
       on conflict (room_id, user_id) do nothing`,
      [roomId, userIds, role],
    );
    return rowCount;
  }

  async function recount(tx: SqlExecutor, roomId: number) {
    await tx.query(
      `update chat.rooms set member_count = (select count(*) from chat.room_members where room_id = $1),
         updated_at = now() where id = $1`,
      [roomId],
    );
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
        const inserted = await tx.query<{ id: number }>(
          `insert into chat.rooms (type, name, created_by, direct_key) values ('DIRECT', null, $1, $2)
           on conflict (direct_key) do nothing returning id`,
          [userId, key],
        );
        let roomId = inserted.rows[0]?.id;
        const created = roomId !== undefined;
        if (roomId === undefined) {
          const found = await tx.query<{ id: number }>('select id from chat.rooms where direct_key = $1', [
            key,
          ]);
          roomId = found.rows[0]!.id;
        }
        const joined = (await addMembers(tx, roomId, [a, b], 'MEMBER')) > 0;
        if (joined) await recount(tx, roomId);
        return { roomId, created, joined };
      });
    },

    async createGroup(ownerId: number, name: string, memberIds: readonly number[]): Promise<number> {
      return db.transaction(async (tx) => {
        const { rows } = await tx.query<{ id: number }>(
          `insert into chat.rooms (type, name, created_by) values ('GROUP', $1, $2) returning id`,
          [name, ownerId],
        );
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
        const { rowCount } = await tx.query(
          'delete from chat.room_members where room_id = $1 and user_id = $2',
          [roomId, userId],
        );
        if (rowCount > 0) await recount(tx, roomId);
        return rowCount > 0;
      });
    },

    async find(roomId: number): Promise<RoomRow | undefined> {
      const { rows } = await db.query<RoomRow>(
        `select id, type, name, created_by, created_at, updated_at, last_seq, member_count
           from chat.rooms where id = $1`,
        [roomId],
      );
      return rows[0];
    },

    async memberIds(roomId: number): Promise<number[]> {
      const { rows } = await db.query<{ user_id: number }>(
        'select user_id from chat.room_members where room_id = $1',
        [roomId],
      );
      return rows.map((r) => r.user_id);
    },

    /** (room, member) pairs of every room the user is in, the user included. */
    async coMemberships(userId: number): Promise<{ roomId: number; userId: number }[]> {
      const { rows } = await db.query<{ room_id: number; user_id: number }>(
        `select other.room_id, other.user_id
           from chat.room_members mine
           join chat.room_members other on other.room_id = mine.room_id
          where mine.user_id = $1`,
        [userId],
      );
      return rows.map((r) => ({ roomId: r.room_id, userId: r.user_id }));
    },

    async detail(roomId: number): Promise<RoomDetail | undefined> {
      const room = await this.find(roomId);
      if (!room) return undefined;
      // The read position as a message id, from the read seq: a member who joined later has
      // everything before their arrival read (their mark is the room's seq at that moment).
      const { rows } = await db.query<{
        user_id: number;
        role: string;
        nickname: string | null;
        last_read_message_id: number | null;
      }>(
        `select m.user_id, m.role, u.nickname, coalesce(rm.id, m.last_read_message_id) as last_read_message_id
           from chat.room_members m
           left join chat.users u on u.id = m.user_id
           left join chat.messages rm on rm.room_id = m.room_id and rm.seq = m.last_read_seq
          where m.room_id = $1 order by m.joined_at, m.user_id`,
        [roomId],
      );
      return {
        id: room.id,
        name: room.name,
        type: room.type,
        createdBy: room.created_by,
        createdAt: room.created_at.toISOString(),
        members: rows.map((r) => ({
          userId: r.user_id,
          nickname: r.nickname ?? '(unknown)',
          role: r.role,
          lastReadMessageId: r.last_read_message_id,
        })),
      };
    },

    /** My rooms, most recent activity first, with unread counts and last message: one query. */
    async listForUser(userId: number): Promise<RoomSummary[]> {
      const { rows } = await db.query<ListRow>(
        `${LIST_SELECT} where m.user_id = $1 order by r.updated_at desc, r.id desc`,
        [userId],
      );
      return rows.map(toSummary);
    },

    /** One room as it shows in the user's room list; undefined when the user is not in it. */
    async listItem(userId: number, roomId: number): Promise<RoomSummary | undefined> {
      const { rows } = await db.query<ListRow>(`${LIST_SELECT} where m.user_id = $1 and m.room_id = $2`, [
        userId,
        roomId,
      ]);
      return rows[0] && toSummary(rows[0]);
    },

    /**
     * Moves a member's read mark forward only; true when it moved, false when it was already at
     * or past `seq` (or the user is not a member).
     */
    async advanceReadMark(roomId: number, userId: number, seq: number, messageId: number): Promise<boolean> {
      const { rowCount } = await db.query(
        `update chat.room_members set last_read_seq = $3, last_read_message_id = $4
          where room_id = $1 and user_id = $2 and last_read_seq < $3`,
        [roomId, userId, seq, messageId],
      );
      return rowCount > 0;
    },
  };
}

export type RoomRepository = ReturnType<typeof createRoomRepository>;

/** The room list's columns, for one member (`m`) per row. */
const LIST_SELECT = `select r.id, r.name, r.type, r.member_count, r.updated_at,
                greatest(r.last_seq - m.last_read_seq, 0) as unread,
                lm.id as lm_id, lm.content as lm_content, lm.sender_id as lm_sender_id,
                lu.nickname as lm_nickname, lm.created_at as lm_created_at,
                peer.user_id as peer_id, pu.nickname as peer_nickname
           from chat.room_members m
           join chat.rooms r on r.id = m.room_id
           left join chat.messages lm on lm.room_id = r.id and lm.seq = r.last_seq
           left join chat.users lu on lu.id = lm.sender_id
           left join lateral (
             select o.user_id from chat.room_members o
              where o.room_id = r.id and o.user_id <> m.user_id and r.type = 'DIRECT' limit 1
           ) peer on true
           left join chat.users pu on pu.id = peer.user_id`;

interface ListRow {
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

function toSummary(r: ListRow): RoomSummary {
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    memberCount: r.member_count,
    unreadCount: r.unread,
    lastMessage:
      r.lm_id === null
        ? null
        : {
            id: r.lm_id,
            content: r.lm_content ?? '',
            senderId: r.lm_sender_id ?? 0,
            senderNickname: r.lm_nickname ?? '(unknown)',
            createdAt: r.lm_created_at?.toISOString() ?? '',
          },
    updatedAt: r.updated_at.toISOString(),
    peer: r.peer_id === null ? null : { userId: r.peer_id, nickname: r.peer_nickname ?? '(unknown)' },
  };
}

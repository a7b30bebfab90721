import type { SqlDatabase } from '@chat/platform';
import { SOURCE_SCHEMA_SQL } from './source-schema.ts';

export interface SeedOptions {
  readonly users: number;
  readonly rooms: number;
  readonly messages: number;
  /** Every user's password hash (Spring's BCryptPasswordEncoder: `$2a$10$...`). */
  readonly passwordHash: string;
  /**
   * Rows an import must handle with care: an email that differs from another only in case, a
   * room without members, a 1:1 room with three members, a message of a user who no longer
   * exists, IMAGE and SYSTEM messages.
   */
  readonly oddities?: boolean;
}

/**
 * Fills a database with the original Spring design's schema: `users` users, `rooms` rooms (40%
 * 1:1, the rest groups of 3 to 12), `messages` messages spread over the rooms in id order, each
 * from a member of its room, and read marks a little behind each room's end. Set-based SQL, so
 * a million messages take seconds on PostgreSQL. Room r's members are users
 * ((r * 7 + j) mod users) + 1 for j below its size.
 */
export async function seedSpringSource(db: SqlDatabase, o: SeedOptions): Promise<void> {
  await db.exec(SOURCE_SCHEMA_SQL);
  await db.query(
    `insert into users (email, password, nickname, status, created_at)
     select 'user' || i || '@example.com', $2, '사용자' || i, case when i % 3 = 0 then 'ONLINE' else 'OFFLINE' end,
            timestamp '2025-01-01' + make_interval(mins => i)
       from generate_series(1, $1::int) i`,
    [o.users, o.passwordHash],
  );
  // Sizes: 1:1 for the first 40%, then 3..12.
  await db.query(
    `insert into chat_rooms (name, type, created_by, created_at)
     select case when r <= $1::int * 4 / 10 then null else '모임 ' || r end,
            case when r <= $1::int * 4 / 10 then 'DIRECT' else 'GROUP' end,
            ((r * 7) % $2::int) + 1,
            timestamp '2025-02-01' + make_interval(mins => r)
       from generate_series(1, $1::int) r`,
    [o.rooms, o.users],
  );
  const size = `case when r.id <= ${Math.floor((o.rooms * 4) / 10)} then 2 else 3 + (r.id % 10) end`;
  await db.query(
    `insert into chat_room_members (room_id, user_id, joined_at)
     select r.id, ((r.id * 7 + j) % $1::int) + 1, r.created_at
       from chat_rooms r, generate_series(0, 11) j
      where j < ${size}
     on conflict do nothing`,
    [o.users],
  );
  await db.query(
    `insert into messages (message_key, room_id, sender_id, content, type, created_at)
     select md5('m' || i)::uuid, r.id, ((r.id * 7 + (i % (${size}))) % $2::int) + 1,
            '메시지 ' || i || ' 안녕하세요 hello ' || (i % 97), 'TEXT',
            timestamp '2025-03-01' + make_interval(secs => i)
       from generate_series(1, $1::int) i
       join chat_rooms r on r.id = ((i - 1) % $3::int) + 1`,
    [o.messages, o.users, o.rooms],
  );
  // Read marks: each member a few of the room's messages behind its end.
  await db.query(
    `update chat_room_members m
        set last_read_message_id = (select id from messages x where x.room_id = m.room_id
                                     order by id desc offset (m.user_id % 4) limit 1)`,
  );
  if (!o.oddities) return;
  await db.query(
    `insert into users (email, password, nickname) values ('USER1@example.com', $1, '대문자 중복')`,
    [o.passwordHash],
  );
  await db.exec(`
    insert into chat_rooms (name, type, created_by) values ('빈 방', 'GROUP', 1);
    insert into chat_rooms (name, type, created_by) values (null, 'DIRECT', 2);
    insert into chat_room_members (room_id, user_id)
      select (select max(id) from chat_rooms), u from generate_series(2, 4) u;
    insert into messages (message_key, room_id, sender_id, content, type)
      values (md5('three')::uuid, (select max(id) from chat_rooms), 3, '셋이서 1:1', 'TEXT'),
             (md5('ghost')::uuid, 1, 999999, '탈퇴한 사람의 말', 'TEXT'),
             (md5('image')::uuid, 1, 1, 'https://example.com/a.png', 'IMAGE'),
             (md5('system')::uuid, 1, 1, '누군가 들어왔습니다', 'SYSTEM');
  `);
}

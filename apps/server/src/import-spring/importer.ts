import { NICKNAME_MAX, ROOM_NAME_MAX } from '@chat/contracts';
import type { SqlDatabase, SqlExecutor } from '@chat/platform';
import { SOURCE_COLUMNS } from './source-schema.ts';

/**
 * `import-spring`: copies the original Spring design's users, rooms, members, messages and read
 * marks into this system's schemas (users, auth, chat) of one target database.
 *
 * - Ids are new (the target's own sequences) and recorded in `import_spring.id_map`.
 * - Each step reads its table in chunks by source id; a chunk's rows, their id map and the
 *   step's position (`import_spring.progress`) commit in one transaction. A run killed mid-way
 *   leaves whole chunks behind and the next run starts after the last one: every row once. A run
 *   after a finished one imports only rows with greater ids (what was added since).
 * - What cannot be imported as it is goes to `import_spring.skipped` with the reason and is
 *   counted in the summary (see docs/spring-compat.md "Importing the Spring database").
 */

export interface ImportOptions {
  readonly source: SqlDatabase;
  readonly target: SqlDatabase;
  /** Reads and checks the source, counts what would be imported, writes nothing. */
  readonly dryRun?: boolean;
  /** The zone the source's zone-less timestamps (`LocalDateTime`) were written in. */
  readonly sourceTimeZone?: string;
  /** Rows per chunk (messages: ten times as many). */
  readonly chunk?: number;
  readonly onProgress?: (p: ImportProgress) => void;
}

export type Step = 'users' | 'rooms' | 'messages' | 'read marks';

export interface ImportProgress {
  readonly step: Step;
  readonly done: number;
  readonly total: number;
}

export interface ImportSummary {
  readonly dryRun: boolean;
  /** Rows in the source. */
  readonly source: Record<'users' | 'rooms' | 'members' | 'messages', number>;
  /** Imported by this run. */
  readonly imported: Record<'users' | 'rooms' | 'members' | 'messages' | 'readMarks', number>;
  /** Every skip or change recorded so far (all runs), by reason. */
  readonly notes: Record<string, number>;
  readonly ms: number;
}

/** The source does not have the original schema: names what is missing. */
export class SourceSchemaError extends Error {}

const STATE_SQL = `
create schema if not exists import_spring;
create table if not exists import_spring.id_map (
  kind text not null, source_id bigint not null, target_id bigint not null,
  primary key (kind, source_id));
create table if not exists import_spring.progress (step text primary key, last_source_id bigint not null);
create table if not exists import_spring.skipped (
  kind text not null, source_id bigint not null, reason text not null, primary key (kind, source_id));
`;

const BCRYPT = /^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$/;

/** Checks that the source has every table and column the import reads. */
export async function checkSourceSchema(source: SqlExecutor): Promise<void> {
  const { rows } = await source.query<{ table_name: string; column_name: string }>(
    `select table_name, column_name from information_schema.columns
      where table_schema = current_schema() and table_name = any($1)`,
    [Object.keys(SOURCE_COLUMNS)],
  );
  const have = new Set(rows.map((r) => `${r.table_name}.${r.column_name}`));
  const missing: string[] = [];
  for (const [table, columns] of Object.entries(SOURCE_COLUMNS)) {
    if (!rows.some((r) => r.table_name === table)) missing.push(`table ${table}`);
    else for (const c of columns) if (!have.has(`${table}.${c}`)) missing.push(`column ${table}.${c}`);
  }
  if (missing.length > 0) {
    throw new SourceSchemaError(
      `the source is not the original Spring schema: missing ${missing.join(', ')} (see docs/spring-compat.md)`,
    );
  }
}

/**
 * `created_at` of a table as an instant, for the step queries (each binds the zone as `$3`): a
 * zone-less one is read in that zone, one with a zone is taken as it is.
 */
async function instantOf(source: SqlExecutor, table: string, alias = ''): Promise<string> {
  const { rows } = await source.query<{ data_type: string }>(
    `select data_type from information_schema.columns
      where table_schema = current_schema() and table_name = $1 and column_name = 'created_at'`,
    [table],
  );
  const column = `${alias}created_at`;
  return rows[0]?.data_type === 'timestamp with time zone' ? column : `(${column} at time zone $3)`;
}

/** A name as the contract stores one: trimmed, NFC, at most `max` characters (not UTF-16 units). */
function cleanName(raw: string | null, max: number): string {
  return Array.from((raw ?? '').trim().normalize('NFC'))
    .slice(0, max)
    .join('')
    .trim();
}

export async function importSpring(o: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const { source, target } = o;
  const chunk = o.chunk ?? 1000;
  const tz = o.sourceTimeZone ?? 'Asia/Seoul';
  await checkSourceSchema(source);
  const zoneKnown = await source.query('select 1 from pg_timezone_names where name = $1', [tz]);
  if (zoneKnown.rows.length === 0) {
    throw new SourceSchemaError(`unknown time zone "${tz}" (a name such as Asia/Seoul or UTC)`);
  }
  // What this run imports: rows up to each table's greatest id now, read messages first, so a
  // message within the bound belongs to a room within the rooms' bound (it was made after it).
  const bound = async (table: string) =>
    Number((await source.query<{ n: string }>(`select coalesce(max(id), 0) as n from ${table}`)).rows[0]?.n);
  const bounds = {
    messages: await bound('messages'),
    members: await bound('chat_room_members'),
    rooms: await bound('chat_rooms'),
    users: await bound('users'),
  };
  const at = {
    users: await instantOf(source, 'users'),
    rooms: await instantOf(source, 'chat_rooms', 'r.'),
    messages: await instantOf(source, 'messages'),
  };
  const count = async (table: string) =>
    Number((await source.query<{ n: string }>(`select count(*) as n from ${table}`)).rows[0]?.n ?? 0);
  const totals = {
    users: await count('users'),
    rooms: await count('chat_rooms'),
    members: await count('chat_room_members'),
    messages: await count('messages'),
  };
  const imported = { users: 0, rooms: 0, members: 0, messages: 0, readMarks: 0 };
  if (o.dryRun) {
    return { dryRun: true, source: totals, imported, notes: await dryRunNotes(source), ms: 0 };
  }
  await target.exec(STATE_SQL);
  // One import at a time into a database (PGlite's DATA_DIR is locked by the process anyway).
  const { rows: locked } = await target.query<{ ok: boolean }>(
    "select pg_try_advisory_lock(hashtext('import_spring')) as ok",
  );
  if (!locked[0]?.ok) throw new SourceSchemaError('another import-spring is running into this database');
  const report = (step: Step, done: number, total: number) => o.onProgress?.({ step, done, total });

  const position = async (step: string) =>
    Number(
      (
        await target.query<{ last_source_id: string }>(
          'select last_source_id from import_spring.progress where step = $1',
          [step],
        )
      ).rows[0]?.last_source_id ?? 0,
    );
  const advance = (tx: SqlExecutor, step: string, to: number) =>
    tx.query(
      `insert into import_spring.progress (step, last_source_id) values ($1, $2)
       on conflict (step) do update set last_source_id = excluded.last_source_id`,
      [step, to],
    );
  const skip = (tx: SqlExecutor, kind: string, id: number, reason: string) =>
    tx.query('insert into import_spring.skipped values ($1, $2, $3) on conflict do nothing', [
      kind,
      id,
      reason,
    ]);

  // ---- users: users.users, auth.credentials, chat.users ----------------------------------
  for (let after = await position('users'); ; ) {
    const { rows } = await source.query<{
      id: string;
      email: string;
      password: string;
      nickname: string;
      created_at: Date;
    }>(
      `select id, email, password, nickname, ${at.users} as created_at
         from users where id > $1 and id <= $4 order by id limit $2`,
      [after, chunk, tz, bounds.users],
    );
    if (rows.length === 0) break;
    await target.transaction(async (tx) => {
      for (const u of rows) {
        const email = u.email.trim();
        const taken = await tx.query('select 1 from users.users where lower(email) = lower($1)', [email]);
        if (taken.rows.length > 0) {
          await skip(
            tx,
            'user',
            Number(u.id),
            'email already taken (letters differing in case are the same email here)',
          );
          continue;
        }
        const nickname = cleanName(u.nickname, NICKNAME_MAX) || `user${u.id}`;
        const { rows: made } = await tx.query<{ id: number }>(
          'insert into users.users (email, nickname, created_at, updated_at) values ($1, $2, $3, $3) returning id',
          [email, nickname, u.created_at],
        );
        const id = made[0]!.id;
        if (BCRYPT.test(u.password)) {
          await tx.query('insert into auth.credentials (user_id, password_hash) values ($1, $2)', [
            id,
            u.password,
          ]);
        } else {
          await skip(
            tx,
            'password',
            Number(u.id),
            'password is not a bcrypt hash: the account has no password',
          );
        }
        await tx.query('insert into chat.users (id, nickname) values ($1, $2)', [id, nickname]);
        await tx.query("insert into import_spring.id_map values ('user', $1, $2)", [u.id, id]);
        imported.users++;
      }
      await advance(tx, 'users', Number(rows.at(-1)!.id));
    });
    after = Number(rows.at(-1)!.id);
    report('users', imported.users, totals.users);
  }

  // ---- rooms with their members ----------------------------------------------------------
  for (let after = await position('rooms'); ; ) {
    const { rows } = await source.query<{
      id: string;
      name: string | null;
      type: string;
      created_by: string | null;
      created_at: Date;
      members: string[] | null;
    }>(
      `select r.id, r.name, r.type, r.created_by, ${at.rooms} as created_at,
              (select array_agg(m.user_id order by m.user_id) from chat_room_members m
                where m.room_id = r.id and m.id <= $5) as members
         from chat_rooms r where r.id > $1 and r.id <= $4 order by r.id limit $2`,
      [after, chunk, tz, bounds.rooms, bounds.members],
    );
    if (rows.length === 0) break;
    await target.transaction(async (tx) => {
      const sourceUsers = [...new Set(rows.flatMap((r) => [...(r.members ?? []), r.created_by ?? '0']))];
      const users = await mapped(tx, 'user', sourceUsers);
      for (const r of rows) {
        const members = [
          ...new Set((r.members ?? []).map((m) => users.get(Number(m))).filter((m) => m !== undefined)),
        ];
        if (members.length === 0) {
          await skip(tx, 'room', Number(r.id), 'no members that were imported');
          continue;
        }
        const creator = users.get(Number(r.created_by)) ?? members[0]!;
        let direct = r.type === 'DIRECT' && members.length === 2;
        const key = direct ? `${Math.min(...members)}:${Math.max(...members)}` : null;
        if (
          key &&
          (await tx.query('select 1 from chat.rooms where direct_key = $1', [key])).rows.length > 0
        ) {
          direct = false;
          await skip(
            tx,
            'room',
            Number(r.id),
            'a second 1:1 room of the same two people: imported as a group',
          );
        } else if (r.type === 'DIRECT' && !direct) {
          await skip(tx, 'room', Number(r.id), 'a 1:1 room without exactly two members: imported as a group');
        }
        const name = direct ? null : cleanName(r.name, ROOM_NAME_MAX) || (await groupName(tx, members));
        const { rows: made } = await tx.query<{ id: number }>(
          `insert into chat.rooms (type, name, created_by, created_at, updated_at, member_count, direct_key)
           values ($1, $2, $3, $4, $4, $5, $6) returning id`,
          [direct ? 'DIRECT' : 'GROUP', name, creator, r.created_at, members.length, direct ? key : null],
        );
        const roomId = made[0]!.id;
        await tx.query(
          `insert into chat.room_members (room_id, user_id, role, joined_at)
           select $1, u, case when not $4 and u = $3 then 'OWNER' else 'MEMBER' end, $5
             from unnest($2::bigint[]) u`,
          [roomId, members, members.includes(creator) ? creator : members[0], direct, r.created_at],
        );
        await tx.query("insert into import_spring.id_map values ('room', $1, $2)", [r.id, roomId]);
        imported.rooms++;
        imported.members += members.length;
      }
      await advance(tx, 'rooms', Number(rows.at(-1)!.id));
    });
    after = Number(rows.at(-1)!.id);
    report('rooms', imported.rooms, totals.rooms);
  }

  // ---- members added to rooms after their room came over (a later run) ----------------------
  // The rooms step brings a room's members with it; this one, by member id, brings those that
  // joined since (on a first run every member is there already: nothing changes).
  for (let after = await position('members'); ; ) {
    const { rows } = await source.query<{ id: string; room_id: string; user_id: string }>(
      'select id, room_id, user_id from chat_room_members where id > $1 and id <= $3 order by id limit $2',
      [after, chunk * 10, bounds.members],
    );
    if (rows.length === 0) break;
    await target.transaction(async (tx) => {
      const rooms = await mapped(tx, 'room', [...new Set(rows.map((m) => m.room_id))]);
      const users = await mapped(tx, 'user', [...new Set(rows.map((m) => m.user_id))]);
      const pairs = rows.flatMap((m) => {
        const [room, user] = [rooms.get(Number(m.room_id)), users.get(Number(m.user_id))];
        return room !== undefined && user !== undefined ? [[room, user] as const] : [];
      });
      if (pairs.length > 0) {
        const { rows: added } = await tx.query<{ room_id: number }>(
          `insert into chat.room_members (room_id, user_id, role)
           select r, u, 'MEMBER' from unnest($1::bigint[], $2::bigint[]) as t(r, u)
           on conflict (room_id, user_id) do nothing
           returning room_id`,
          [pairs.map(([r]) => r), pairs.map(([, u]) => u)],
        );
        imported.members += added.length;
        const grown = [...new Set(added.map((a) => a.room_id))];
        if (grown.length > 0) {
          await tx.query(
            `update chat.rooms r set member_count = (select count(*) from chat.room_members m where m.room_id = r.id)
              where r.id = any($1::bigint[])`,
            [grown],
          );
        }
      }
      await advance(tx, 'members', Number(rows.at(-1)!.id));
    });
    after = Number(rows.at(-1)!.id);
  }

  // ---- messages, in source id order: each room's seq follows it ----------------------------
  for (let after = await position('messages'); ; ) {
    const { rows } = await source.query<{
      id: string;
      message_key: string;
      room_id: string;
      sender_id: string;
      content: string;
      created_at: Date;
    }>(
      `select id, message_key::text, room_id, sender_id, content, ${at.messages} as created_at
         from messages where id > $1 and id <= $4 order by id limit $2`,
      [after, chunk * 10, tz, bounds.messages],
    );
    if (rows.length === 0) break;
    await target.transaction(async (tx) => {
      const rooms = await mapped(tx, 'room', [...new Set(rows.map((m) => m.room_id))]);
      const senders = await mapped(tx, 'user', [...new Set(rows.map((m) => m.sender_id))]);
      const keep = [];
      for (const m of rows) {
        const roomId = rooms.get(Number(m.room_id));
        if (roomId === undefined) {
          await skip(tx, 'message', Number(m.id), 'its room was not imported');
          continue;
        }
        const senderId = senders.get(Number(m.sender_id)) ?? (await ghost(tx, Number(m.sender_id), senders));
        keep.push({ ...m, roomId, senderId });
      }
      if (keep.length > 0) {
        const { rows: n } = await tx.query<{ n: number }>(
          `with input as (
             select * from unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::timestamptz[])
               as t(src_id, room_id, sender_id, message_key, content, created_at)),
           numbered as (
             select i.*, r.last_seq + row_number() over (partition by i.room_id order by i.src_id) as seq
               from input i join chat.rooms r on r.id = i.room_id),
           ins as (
             insert into chat.messages (room_id, seq, sender_id, message_key, content, type, created_at)
             select room_id, seq, sender_id, message_key, content, 'TEXT', created_at from numbered
             returning id, room_id, seq),
           mapped as (
             insert into import_spring.id_map (kind, source_id, target_id)
             select 'message', n.src_id, ins.id from ins join numbered n using (room_id, seq)),
           bumped as (
             update chat.rooms r set last_seq = x.seq, updated_at = greatest(r.updated_at, x.at)
               from (select room_id, max(seq) as seq, max(created_at) as at from numbered group by room_id) x
              where r.id = x.room_id)
           select count(*)::int as n from ins`,
          [
            keep.map((m) => m.id),
            keep.map((m) => m.roomId),
            keep.map((m) => m.senderId),
            keep.map((m) => m.message_key),
            keep.map((m) => m.content),
            keep.map((m) => m.created_at),
          ],
        );
        imported.messages += n[0]!.n;
      }
      await advance(tx, 'messages', Number(rows.at(-1)!.id));
    });
    after = Number(rows.at(-1)!.id);
    report('messages', imported.messages, totals.messages);
  }

  // ---- read marks (every run: they only move forward) ---------------------------------------
  for (let after = 0; ; ) {
    const { rows } = await source.query<{
      id: string;
      room_id: string;
      user_id: string;
      last_read_message_id: string;
    }>(
      `select id, room_id, user_id, last_read_message_id from chat_room_members
        where last_read_message_id is not null and id > $1 and id <= $3 order by id limit $2`,
      [after, chunk * 10, bounds.members],
    );
    if (rows.length === 0) break;
    const { rowCount } = await target.query(
      `update chat.room_members m set last_read_seq = msg.seq, last_read_message_id = msg.id
         from unnest($1::bigint[], $2::bigint[], $3::bigint[]) as s(room_id, user_id, message_id)
         join import_spring.id_map r on r.kind = 'room' and r.source_id = s.room_id
         join import_spring.id_map u on u.kind = 'user' and u.source_id = s.user_id
         join import_spring.id_map x on x.kind = 'message' and x.source_id = s.message_id
         join chat.messages msg on msg.id = x.target_id
        where m.room_id = r.target_id and m.user_id = u.target_id and msg.room_id = r.target_id
          and m.last_read_seq < msg.seq`,
      [rows.map((r) => r.room_id), rows.map((r) => r.user_id), rows.map((r) => r.last_read_message_id)],
    );
    imported.readMarks += rowCount;
    report('read marks', imported.readMarks, totals.members);
    after = Number(rows.at(-1)!.id);
  }

  const { rows: notes } = await target.query<{ reason: string; n: number }>(
    'select reason, count(*)::int as n from import_spring.skipped group by reason order by reason',
  );
  return {
    dryRun: false,
    source: totals,
    imported,
    notes: Object.fromEntries(notes.map((r) => [r.reason, r.n])),
    ms: Math.round(performance.now() - started),
  };
}

/** Target ids of source ids of a kind (those imported). */
async function mapped(
  tx: SqlExecutor,
  kind: string,
  ids: readonly (string | number)[],
): Promise<Map<number, number>> {
  const { rows } = await tx.query<{ source_id: string; target_id: string }>(
    'select source_id, target_id from import_spring.id_map where kind = $1 and source_id = any($2::bigint[])',
    [kind, ids.map(Number)],
  );
  return new Map(rows.map((r) => [Number(r.source_id), Number(r.target_id)]));
}

/**
 * The author of messages whose user was not imported (gone from the source, or an email taken):
 * a deleted user of chat's, shown as "(unknown)" as after an account deletion, one per source id.
 */
async function ghost(tx: SqlExecutor, sourceId: number, known: Map<number, number>): Promise<number> {
  const found = await mapped(tx, 'ghost', [sourceId]);
  let id = found.get(sourceId);
  if (id === undefined) {
    const { rows } = await tx.query<{ id: string }>(
      "select nextval(pg_get_serial_sequence('users.users', 'id')) as id",
    );
    id = Number(rows[0]!.id);
    await tx.query('insert into chat.users (id, nickname, deleted) values ($1, null, true)', [id]);
    await tx.query("insert into import_spring.id_map values ('ghost', $1, $2)", [sourceId, id]);
    await tx.query("insert into import_spring.skipped values ('sender', $1, $2) on conflict do nothing", [
      sourceId,
      'messages of a user not imported: shown as a deleted user',
    ]);
  }
  known.set(sourceId, id);
  return id;
}

/** A group's name when it had none: its first members' nicknames, as KakaoTalk shows one. */
async function groupName(tx: SqlExecutor, members: readonly number[]): Promise<string> {
  const { rows } = await tx.query<{ nickname: string }>(
    'select nickname from chat.users where id = any($1::bigint[]) and nickname is not null order by id limit 4',
    [members],
  );
  return (
    rows
      .map((r) => r.nickname)
      .join(', ')
      .slice(0, 50) || 'group'
  );
}

/** What a run would record as skipped or changed, from the source alone. */
async function dryRunNotes(source: SqlExecutor): Promise<Record<string, number>> {
  const q = async (sql: string) => Number((await source.query<{ n: string }>(sql)).rows[0]?.n ?? 0);
  const notes: Record<string, number> = {
    'email already taken (letters differing in case are the same email here)': await q(
      'select count(*) - count(distinct lower(email)) as n from users',
    ),
    'password is not a bcrypt hash: the account has no password': await q(
      "select count(*) as n from users where password !~ '^\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}$'",
    ),
    'no members that were imported': await q(
      'select count(*) as n from chat_rooms r where not exists (select 1 from chat_room_members m where m.room_id = r.id)',
    ),
    'a 1:1 room without exactly two members: imported as a group': await q(
      "select count(*) as n from chat_rooms r where type = 'DIRECT' and (select count(*) from chat_room_members m where m.room_id = r.id) not in (0, 2)",
    ),
    'messages of a user not imported: shown as a deleted user': await q(
      'select count(distinct sender_id) as n from messages x where not exists (select 1 from users u where u.id = x.sender_id)',
    ),
  };
  return Object.fromEntries(Object.entries(notes).filter(([, n]) => n > 0));
}

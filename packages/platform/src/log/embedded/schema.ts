import type { SqlDatabase } from '../../ports/sql.ts';

/** Throws unless `schema` is a plain identifier (it is interpolated into SQL). */
export function checkSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`embedded event log: schema "${schema}" must be a lower-case identifier`);
  }
  return schema;
}

/** Creates the log's tables when missing (idempotent; serialised across connections). */
export async function createEventLogSchema(db: SqlDatabase, s: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`eventlog:${s}`]);
    await tx.exec(`
      create schema if not exists ${s};
      create table if not exists ${s}.topics (
        topic text primary key,
        partitions int not null,
        created_at timestamptz not null default now()
      );
      create table if not exists ${s}.partitions (
        topic text not null references ${s}.topics on delete cascade,
        partition int not null,
        next_offset int8 not null default 1,
        primary key (topic, partition)
      );
      create table if not exists ${s}.records (
        topic text not null,
        partition int not null,
        "offset" int8 not null,
        key text not null,
        value bytea not null,
        headers jsonb not null default '{}',
        msg_id text,
        created_at timestamptz not null default now(),
        primary key (topic, partition, "offset")
      );
      create table if not exists ${s}.group_offsets (
        topic text not null,
        grp text not null,
        partition int not null,
        committed int8 not null,
        updated_at timestamptz not null default now(),
        primary key (topic, grp, partition)
      );
      create table if not exists ${s}.dead_letters (
        id bigserial primary key,
        topic text not null,
        grp text not null,
        partition int not null,
        "offset" int8 not null,
        key text not null,
        value bytea not null,
        headers jsonb not null default '{}',
        error text not null,
        attempts int not null,
        dead_at timestamptz not null default now()
      );
      create index if not exists dead_letters_by_group on ${s}.dead_letters (topic, grp, id);
      -- de-duplication: an id appended again within the window is found among the records
      -- (maintenance keeps every record of the window); a separate table of ids, which
      -- earlier versions kept, cost a second insert per record
      create index if not exists records_by_msg_id on ${s}.records (topic, msg_id, created_at)
        where msg_id is not null;
      drop table if exists ${s}.dedup;
    `);
  });
}

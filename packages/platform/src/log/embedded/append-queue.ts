import { GroupCommit } from '../../batching/group-commit.ts';
import type { AppendRecord, AppendResult, LogRecord } from '../../ports/event-log.ts';
import { partitionFor } from '../../ports/event-log.ts';
import type { SqlDatabase } from '../../ports/sql.ts';

interface Pending {
  topic: string;
  partitions: number;
  records: readonly AppendRecord[];
}

interface Row {
  topic: string;
  partition: number;
  key: string;
  value: Uint8Array;
  headers: Record<string, string>;
  msgId: string | null;
  result?: AppendResult;
  /** Same id earlier in this flush: shares that row's result. */
  sameAs?: Row;
}

export interface AppendQueueOptions {
  db: SqlDatabase;
  schema: string;
  dedupWindowMs: number;
  /** Called after a flush committed, with the records it stored (in offset order per partition). */
  onStored: (records: LogRecord[]) => void;
}

/** Records per flush; more callers wait for the next one. */
const MAX_ROWS = 5000;
const encoder = new TextEncoder();

/**
 * Appends, group-committed: append() calls that arrive while a flush is running are written
 * together by the next one, in one statement (ids seen, offset blocks, records); each caller
 * is resolved when its flush committed.
 */
export class AppendQueue {
  readonly #o: AppendQueueOptions;
  readonly #sql: string;
  readonly #commit: GroupCommit<Pending, AppendResult[]>;

  constructor(opts: AppendQueueOptions) {
    this.#o = opts;
    this.#sql = appendSql(opts.schema);
    this.#commit = new GroupCommit((batch) => this.#write(batch), {
      weight: (p) => p.records.length,
      maxWeight: MAX_ROWS,
    });
  }

  append(topic: string, partitions: number, records: readonly AppendRecord[]): Promise<AppendResult[]> {
    if (records.length === 0) return Promise.resolve([]);
    return this.#commit.submit({ topic, partitions, records });
  }

  /** Resolves when everything queued so far is written. */
  idle(): Promise<void> {
    return this.#commit.idle();
  }

  async #write(batch: Pending[]): Promise<AppendResult[][]> {
    const perCall = batch.map((p) =>
      p.records.map(
        (r): Row => ({
          topic: p.topic,
          partition: partitionFor(r.key, p.partitions),
          key: r.key,
          value: typeof r.value === 'string' ? encoder.encode(r.value) : r.value,
          headers: { ...r.headers },
          msgId: r.id ?? null,
        }),
      ),
    );
    // A second use of an id within this flush is a duplicate of the first.
    const firstWithId = new Map<string, Row>();
    const rows: Row[] = [];
    for (const r of perCall.flat()) {
      const k = r.msgId === null ? null : `${r.topic}\u0000${r.msgId}`;
      const earlier = k === null ? undefined : firstWithId.get(k);
      if (earlier) {
        r.sameAs = earlier;
        continue;
      }
      if (k !== null) firstWithId.set(k, r);
      rows.push(r);
    }
    const stored = await this.#store(rows);
    this.#o.onStored(stored);
    return perCall.map((list) =>
      list.map((r) => {
        const result = r.result ?? (r.sameAs?.result && { ...r.sameAs.result, duplicate: true });
        if (!result) throw new Error(`topic ${r.topic} has no partition ${r.partition}`);
        return result;
      }),
    );
  }

  /**
   * One statement, so one call into the database and atomic without a transaction: rows whose
   * id was appended within the window get that append's result; the others take offsets from
   * their partition's counter and are stored. Returns the stored records.
   */
  async #store(rows: Row[]): Promise<LogRecord[]> {
    const col = <T>(f: (r: Row) => T) => rows.map(f);
    const { rows: out } = await this.#o.db
      .query<{
        ord: number;
        partition: number;
        offset: number;
        duplicate: boolean;
        ts: number;
      }>(this.#sql, [
        col((r) => r.topic),
        col((r) => r.partition),
        col((r) => r.key),
        col((r) => r.value),
        col((r) => JSON.stringify(r.headers)),
        col((r) => r.msgId),
        this.#o.dedupWindowMs / 1000,
      ])
      .catch((err: unknown) => {
        // A record of a partition without a counter row gets no offset: not-null violation.
        if ((err as { code?: string }).code !== '23502') throw err;
        const topics = [...new Set(rows.map((r) => r.topic))].join(', ');
        throw new Error(`an append names a partition that topic ${topics} does not have`, { cause: err });
      });
    const stored: LogRecord[] = [];
    for (const o of out) {
      const r = rows[o.ord - 1]!;
      r.result = { partition: o.partition, offset: o.offset, duplicate: o.duplicate };
      if (o.duplicate) continue;
      const { topic, partition, key, value, headers } = r;
      stored.push({ topic, partition, offset: o.offset, key, value, headers, attempt: 1, timestamp: o.ts });
    }
    return stored;
  }
}

/**
 * The append statement. A partition with no counter row yields a row with a null offset and
 * stores nothing: the not-null offset column fails the whole statement (reported by name).
 */
const appendSql = (s: string) => `
with input as (
  select * from unnest($1::text[], $2::int[], $3::text[], $4::bytea[], $5::jsonb[], $6::text[])
    with ordinality as u(topic, partition, key, value, headers, msg_id, ord)
), seen as (
  select u.ord, d.partition, d."offset" from input u
   cross join lateral (
     select r.partition, r."offset" from ${s}.records r
      where r.topic = u.topic and r.msg_id = u.msg_id
        and r.created_at > now() - make_interval(secs => $7)
      order by r.created_at desc
      limit 1
   ) d
  where u.msg_id is not null
), fresh as (
  select u.* from input u where not exists (select 1 from seen where seen.ord = u.ord)
), counts as (
  select topic, partition, count(*)::int8 as n from fresh group by topic, partition
), blocks as (
  update ${s}.partitions p set next_offset = p.next_offset + c.n
    from counts c where p.topic = c.topic and p.partition = c.partition
  returning p.topic, p.partition, p.next_offset - c.n as first
), numbered as (
  select f.*, b.first + row_number() over (partition by f.topic, f.partition order by f.ord) - 1 as "offset"
    from fresh f left join blocks b on b.topic = f.topic and b.partition = f.partition
), stored as (
  insert into ${s}.records (topic, partition, "offset", key, value, headers, msg_id)
  select topic, partition, "offset", key, value, headers, msg_id from numbered order by ord
)
select ord, partition, "offset", false as duplicate, (extract(epoch from now()) * 1000)::int8 as ts
  from numbered
union all
select ord, partition, "offset", true, 0 from seen
order by ord`;

import { randomUUID } from 'node:crypto';
import { currentRequestId, REQUEST_ID_HEADER } from '../observability/request-context.ts';
import type { SqlExecutor } from '../ports/sql.ts';
import type { OutboxTable } from './outbox-relay.ts';

/** An event's identity and time, added when it is recorded. */
interface Envelope {
  readonly type: string;
  readonly eventId: string;
  readonly occurredAt: number;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An event as the code describes it; recordEvent adds `eventId` and `occurredAt`. */
export type NewEvent<E extends Envelope> = DistributiveOmit<E, 'eventId' | 'occurredAt'>;

export interface KeyedOutboxRow {
  id: number;
  event_id: string;
  key: string;
  type: string;
  payload: string;
  request_id: string | null;
}

export interface KeyedOutboxOptions<E extends Envelope> {
  /**
   * The schema holding `{schema}.outbox` (id bigserial, event_id, key, type, payload,
   * request_id, created_at): a constant of the service, never input.
   */
  readonly schema: string;
  readonly topic: string;
  /** What the rows are, in log lines (`store events`). */
  readonly what: string;
  readonly encode: (event: E) => string;
  /** The ordering key: events of one key reach the log in the order they were recorded. */
  readonly keyOf: (event: E) => string;
}

export interface KeyedOutbox<E extends Envelope> {
  /** For createOutboxRelay. */
  readonly table: OutboxTable<KeyedOutboxRow>;
  /**
   * Records an event in the transaction of the change it reports: it reaches the log if and
   * only if the change commits (the relay appends it afterwards, at least once).
   */
  record(tx: SqlExecutor, partial: NewEvent<E>): Promise<E>;
}

/**
 * The outbox of a service whose events carry their own ordering key (`order:12`, `post:7`):
 * the table's SQL, the relay's view of it, and the function that records an event.
 */
export function createKeyedOutbox<E extends Envelope>(opts: KeyedOutboxOptions<E>): KeyedOutbox<E> {
  if (!/^[a-z_]+$/.test(opts.schema)) throw new Error(`bad outbox schema name: ${opts.schema}`);
  const t = `${opts.schema}.outbox`;
  const insert = `insert into ${t} (event_id, key, type, payload, request_id) values ($1, $2, $3, $4, $5)`;
  return {
    table: {
      topic: opts.topic,
      what: opts.what,
      leaseKey: `${opts.schema}:outbox:relay-lease`,
      next: `select id, event_id, key, type, payload, request_id from ${t} order by id limit $1`,
      delete: `delete from ${t} where id = any($1::bigint[])`,
      backlog: `select count(*)::int as n,
                       coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as age
                  from ${t}`,
      keyOf: (row) => row.key,
      toRecord(row) {
        const headers: Record<string, string> = { type: row.type };
        if (row.request_id) headers[REQUEST_ID_HEADER] = row.request_id;
        return { key: row.key, value: row.payload, id: row.event_id, headers };
      },
    },
    async record(tx, partial) {
      const event = { ...partial, eventId: randomUUID(), occurredAt: Date.now() } as unknown as E;
      await tx.query(insert, [
        event.eventId,
        opts.keyOf(event),
        event.type,
        opts.encode(event),
        currentRequestId() ?? null,
      ]);
      return event;
    },
  };
}

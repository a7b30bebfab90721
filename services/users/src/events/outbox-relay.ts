import { USERS_EVENTS_TOPIC } from '@chat/contracts';
import {
  createOutboxRelay as createRelay,
  type OutboxRelay,
  type OutboxRelayOptions,
  type OutboxTable,
} from '@chat/platform';
import { OUTBOX_SQL } from './outbox.queries.ts';
import { type StoredUserEvent, toLogRecord } from './user-event.ts';

export type { OutboxRelay };

type OutboxRow = StoredUserEvent & { id: number };

/** users.outbox: rows added by UserTransaction.recordEvent, in per-user order. */
const USERS_OUTBOX: OutboxTable<OutboxRow> = {
  topic: USERS_EVENTS_TOPIC,
  what: 'user events',
  leaseKey: 'users:outbox:relay-lease',
  ...OUTBOX_SQL,
  keyOf: (row) => String(row.user_id),
  toRecord: toLogRecord,
};

/** The relay of users.outbox to the users.events topic. */
export function createOutboxRelay(opts: Omit<OutboxRelayOptions<OutboxRow>, 'table'>): OutboxRelay {
  return createRelay({ ...opts, table: USERS_OUTBOX });
}

import type { SqlDatabase } from '@chat/platform';
import { PUSH_SQL } from './push.queries.ts';

export interface PushSubscriptionRow {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface PushSettings {
  previews: boolean;
  /** Quiet hours, minutes after local midnight (both null: none). */
  dndStart: number | null;
  dndEnd: number | null;
  timeZone: string;
}

export const DEFAULT_PUSH_SETTINGS: PushSettings = {
  previews: true,
  dndStart: null,
  dndEnd: null,
  timeZone: 'UTC',
};

/** One subscription a new message goes to. */
export interface PushRecipient extends PushSubscriptionRow {
  /** Which message of the batch (1-based). */
  ord: number;
  user_id: number;
  room_type: 'DIRECT' | 'GROUP';
  room_name: string | null;
  previews: boolean;
  dnd_start: number | null;
  dnd_end: number | null;
  time_zone: string;
  mentioned: boolean;
}

/** How long a look that found subscriptions is trusted (finding none is never trusted). */
const SOME_TRUSTED_MS = 10_000;

/** Push subscriptions and notification settings (chat.push_*). SQL: push.queries.ts. */
export function createPushRepository(db: SqlDatabase) {
  let someSeenAt = Number.NEGATIVE_INFINITY;
  /**
   * Whether recipients() must run its statement: false only when no one has subscribed at all
   * (a small statement, asked again for every batch, so a first subscription on any node counts
   * at once). The recipients statement costs a few ms a batch in PGlite even then (it walks the
   * batch's rooms' members); while subscriptions were seen lately it runs without asking.
   */
  async function anySubscription(): Promise<boolean> {
    if (performance.now() - someSeenAt < SOME_TRUSTED_MS) return true;
    const any = (await db.query<{ any: boolean }>(PUSH_SQL.any)).rows[0]?.any ?? false;
    if (any) someSeenAt = performance.now();
    return any;
  }

  return {
    async subscribe(userId: number, s: PushSubscriptionRow): Promise<void> {
      await db.query(PUSH_SQL.subscribe, [s.endpoint, userId, s.p256dh, s.auth]);
    },
    async subscriptions(userId: number): Promise<PushSubscriptionRow[]> {
      return (await db.query<PushSubscriptionRow>(PUSH_SQL.subscriptions, [userId])).rows;
    },
    async count(userId: number): Promise<number> {
      return (await db.query<{ n: number }>(PUSH_SQL.count, [userId])).rows[0]?.n ?? 0;
    },
    async unsubscribe(userId: number, endpoint: string): Promise<boolean> {
      return ((await db.query(PUSH_SQL.unsubscribe, [endpoint, userId])).rowCount ?? 0) > 0;
    },
    async expire(endpoint: string): Promise<void> {
      await db.query(PUSH_SQL.expire, [endpoint]);
    },
    async settings(userId: number): Promise<PushSettings> {
      const row = (
        await db.query<{
          previews: boolean;
          dnd_start: number | null;
          dnd_end: number | null;
          time_zone: string;
        }>(PUSH_SQL.settings, [userId])
      ).rows[0];
      return row
        ? { previews: row.previews, dndStart: row.dnd_start, dndEnd: row.dnd_end, timeZone: row.time_zone }
        : DEFAULT_PUSH_SETTINGS;
    },
    async saveSettings(userId: number, s: PushSettings): Promise<void> {
      await db.query(PUSH_SQL.saveSettings, [userId, s.previews, s.dndStart, s.dndEnd, s.timeZone]);
    },
    async recipients(
      messages: readonly { roomId: number; senderId: number; mentions?: readonly number[] | undefined }[],
    ): Promise<PushRecipient[]> {
      if (messages.length === 0 || !(await anySubscription())) return [];
      const { rows } = await db.query<PushRecipient>(PUSH_SQL.recipients, [
        messages.map((m) => m.roomId),
        messages.map((m) => m.senderId),
        messages.map((m) => (m.mentions?.length ? `{${m.mentions.join(',')}}` : null)),
      ]);
      return rows;
    },
  };
}

export type PushRepository = ReturnType<typeof createPushRepository>;

/**
 * The SQL of push.repository.ts. Snapshot: services/chat/sql/push.sql
 * (`UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots`).
 */
export const PUSH_SQL = {
  /** $1 endpoint, $2 user, $3 p256dh, $4 auth: a browser subscribes (again: it is the user's now). */
  subscribe: `insert into chat.push_subscriptions (endpoint, user_id, p256dh, auth) values ($1, $2, $3, $4)
   on conflict (endpoint) do update set user_id = excluded.user_id, p256dh = excluded.p256dh,
     auth = excluded.auth, created_at = now()`,

  /** $1 user: their subscriptions. */
  subscriptions: 'select endpoint, p256dh, auth from chat.push_subscriptions where user_id = $1',

  /** $1 user: how many subscriptions they have. */
  count: 'select count(*)::int as n from chat.push_subscriptions where user_id = $1',

  /** $1 endpoint, $2 user. */
  unsubscribe: 'delete from chat.push_subscriptions where endpoint = $1 and user_id = $2',

  /** $1 endpoint: gone at the push service (404/410). */
  expire: 'delete from chat.push_subscriptions where endpoint = $1',

  /** Whether anyone has a subscription at all (recipients() skips its statement when not). */
  any: 'select exists (select 1 from chat.push_subscriptions) as any',

  /** $1 user. */
  settings: `select previews, dnd_start, dnd_end, time_zone from chat.push_settings where user_id = $1`,

  /** $1 user, $2 previews, $3 dnd start, $4 dnd end, $5 time zone. */
  saveSettings: `insert into chat.push_settings (user_id, previews, dnd_start, dnd_end, time_zone)
   values ($1, $2, $3, $4, $5)
   on conflict (user_id) do update set previews = excluded.previews, dnd_start = excluded.dnd_start,
     dnd_end = excluded.dnd_end, time_zone = excluded.time_zone`,

  /**
   * $1 room ids, $2 sender ids, $3 mentioned user ids as array literals ('{1,2}', null for
   * none), one per new message: whom each message notifies (`ord`, 1-based), with every one of
   * their subscriptions, their settings and the room's type and name. Not the sender; not a
   * member who muted the room unless mentioned; not one who blocked the sender. One statement
   * a persisted batch, and only while someone has a subscription (`any`): it walks the members of
   * the batch's rooms, a few ms a batch of 100 in PGlite even when it finds no one.
   */
  recipients: `select x.ord, m.user_id, s.endpoint, s.p256dh, s.auth, r.type as room_type, r.name as room_name,
         coalesce(ps.previews, true) as previews, ps.dnd_start, ps.dnd_end,
         coalesce(ps.time_zone, 'UTC') as time_zone,
         m.user_id = any(coalesce(x.mentions::int8[], '{}')) as mentioned
    from unnest($1::int8[], $2::int8[], $3::text[]) with ordinality as x(room_id, sender_id, mentions, ord)
    join chat.rooms r on r.id = x.room_id
    join chat.room_members m on m.room_id = x.room_id and m.user_id <> x.sender_id
    join chat.push_subscriptions s on s.user_id = m.user_id
    left join chat.push_settings ps on ps.user_id = m.user_id
   where (not m.muted or m.user_id = any(coalesce(x.mentions::int8[], '{}')))
     and not exists (select 1 from chat.blocks b where b.blocker_id = m.user_id and b.blocked_id = x.sender_id)
   order by x.ord`,
} as const;

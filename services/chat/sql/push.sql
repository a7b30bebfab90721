-- The SQL of services/chat/src/push/push.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- PUSH_SQL.subscribe
insert into chat.push_subscriptions (endpoint, user_id, p256dh, auth) values ($1, $2, $3, $4)
   on conflict (endpoint) do update set user_id = excluded.user_id, p256dh = excluded.p256dh,
     auth = excluded.auth, created_at = now();

-- PUSH_SQL.subscriptions
select endpoint, p256dh, auth from chat.push_subscriptions where user_id = $1;

-- PUSH_SQL.count
select count(*)::int as n from chat.push_subscriptions where user_id = $1;

-- PUSH_SQL.unsubscribe
delete from chat.push_subscriptions where endpoint = $1 and user_id = $2;

-- PUSH_SQL.expire
delete from chat.push_subscriptions where endpoint = $1;

-- PUSH_SQL.any
select exists (select 1 from chat.push_subscriptions) as any;

-- PUSH_SQL.settings
select previews, dnd_start, dnd_end, time_zone from chat.push_settings where user_id = $1;

-- PUSH_SQL.saveSettings
insert into chat.push_settings (user_id, previews, dnd_start, dnd_end, time_zone)
   values ($1, $2, $3, $4, $5)
   on conflict (user_id) do update set previews = excluded.previews, dnd_start = excluded.dnd_start,
     dnd_end = excluded.dnd_end, time_zone = excluded.time_zone;

-- PUSH_SQL.recipients
select x.ord, m.user_id, s.endpoint, s.p256dh, s.auth, r.type as room_type, r.name as room_name,
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
   order by x.ord;

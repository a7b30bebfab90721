-- The SQL of services/chat/src/emoticons/emoticon.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- EMOTICON_SQL.applyInventory
with pack as (
  insert into chat.emoticon_packs (item_id, title, alts, changed_at) values ($2, $5, $6::text[], $7)
  on conflict (item_id) do update set title = excluded.title, alts = excluded.alts, changed_at = excluded.changed_at
   where chat.emoticon_packs.changed_at <= excluded.changed_at
  returning 1
)
insert into chat.emoticon_holdings as h (user_id, item_id, owned, version) values ($1, $2, $3, $4)
on conflict (user_id, item_id) do update
  set owned = excluded.owned, version = excluded.version,
      used_at = case when excluded.owned and not h.owned then null else h.used_at end
 where h.version < excluded.version
returning h.user_id;

-- EMOTICON_SQL.holding
select h.owned, h.version, h.used_at, p.alts
  from chat.emoticon_holdings h
  join chat.emoticon_packs p on p.item_id = h.item_id
 where h.user_id = $1 and h.item_id = $2;

-- EMOTICON_SQL.markUsed
update chat.emoticon_holdings set used_at = $3
 where user_id = $1 and item_id = $2 and used_at is null and owned;

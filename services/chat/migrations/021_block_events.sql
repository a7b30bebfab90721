-- Block changes leave chat through an outbox to the log (topic chat.blocks), so the services
-- that honour chat's block list (social) keep a view of it. Versions order the changes.
create table chat.outbox (
  id bigserial primary key,
  event_id text not null,
  key text not null,
  type text not null,
  payload text not null,
  request_id text,
  created_at timestamptz not null default now()
);

create sequence chat.block_versions;

-- The blocks made before this migration, told once.
insert into chat.outbox (event_id, key, type, payload)
select e.event_id, 'user:' || e.blocker_id, 'BlockChanged',
       json_build_object(
         'type', 'BlockChanged', 'eventId', e.event_id,
         'occurredAt', (extract(epoch from now()) * 1000)::bigint,
         'blockerId', e.blocker_id, 'blockedId', e.blocked_id, 'blocked', true,
         'version', e.version)::text
  from (select gen_random_uuid()::text as event_id, blocker_id, blocked_id,
               nextval('chat.block_versions') as version
          from chat.blocks order by blocked_at) e;

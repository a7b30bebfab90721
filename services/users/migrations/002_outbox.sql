-- Transactional outbox of user events: a change of users.users and the row announcing it are
-- committed together; the relay (src/events/outbox-relay.ts) appends rows to the event log in
-- id order and deletes them once the append is durable.
create table users.outbox (
  id         bigserial primary key,
  event_id   uuid not null,
  user_id    bigint not null,
  type       text not null,
  payload    text not null,
  created_at timestamptz not null default now()
);

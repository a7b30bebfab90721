-- What the unread-reconciliation job found: a room whose unread count the cache served
-- differently from PostgreSQL (null: the room was missing on that side). Written with each
-- chunk's checkpoint; deleted with its run.
create table batch.unread_findings (
  execution_id bigint not null references batch.executions (id) on delete cascade,
  user_id      bigint not null,
  room_id      bigint not null,
  cached       integer,
  actual       integer,
  primary key (execution_id, user_id, room_id)
);

-- Social's view of chat's block list (topic chat.blocks): a pair blocked either way sees
-- nothing of each other and cannot follow. `version` orders the changes (chat's sequence).
create table social.blocks (
  blocker_id bigint not null,
  blocked_id bigint not null,
  blocked boolean not null,
  version bigint not null,
  primary key (blocker_id, blocked_id)
);
create index blocks_blocked on social.blocks (blocked_id, blocker_id) where blocked;

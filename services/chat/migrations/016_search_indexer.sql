-- Message search, indexed beside the pipeline instead of inside it.
--
-- 012_search_pairs.sql indexed chat.messages itself: every stored message paid for about 60
-- GIN keys inside the persistence statement (75-90 µs per message in PGlite, which runs in the
-- server's thread: a fifth of the embedded pipeline's capacity). Now a stored message is only
-- noted in chat.search_pending (one small b-tree insert), and the search indexer
-- (src/search/search-indexer.ts) moves pending messages into chat.message_search, whose GIN
-- index holds the pairs, in batches, when the node is not busy. Search reads both: the index
-- for what it holds, and the pending messages (few, unless a burst is being absorbed) tested
-- directly, so a message is found from the moment it is stored.
--
-- Triggers on chat.messages keep the queue, whoever writes: the persistence consumer, an edit
-- (queued again: the indexer replaces the copy), an unsend (the copy goes), the Spring import,
-- and a node of the previous release during a rolling upgrade (whose own searches, until it is
-- replaced, scan chat.messages: its index is dropped below). Statement triggers with
-- transition tables: one call per statement, not per row.
--
-- chat.message_search keeps a copy of the text as it was indexed: the GIN expression needs a
-- column of its own table. Results are always tested and shown with the message's current
-- text, so a stale copy can only delay a find, never show old text. No foreign key to
-- chat.messages: its check cost about 1 ms a row in PGlite. Messages are never deleted (a room
-- closes, an unsent message keeps its row), and search joins each copy to its message.
--
-- Writes to chat.messages wait while this file runs (the copy and the index build: about 40 s
-- per million messages on 2 cores), so no message stored meanwhile is missed; reads go on.

lock table chat.messages in share mode;

create table if not exists chat.search_pending (
  message_id bigint primary key,
  room_id bigint not null
);

create table if not exists chat.message_search (
  message_id bigint primary key,
  room_id bigint not null,
  content text not null
);

-- Messages stored before this release, indexed here in one pass. SYSTEM messages and unsent
-- ones are never searched.
insert into chat.message_search (message_id, room_id, content)
select id, room_id, content from chat.messages where type <> 'SYSTEM' and deleted_at is null
on conflict (message_id) do nothing;

create index if not exists message_search_pairs_idx on chat.message_search
  using gin (array_to_tsvector(chat.search_pairs(content)));
create index if not exists message_search_room_idx on chat.message_search (room_id, message_id);

-- New messages wait for the indexer.
create or replace function chat.search_queue_inserted() returns trigger
  language plpgsql as $$
begin
  insert into chat.search_pending (message_id, room_id)
  select id, room_id from inserted where type <> 'SYSTEM' and deleted_at is null
  on conflict (message_id) do nothing;
  return null;
end $$;

-- An unsent message's copy goes (a statement of its own, after the unsend's row lock: if the
-- indexer was copying the text, the unsend waited for it, and this sees the copy). An edited
-- one waits for the indexer again.
create or replace function chat.search_queue_updated() returns trigger
  language plpgsql as $$
begin
  delete from chat.message_search s using updated n
   where s.message_id = n.id and n.deleted_at is not null;
  insert into chat.search_pending (message_id, room_id)
  select n.id, n.room_id from updated n join previous o on o.id = n.id
   where n.content is distinct from o.content and n.deleted_at is null and n.type <> 'SYSTEM'
  on conflict (message_id) do nothing;
  return null;
end $$;

drop trigger if exists messages_search_inserted on chat.messages;
create trigger messages_search_inserted after insert on chat.messages
  referencing new table as inserted
  for each statement execute function chat.search_queue_inserted();
drop trigger if exists messages_search_updated on chat.messages;
create trigger messages_search_updated after update on chat.messages
  referencing old table as previous new table as updated
  for each statement execute function chat.search_queue_updated();

drop index if exists chat.messages_search_idx;
analyze chat.message_search;

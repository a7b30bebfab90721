-- Message search, indexed beside the pipeline instead of inside it.
--
-- 012_search_pairs.sql indexed chat.messages itself: every stored message paid for about 60
-- GIN keys inside the persistence statement (75-90 µs per message in PGlite, which runs in the
-- server's thread: a fifth of the embedded pipeline's capacity). Now the persistence statement
-- only notes the new message in chat.search_pending (one small b-tree insert), and the search
-- indexer (src/search/search-indexer.ts) moves pending messages into chat.message_search, whose
-- GIN index holds the pairs, in batches, when the pipeline is not busy. Search reads both: the
-- index for what it holds, and the pending messages (few, unless a burst is being absorbed)
-- tested directly, so a message is found from the moment it is stored.
--
-- chat.message_search keeps a copy of the text as it was indexed: the GIN expression needs a
-- column of its own table. An edit queues the message again (the indexer replaces the copy);
-- results are always tested and shown with the message's current text, so a stale copy can
-- only delay a find, never show old text.

create table if not exists chat.search_pending (
  message_id bigint primary key,
  room_id bigint not null
);

-- No foreign key to chat.messages: its check cost about 1 ms a row in PGlite. Messages are
-- never deleted (a room closes, an unsent message keeps its row), and search joins each copy to
-- its message, so a copy without one would never be shown.
create table if not exists chat.message_search (
  message_id bigint primary key,
  room_id bigint not null,
  content text not null
);

-- Messages stored before this release: indexed here, in one pass (about 40 s per million on
-- 2 cores, most of it the index build below). SYSTEM messages are never searched.
insert into chat.message_search (message_id, room_id, content)
select id, room_id, content from chat.messages where type <> 'SYSTEM' and deleted_at is null
on conflict (message_id) do nothing;

create index if not exists message_search_pairs_idx on chat.message_search
  using gin (array_to_tsvector(chat.search_pairs(content)));
create index if not exists message_search_room_idx on chat.message_search (room_id, message_id);
drop index if exists chat.messages_search_idx;
analyze chat.message_search;

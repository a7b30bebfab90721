-- The emoticon shop's side in chat (issue #18): a local view of the store's inventory, fed by
-- its InventoryChanged events (store.events), so that sending an EMOTICON message checks
-- ownership without asking the store. Each event carries the pack (title, emoticons' alts).
create table if not exists chat.emoticon_packs (
  item_id bigint primary key,
  title text not null,
  -- the emoticons' texts in pack order (an EMOTICON message's index points into it)
  alts text[] not null,
  -- when the store changed the event that wrote it (an older event changes nothing: versions
  -- are the holdings', so the pack, shared by holders, goes by time)
  changed_at timestamptz not null
);

-- Who holds which pack, as of the newest InventoryChanged applied (`version`: a replayed or
-- reordered older event changes nothing).
create table if not exists chat.emoticon_holdings (
  user_id bigint not null,
  item_id bigint not null,
  owned boolean not null,
  version bigint not null,
  -- when chat reported the holder's first use of the pack (EmoticonUsed); null until then,
  -- and again when the pack is acquired anew
  used_at timestamptz,
  primary key (user_id, item_id)
);

-- An EMOTICON message's emoticon: the pack and the position in it (its alt is the content).
alter table chat.messages add column if not exists emoticon_item_id bigint;
alter table chat.messages add column if not exists emoticon_index smallint;

alter table chat.messages drop constraint if exists messages_type_check;
alter table chat.messages add constraint messages_type_check
  check (type in ('TEXT', 'IMAGE', 'FILE', 'SYSTEM', 'EMOTICON'));

-- Message search, second index: adjacent pairs of characters only, as a tsvector.
--
-- 002_search.sql indexed every character and every pair of the lowercased text as a text[]:
-- 60-105 µs per stored message in PGlite, which runs in the server's thread. Single characters
-- are implied by the pairs: every character of a text begins one of its pairs, or stands alone
-- at its end (the last one, left over by one of the two passes below), so a one-character
-- query is a prefix match on the pairs, which GIN supports for tsvector (`'x':*`) and not for
-- arrays. Half the keys and a cheaper function: 40-60 µs per message. `array_to_tsvector`
-- takes the pairs as they are (no parser, no stemming), so punctuation, quotes, `%` and `_`
-- stay ordinary characters.
--
-- The new index is built before the old one goes: the build holds a write lock on
-- chat.messages (reads go on; about 40 s per million messages on 2 cores), and dropping the old
-- index takes the table's exclusive lock only for the rest of this file's transaction. The old
-- functions stay: a node still running the previous release calls them until it is replaced.

-- Every adjacent pair of characters of the lowercased text, in two passes of non-overlapping
-- pairs at even and at odd offsets (U+0001 separates them; the API refuses control characters
-- in queries), plus the character left over at the end of one of them.
create or replace function chat.search_pairs(content text) returns text[]
  language sql immutable strict parallel safe
  return array_remove(
    string_to_array(regexp_replace(lower(content), '(..)', E'\\1\x01', 'g'), E'\x01')
      || string_to_array(regexp_replace(substr(lower(content), 2), '(..)', E'\\1\x01', 'g'), E'\x01'),
    '');

-- What a message holding `q` must hold: each of its pairs without white space; when it has
-- none (one character, or characters between spaces), each character as a prefix of a pair.
-- Lexemes are quoted for the tsquery syntax (a quote doubled, a backslash escaped).
create or replace function chat.search_query(q text) returns tsquery
  language sql immutable strict parallel safe
  return coalesce(
    (select string_agg('''' || replace(replace(g, '\', '\\'), '''', '''''') || '''', ' & ')
       from (select distinct substr(lower(q), i, 2) as g from generate_series(1, char_length(q) - 1) i) p
      where g !~ '\s'),
    (select string_agg('''' || replace(replace(g, '\', '\\'), '''', '''''') || ''':*', ' & ')
       from (select distinct g from unnest(string_to_array(lower(q), null)) g) c
      where g !~ '\s'),
    '')::tsquery;

create index if not exists messages_search_pairs_idx on chat.messages
  using gin (array_to_tsvector(chat.search_pairs(content)));
drop index if exists chat.messages_search_idx;
alter index chat.messages_search_pairs_idx rename to messages_search_idx;
-- The planner weighs the index against walking the newest messages by the pairs' frequencies:
-- statistics of the new expression now, not after autovacuum's next analyze.
analyze chat.messages;

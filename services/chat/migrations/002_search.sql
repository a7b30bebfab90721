-- Message search (substring, case-insensitive, Korean included), backed by an n-gram index.
--
-- PostgreSQL's pg_trgm needs three characters, and most Korean words are two syllables (회의,
-- 점심), so the index holds every character and every pair of adjacent characters of the
-- lowercased content. A query's pairs (its characters when it has none) must all be in a
-- message's set (GIN `@>`), and the exact test `strpos(lower(content), lower(q)) > 0` then
-- confirms the substring: `%`, `_`, `\` and quotes are ordinary characters, nothing is a
-- pattern. Built-in functions only, so the file runs unchanged on PostgreSQL and PGlite.
--
-- This file may run after later ones (a database that predates it gets it on the next start),
-- so it uses only columns of 001_init.sql. On a large existing table the index build holds a
-- write lock on chat.messages for its duration (about 40 s per million messages on 2 cores).

-- Every character and every adjacent pair of characters of the lowercased text (duplicates are
-- dropped by the index). Pairs come from two passes of non-overlapping pairs, at even and at odd
-- offsets; U+0001 separates them (the API refuses control characters in queries). Costs about
-- 10 µs for a typical message: regexp_replace and string_to_array, no per-character SQL.
create or replace function chat.search_grams(content text) returns text[]
  language sql immutable strict parallel safe
  return array_remove(
    string_to_array(lower(content), null)
      || string_to_array(regexp_replace(lower(content), '(..)', E'\\1\x01', 'g'), E'\x01')
      || string_to_array(regexp_replace(substr(lower(content), 2), '(..)', E'\\1\x01', 'g'), E'\x01'),
    '');

-- The n-grams a message must hold to contain `q`: its pairs without white space, or, when it
-- has none (one character, or characters between spaces), its characters without white space.
create or replace function chat.search_query_grams(q text) returns text[]
  language sql immutable strict parallel safe
  return coalesce(
    (select array_agg(distinct g)
       from generate_series(1, char_length(q) - 1) i, substr(lower(q), i, 2) g
      where g !~ '\s'),
    (select array_agg(distinct g)
       from unnest(string_to_array(lower(q), null)) g
      where g !~ '\s'),
    '{}');

-- Not partial (SYSTEM messages are indexed too, and left out by the query): the planner keeps
-- statistics of an index expression only for whole-table indexes, and it needs the n-grams'
-- frequencies to choose between this index (rare terms) and walking the newest messages
-- (common terms).
create index if not exists messages_search_idx on chat.messages using gin (chat.search_grams(content));

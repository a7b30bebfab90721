-- Post search (substring, case-insensitive, Korean included), backed by a character-pair index.
--
-- The approach of chat's message search (services/chat/migrations/012_search_pairs.sql), in
-- social's own functions: every adjacent pair of characters of the lowercased text, as a
-- tsvector, in a GIN index. pg_trgm needs three characters and most Korean words are two
-- syllables (뚱냥, 회의), so trigrams would leave them (and one-character queries) to a scan;
-- pairs serve every length: a query of two or more characters needs all its pairs, one of a
-- single character is a prefix match on the pairs (`'x':*`, which GIN supports for tsvector).
-- Built-in functions only: no extension to create, so the file runs unchanged on PostgreSQL
-- (any user owning the schema) and on PGlite (nothing to register when it is created).
--
-- The index only narrows: search (posts.queries.ts) still tests `text ilike $1`, so results are
-- exactly those of the pattern (`%`, `_` and `\` literal). ILIKE compares lower(text) with the
-- lowered pattern; the index holds pairs of lower(text) and the query's pairs come from the
-- lowered pattern itself, so every post ILIKE matches holds them.
--
-- On a large existing table the index build holds a write lock on social.posts for its
-- duration (reads go on; about 40 s per million short texts on 2 cores).

-- Every adjacent pair of characters of the lowercased text, in two passes of non-overlapping
-- pairs at even and at odd offsets, U+0001 between them, plus the character left over at the
-- end of one pass: every character begins an entry. A U+0001 in a post is indexed as U+0002
-- (the query does the same), so it never splits an entry; the index may then hold a post that
-- does not match, which ILIKE drops.
create or replace function social.search_pairs(body text) returns text[]
  language sql immutable strict parallel safe
  return array_remove(
    string_to_array(regexp_replace(translate(lower(body), E'\x01', E'\x02'), '(..)', E'\\1\x01', 'g'), E'\x01')
      || string_to_array(
           regexp_replace(substr(translate(lower(body), E'\x01', E'\x02'), 2), '(..)', E'\\1\x01', 'g'), E'\x01'),
    '');

-- What a post matching the ILIKE pattern `%q%` (`\` escaping `\`, `%` and `_`, as
-- post-lists.ts writes it) must hold: q as ILIKE lowers it (the whole pattern, then the
-- wildcards at both ends and the escapes taken off); each of its pairs without white space;
-- when it has none (one character, or characters between spaces), each of its characters
-- without white space as the prefix of an entry; when it is only white space, each character.
-- Lexemes are quoted for the tsquery syntax (a quote doubled, a backslash escaped).
create or replace function social.search_text(pattern text) returns text
  language sql immutable strict parallel safe
  return translate(
    regexp_replace(substr(lower(pattern), 2, char_length(lower(pattern)) - 2), '\\(.)', '\1', 'g'),
    E'\x01', E'\x02');

create or replace function social.search_query(pattern text) returns tsquery
  language sql immutable strict parallel safe
  return coalesce(
    (select string_agg('''' || replace(replace(g, '\', '\\'), '''', '''''') || '''', ' & ')
       from (select distinct substr(q.t, i, 2) as g
               from (select social.search_text(pattern) as t) q,
                    generate_series(1, char_length(q.t) - 1) i) p
      where g !~ '\s'),
    (select string_agg('''' || replace(replace(g, '\', '\\'), '''', '''''') || ''':*', ' & ')
       from (select distinct g from unnest(string_to_array(social.search_text(pattern), null)) g) c
      where g !~ '\s'),
    (select string_agg('''' || replace(replace(g, '\', '\\'), '''', '''''') || ''':*', ' & ')
       from (select distinct g from unnest(string_to_array(social.search_text(pattern), null)) g) c),
    '')::tsquery;

-- Not partial: the planner keeps statistics of an index expression only for whole-table
-- indexes (deleted posts are few and left out by the query).
create index if not exists posts_search on social.posts using gin (array_to_tsvector(social.search_pairs(text)));
analyze social.posts;

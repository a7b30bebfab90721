/**
 * The SQL of search.repository.ts. Parameters are always bound ($1, ...). Snapshot:
 * services/users/sql/search.sql (`UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots`).
 */

/**
 * Nickname by prefix, email only by the whole address (both case-insensitive): an email prefix
 * would let anyone confirm other people's addresses character by character. The nickname branch
 * walks its `collate "C"` index in order and stops after `$2` rows, so a page costs O(size)
 * index entries however common the prefix; the email branch is one unique-index lookup.
 * $1 = escaped query + '%', $2 = page size, $3 = id to leave out (the caller), $4 = the query.
 */
const FIND = `
select id, nickname, status, profile_image_url, status_message from (
  (select 1 as branch, lower(nickname) collate "C" as sort_key, id, nickname, status, profile_image_url, status_message
     from users.users
    where lower(nickname) collate "C" like lower($1) escape '\\' and id <> $3 and status = 'ACTIVE'
    order by lower(nickname) collate "C", id
    limit $2)
  union all
  (select 2, lower(email) collate "C", id, nickname, status, profile_image_url, status_message
     from users.users
    where lower(email) collate "C" = lower($4) and id <> $3 and status = 'ACTIVE')
) matches
order by branch, sort_key, id`;

export const SEARCH_SQL = { find: FIND } as const;

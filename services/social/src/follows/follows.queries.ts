/**
 * The SQL of follows, requests and account settings. Parameters are always bound.
 * Snapshot: services/social/sql/follows.sql.
 */
export const FOLLOWS_SQL = {
  /** $1 viewer, $2 owner: the owner's privacy, the follows and a block between the two. */
  relation: `
    select coalesce((select private from social.accounts where user_id = $2), false) as private,
           exists(select 1 from social.follows where follower_id = $1 and followee_id = $2) as following,
           exists(select 1 from social.follow_requests where requester_id = $1 and target_id = $2) as requested,
           exists(select 1 from social.follows where follower_id = $2 and followee_id = $1) as follows_me,
           exists(select 1 from social.blocks
                   where blocked and ((blocker_id = $1 and blocked_id = $2) or (blocker_id = $2 and blocked_id = $1)))
             as blocked`,

  /** $1 user: followers and following counts. */
  counts: `
    select (select count(*) from social.follows where followee_id = $1)::int as followers,
           (select count(*) from social.follows where follower_id = $1)::int as following`,

  /** $1 user. */
  isPrivate: 'select private from social.accounts where user_id = $1',

  /** $1 user, $2 private. */
  setPrivate: `
    insert into social.accounts (user_id, private) values ($1, $2)
    on conflict (user_id) do update set private = excluded.private, updated_at = now()`,

  /** $1 follower, $2 followee: a new follow (nothing when it exists). */
  follow: `
    insert into social.follows (follower_id, followee_id) values ($1, $2)
    on conflict do nothing
    returning id`,

  /** $1 follower, $2 followee. */
  unfollow: 'delete from social.follows where follower_id = $1 and followee_id = $2 returning id',

  /** $1 requester, $2 target: a new request (nothing when one is waiting). */
  request: `
    insert into social.follow_requests (requester_id, target_id) values ($1, $2)
    on conflict do nothing
    returning id`,

  /** $1 requester, $2 target. */
  withdrawRequest:
    'delete from social.follow_requests where requester_id = $1 and target_id = $2 returning id',

  /** $1 target: every request waiting for them, taken (the account turned public). */
  takeAllRequests: 'delete from social.follow_requests where target_id = $1 returning requester_id',

  /** $1 user, $2 cursor (a row id, or null), $3 limit: followers, newest first. */
  followers: `
    select id, follower_id as user_id, created_at from social.follows
     where followee_id = $1 and ($2::bigint is null or id < $2)
     order by id desc limit $3`,

  /** $1 user, $2 cursor, $3 limit: whom the user follows, newest first. */
  following: `
    select id, followee_id as user_id, created_at from social.follows
     where follower_id = $1 and ($2::bigint is null or id < $2)
     order by id desc limit $3`,

  /** $1 user, $2 cursor, $3 limit: who follows the user back (friends), newest follow first. */
  mutual: `
    select f.id, f.followee_id as user_id, f.created_at from social.follows f
      join social.follows b on b.follower_id = f.followee_id and b.followee_id = f.follower_id
     where f.follower_id = $1 and ($2::bigint is null or f.id < $2)
     order by f.id desc limit $3`,

  /** $1 target, $2 cursor, $3 limit: requests waiting for the target, newest first. */
  requests: `
    select id, requester_id as user_id, created_at from social.follow_requests
     where target_id = $1 and ($2::bigint is null or id < $2)
     order by id desc limit $3`,

  /** $1 user: everyone they follow (the feed's authors). */
  followeeIds: 'select followee_id from social.follows where follower_id = $1',
} as const;

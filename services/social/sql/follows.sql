-- The SQL of services/social/src/follows/follows.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- FOLLOWS_SQL.relation
select coalesce((select private from social.accounts where user_id = $2), false) as private,
       exists(select 1 from social.follows where follower_id = $1 and followee_id = $2) as following,
       exists(select 1 from social.follow_requests where requester_id = $1 and target_id = $2) as requested,
       exists(select 1 from social.follows where follower_id = $2 and followee_id = $1) as follows_me,
       exists(select 1 from social.blocks
               where blocked and ((blocker_id = $1 and blocked_id = $2) or (blocker_id = $2 and blocked_id = $1)))
         as blocked;

-- FOLLOWS_SQL.counts
select (select count(*) from social.follows where followee_id = $1)::int as followers,
       (select count(*) from social.follows where follower_id = $1)::int as following;

-- FOLLOWS_SQL.isPrivate
select private from social.accounts where user_id = $1;

-- FOLLOWS_SQL.setPrivate
insert into social.accounts (user_id, private) values ($1, $2)
on conflict (user_id) do update set private = excluded.private, updated_at = now();

-- FOLLOWS_SQL.follow
insert into social.follows (follower_id, followee_id) values ($1, $2)
on conflict do nothing
returning id;

-- FOLLOWS_SQL.unfollow
delete from social.follows where follower_id = $1 and followee_id = $2 returning id;

-- FOLLOWS_SQL.request
insert into social.follow_requests (requester_id, target_id) values ($1, $2)
on conflict do nothing
returning id;

-- FOLLOWS_SQL.withdrawRequest
delete from social.follow_requests where requester_id = $1 and target_id = $2 returning id;

-- FOLLOWS_SQL.takeAllRequests
delete from social.follow_requests where target_id = $1 returning requester_id;

-- FOLLOWS_SQL.followers
select id, follower_id as user_id, created_at from social.follows
 where followee_id = $1 and ($2::bigint is null or id < $2)
 order by id desc limit $3;

-- FOLLOWS_SQL.following
select id, followee_id as user_id, created_at from social.follows
 where follower_id = $1 and ($2::bigint is null or id < $2)
 order by id desc limit $3;

-- FOLLOWS_SQL.mutual
select f.id, f.followee_id as user_id, f.created_at from social.follows f
  join social.follows b on b.follower_id = f.followee_id and b.followee_id = f.follower_id
 where f.follower_id = $1 and ($2::bigint is null or f.id < $2)
 order by f.id desc limit $3;

-- FOLLOWS_SQL.requests
select id, requester_id as user_id, created_at from social.follow_requests
 where target_id = $1 and ($2::bigint is null or id < $2)
 order by id desc limit $3;

-- FOLLOWS_SQL.followeeIds
select followee_id from social.follows where follower_id = $1;

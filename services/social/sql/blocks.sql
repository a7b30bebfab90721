-- The SQL of services/social/src/blocks/blocks.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- BLOCKS_SQL.apply
insert into social.blocks as b (blocker_id, blocked_id, blocked, version) values ($1, $2, $3, $4)
on conflict (blocker_id, blocked_id) do update
   set blocked = excluded.blocked, version = excluded.version
 where b.version < excluded.version
returning b.blocker_id;

-- BLOCKS_SQL.unfollowBoth
delete from social.follows
 where (follower_id = $1 and followee_id = $2) or (follower_id = $2 and followee_id = $1)
returning follower_id, followee_id;

-- BLOCKS_SQL.withdrawRequestsBoth
delete from social.follow_requests
 where (requester_id = $1 and target_id = $2) or (requester_id = $2 and target_id = $1);

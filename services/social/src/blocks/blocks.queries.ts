/**
 * The SQL of social's view of chat's block list. Parameters are always bound.
 * Snapshot: services/social/sql/blocks.sql.
 */
export const BLOCKS_SQL = {
  /**
   * $1 blocker, $2 blocked, $3 blocked?, $4 version: applied only over an older version (a
   * replayed or reordered change does nothing); a row when it was applied.
   */
  apply: `
    insert into social.blocks as b (blocker_id, blocked_id, blocked, version) values ($1, $2, $3, $4)
    on conflict (blocker_id, blocked_id) do update
       set blocked = excluded.blocked, version = excluded.version
     where b.version < excluded.version
    returning b.blocker_id`,

  /** $1, $2: the follows between the two, either way, removed (who followed whom). */
  unfollowBoth: `
    delete from social.follows
     where (follower_id = $1 and followee_id = $2) or (follower_id = $2 and followee_id = $1)
    returning follower_id, followee_id`,

  /** $1, $2: the follow requests between the two, either way, removed. */
  withdrawRequestsBoth: `
    delete from social.follow_requests
     where (requester_id = $1 and target_id = $2) or (requester_id = $2 and target_id = $1)`,
} as const;

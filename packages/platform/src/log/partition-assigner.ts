/**
 * Decides which partitions of a topic this consumer instance owns. At most one instance of
 * a group owns a partition at a time: a partition is only assigned to an instance after the
 * previous owner's `revoked` resolved, or after the previous owner is known to be gone.
 */
export interface PartitionAssigner {
  /** Joins the group; resolves once the first assignment round is done. */
  start(listener: AssignmentListener): Promise<void>;
  /** Revokes everything this instance owns (awaiting the listener), then leaves the group. */
  stop(): Promise<void>;
}

/**
 * `rebalance` and `stop`: hand the partition over cleanly (finish, commit).
 * `lost`: ownership is already gone; commit nothing more.
 */
export type RevokeReason = 'rebalance' | 'stop' | 'lost';

export interface AssignmentListener {
  /** The partition is now owned; throwing gives it back. */
  assigned(partition: number): Promise<void>;
  /** The partition must be given up; the assigner waits for this before handing it on. */
  revoked(partition: number, reason: RevokeReason): Promise<void>;
}

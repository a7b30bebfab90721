import type { UsersClient } from '@chat/contracts';
import type { Logger, SqlDatabase } from '@chat/platform';
import type { FollowsRepository } from './follows/follows.repository.ts';

/** What the social service's flows share. */
export interface SocialDeps {
  readonly db: SqlDatabase;
  readonly follows: FollowsRepository;
  readonly users: Pick<UsersClient, 'getUser' | 'getPublicProfiles'>;
  readonly logger: Logger;
  /** Relays the outbox soon (after a commit that recorded events). */
  readonly kick: () => void;
}

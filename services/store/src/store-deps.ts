import type { UsersClient } from '@chat/contracts';
import type { Logger, SqlDatabase } from '@chat/platform';
import type { ItemsRepository } from './items/items.repository.ts';
import type { PaymentProvider } from './payments/payment-provider.ts';

/** What the store's flows share: its database, items, the provider (when cards are on), users. */
export interface StoreDeps {
  readonly db: SqlDatabase;
  readonly items: ItemsRepository;
  /** Undefined: card payments are off (points only). */
  readonly provider: PaymentProvider | undefined;
  readonly users: Pick<UsersClient, 'getUser'>;
  readonly logger: Logger;
  /** Relays the outbox soon (after a commit that recorded events). */
  readonly kick: () => void;
  readonly refundWindowMs: number;
}

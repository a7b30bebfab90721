/** What a session needs from its server (internal). */
import type { WriteCoalescer } from './coalescer.ts';
import type { ResolvedOptions } from './options.ts';
import type { SubscriptionRegistry } from './registry.ts';

/** Coarse clock refreshed by the shared timer; good enough for "last sent" bookkeeping. */
export interface CoarseClock {
  now: number;
}

export interface ServerContext<P, S> {
  readonly options: ResolvedOptions<P>;
  readonly registry: SubscriptionRegistry<S>;
  readonly clock: CoarseClock;
  readonly coalescer: WriteCoalescer;
  nextMessageId(): string;
  /** CONNECT succeeded. */
  sessionOpened(session: S): void;
  /** The session started closing (no longer open). */
  sessionClosing(session: S): void;
  /** The socket is gone. */
  sessionClosed(session: S): void;
}

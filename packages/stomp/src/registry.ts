/** Local subscription registry: destination -> subscriptions of sessions on this node. */
import type { DeliveryTarget } from './message.ts';
import type { AckMode, SubscriptionInfo } from './types.ts';

/** The registry entry; `session` is whatever the server stores (kept generic to avoid a cycle). */
export interface Subscription<S> extends SubscriptionInfo, DeliveryTarget {
  readonly session: S;
  readonly ack: AckMode;
  /** In the shared registry (reachable by publishLocal); false for user destinations. */
  readonly shared: boolean;
}

export interface RegistryEvents {
  onDestinationActive?(destination: string): void;
  onDestinationIdle?(destination: string): void;
}

export class SubscriptionRegistry<S> {
  private readonly byDestination = new Map<string, Set<Subscription<S>>>();
  private readonly events: RegistryEvents;
  private readonly onEventError: (err: unknown) => void;

  constructor(events: RegistryEvents, onEventError: (err: unknown) => void) {
    this.events = events;
    this.onEventError = onEventError;
  }

  add(sub: Subscription<S>): void {
    const set = this.byDestination.get(sub.destination);
    if (set !== undefined) {
      set.add(sub);
      return;
    }
    this.byDestination.set(sub.destination, new Set([sub]));
    this.notify('onDestinationActive', sub.destination);
  }

  remove(sub: Subscription<S>): void {
    const set = this.byDestination.get(sub.destination);
    if (set === undefined || !set.delete(sub) || set.size > 0) return;
    this.byDestination.delete(sub.destination);
    this.notify('onDestinationIdle', sub.destination);
  }

  get(destination: string): ReadonlySet<Subscription<S>> | undefined {
    return this.byDestination.get(destination);
  }

  count(destination: string): number {
    return this.byDestination.get(destination)?.size ?? 0;
  }

  destinations(): IterableIterator<string> {
    return this.byDestination.keys();
  }

  private notify(hook: keyof RegistryEvents, destination: string): void {
    if (this.events[hook] === undefined) return;
    try {
      this.events[hook]?.(destination);
    } catch (err) {
      this.onEventError(err);
    }
  }
}

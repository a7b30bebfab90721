import type { AssignmentListener, PartitionAssigner } from './partition-assigner.ts';
import { toError } from './wait.ts';

interface Member {
  id: string;
  listener: AssignmentListener;
  owned: Set<number>;
}

interface LocalGroup {
  partitions: number;
  onError: (err: Error, context: string) => void;
  members: Member[];
  /** Rebalances run one after another. */
  queue: Promise<void>;
  retry?: NodeJS.Timeout;
}

/**
 * Group membership for instances that all live in this process (the embedded log): the
 * partitions are dealt round-robin over the members in join order, and a partition moves
 * only after its previous owner's `revoked` resolved.
 */
export class LocalAssignments {
  readonly #groups = new Map<string, LocalGroup>();

  assigner(
    groupKey: string,
    partitions: number,
    instanceId: string,
    onError: (err: Error, context: string) => void,
  ): PartitionAssigner {
    let member: Member | undefined;
    const group = (): LocalGroup => {
      let g = this.#groups.get(groupKey);
      if (!g) {
        g = { partitions, onError, members: [], queue: Promise.resolve() };
        this.#groups.set(groupKey, g);
      }
      return g;
    };
    return {
      start: async (listener) => {
        const g = group();
        member = { id: instanceId, listener, owned: new Set() };
        g.members.push(member);
        await this.#enqueue(g, () => this.#rebalance(g));
      },
      stop: async () => {
        const g = group();
        const m = member;
        if (!m) return;
        member = undefined;
        await this.#enqueue(g, async () => {
          await Promise.all([...m.owned].map((p) => this.#revoke(g, m, p, 'stop')));
          g.members = g.members.filter((x) => x !== m);
          if (g.members.length === 0) {
            clearTimeout(g.retry);
            this.#groups.delete(groupKey);
            return;
          }
          await this.#rebalance(g);
        });
      },
    };
  }

  #enqueue(g: LocalGroup, fn: () => Promise<void>): Promise<void> {
    const next = g.queue.then(fn);
    g.queue = next.catch((err) => g.onError(toError(err), 'rebalance'));
    return next;
  }

  async #revoke(g: LocalGroup, m: Member, p: number, reason: 'rebalance' | 'stop'): Promise<void> {
    try {
      await m.listener.revoked(p, reason);
    } catch (err) {
      g.onError(toError(err), `revoke partition ${p}`);
    }
    m.owned.delete(p);
  }

  async #rebalance(g: LocalGroup): Promise<void> {
    const n = g.members.length;
    const wanted = (i: number) =>
      new Set(Array.from({ length: g.partitions }, (_, p) => p).filter((p) => p % n === i));
    const plan = g.members.map((m, i) => ({ m, want: wanted(i) }));
    await Promise.all(
      plan.flatMap(({ m, want }) =>
        [...m.owned].filter((p) => !want.has(p)).map((p) => this.#revoke(g, m, p, 'rebalance')),
      ),
    );
    let failed = false;
    for (const { m, want } of plan) {
      for (const p of want) {
        if (m.owned.has(p)) continue;
        try {
          await m.listener.assigned(p);
          m.owned.add(p);
        } catch (err) {
          failed = true;
          g.onError(toError(err), `assign partition ${p}`);
        }
      }
    }
    if (failed && !g.retry) {
      g.retry = setTimeout(() => {
        g.retry = undefined;
        void this.#enqueue(g, () => this.#rebalance(g)).catch(() => undefined);
      }, 1000);
      g.retry.unref();
    }
  }
}

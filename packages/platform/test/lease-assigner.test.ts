import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLeaseAssigner, type LeaseBackend } from '../src/log/lease-assigner.ts';
import type { AssignmentListener } from '../src/log/partition-assigner.ts';

/** The lease store shared by the instances of one group (what the control stream is on NATS). */
class Store {
  readonly leases = new Map<number, { owner: string | null; expiresAt: number; seq: number }>();
  readonly members = new Map<string, number>();
  readonly watchers = new Set<() => void>();
  seq = 0;

  /** Compare-and-set on the lease's last sequence, like `Nats-Expected-Last-Subject-Sequence`. */
  cas(p: number, owner: string | null, expiresAt: number, expect: number): number | null {
    if ((this.leases.get(p)?.seq ?? 0) !== expect) return null;
    const seq = ++this.seq;
    this.leases.set(p, { owner, expiresAt, seq });
    return seq;
  }
}

/** A backend with the semantics of the NATS one; `hold` delays the reply to a lease write. */
function backend(store: Store, id: string, ttlMs: number) {
  const revisions = new Map<number, number>();
  const hold = new Map<number, Promise<void>>();
  const b: LeaseBackend = {
    async heartbeat() {
      const now = Date.now();
      store.members.set(id, now + ttlMs);
      return [...store.members.values()].filter((e) => e > now).length;
    },
    async leave() {
      store.members.delete(id);
    },
    async acquire(p) {
      const cur = store.leases.get(p);
      if (cur?.owner && cur.owner !== id && cur.expiresAt > Date.now()) return false;
      const seq = store.cas(p, id, Date.now() + ttlMs, cur?.seq ?? 0);
      if (seq === null) return false;
      revisions.set(p, seq);
      return true;
    },
    async refresh(p) {
      const rev = revisions.get(p);
      if (rev === undefined) return false;
      const seq = store.cas(p, id, Date.now() + ttlMs, rev);
      await hold.get(p); // the write is done; its acknowledgement is on the way
      if (seq === null) {
        revisions.delete(p);
        return false;
      }
      revisions.set(p, seq);
      return true;
    },
    async release(p) {
      const rev = revisions.get(p);
      revisions.delete(p);
      if (rev !== undefined) store.cas(p, null, 0, rev);
    },
    watch(onChange) {
      store.watchers.add(onChange);
      return () => store.watchers.delete(onChange);
    },
    announce() {
      for (const w of [...store.watchers]) w();
    },
  };
  return { backend: b, hold };
}

function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** Lets every pending promise chain of the in-memory backend run to its end. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('lease assigner', () => {
  test('a partition handed over while its lease refresh is in flight is released, not kept', async () => {
    const ttlMs = 60_000; // no timer tick during the test: rounds run on announcements only
    const store = new Store();
    const a = backend(store, 'a', ttlMs);
    const revokeGate = gate();
    const owned = new Set<number>();
    const listener: AssignmentListener = {
      async assigned(p) {
        owned.add(p);
      },
      async revoked(p) {
        owned.delete(p);
        if (p === 1) await revokeGate.promise; // the partition loop finishes its batch
      },
    };
    const assigner = createLeaseAssigner({
      partitions: 2,
      instanceId: 'a',
      leaseTtlMs: ttlMs,
      backend: a.backend,
      onError: (err) => assert.fail(err),
    });
    await assigner.start(listener);
    assert.deepEqual([...owned].sort(), [0, 1]);

    // Another instance shows up: `a` hands partition 1 over (its loop is still finishing).
    store.members.set('b', Date.now() + ttlMs);
    a.backend.announce();
    await settle();
    assert.deepEqual([...owned], [0]);

    // The next round refreshes the lease of partition 1 (still held while handing over); the
    // write lands but its acknowledgement is slow. Meanwhile the hand-over ends and releases.
    const ackGate = gate();
    a.hold.set(1, ackGate.promise);
    a.backend.announce();
    await settle();
    revokeGate.open();
    await settle();
    ackGate.open();
    await settle();
    a.hold.clear();
    a.backend.announce(); // one more round: nothing may refresh partition 1 again
    await settle();

    assert.equal(store.leases.get(1)?.owner, null, 'the lease of the handed-over partition is free');
    const b = backend(store, 'b', ttlMs);
    const got: number[] = [];
    const other = createLeaseAssigner({
      partitions: 2,
      instanceId: 'b',
      leaseTtlMs: ttlMs,
      backend: b.backend,
      onError: (err) => assert.fail(err),
    });
    await other.start({ assigned: async (p) => void got.push(p), revoked: async () => undefined });
    assert.deepEqual(got, [1], 'the other instance takes it at once');
    await other.stop();
    await assigner.stop();
  });
});

import { JetStreamApiCodes, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import type { LeaseBackend } from '../lease-assigner.ts';
import { type NatsNames, token } from './names.ts';
import { isApiError } from './streams.ts';

interface Stamp {
  owner: string | null;
  expiresAt: number;
}

export interface NatsLeaseArgs {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  names: NatsNames;
  topic: string;
  group: string;
  instanceId: string;
  ttlMs: number;
}

/**
 * Leases as messages in the control stream (one message kept per subject, like a KV
 * bucket): writes are compare-and-set on the subject's last sequence
 * (`Nats-Expected-Last-Subject-Sequence`), expiry is an explicit stamp in the value.
 */
export function createNatsLeaseBackend(a: NatsLeaseArgs): LeaseBackend {
  const stream = a.names.ctlStream;
  const members = a.names.ctlGroup('m', a.topic, a.group);
  const leases = a.names.ctlGroup('l', a.topic, a.group);
  const me = `${members}.${token(a.instanceId)}`;
  const changes = a.names.changes(a.topic, a.group);
  const revisions = new Map<number, number>();
  const enc = (s: Stamp) => JSON.stringify(s);

  async function read(subject: string): Promise<{ seq: number; stamp: Stamp } | null> {
    const m = await a.jsm.streams.getMessage(stream, { last_by_subj: subject });
    return m ? { seq: m.seq, stamp: m.json<Stamp>() } : null;
  }

  /** Publishes if the subject's last sequence is still `expect`; the new sequence, or null. */
  async function cas(subject: string, stamp: Stamp, expect: number): Promise<number | null> {
    try {
      const ack = await a.js.publish(subject, enc(stamp), { expect: { lastSubjectSequence: expect } });
      return ack.seq;
    } catch (err) {
      if (isApiError(err, JetStreamApiCodes.StreamWrongLastSequence)) return null;
      throw err;
    }
  }

  return {
    async heartbeat() {
      const now = Date.now();
      await a.js.publish(me, enc({ owner: a.instanceId, expiresAt: now + a.ttlMs }));
      const info = await a.jsm.streams.info(stream, { subjects_filter: `${members}.*` });
      const subjects = Object.keys(info.state.subjects ?? {});
      const alive = await Promise.all(
        subjects.map(async (s) => s === me || ((await read(s))?.stamp.expiresAt ?? 0) > now),
      );
      return Math.max(1, alive.filter(Boolean).length);
    },
    async leave() {
      await a.jsm.streams.purge(stream, { filter: me });
    },
    async acquire(p) {
      const current = await read(`${leases}.${p}`);
      const s = current?.stamp;
      if (s?.owner && s.owner !== a.instanceId && s.expiresAt > Date.now()) return false;
      const seq = await cas(
        `${leases}.${p}`,
        { owner: a.instanceId, expiresAt: Date.now() + a.ttlMs },
        current?.seq ?? 0,
      );
      if (seq === null) return false;
      revisions.set(p, seq);
      return true;
    },
    async refresh(p) {
      const rev = revisions.get(p);
      if (rev === undefined) return false;
      const seq = await cas(`${leases}.${p}`, { owner: a.instanceId, expiresAt: Date.now() + a.ttlMs }, rev);
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
      if (rev !== undefined) await cas(`${leases}.${p}`, { owner: null, expiresAt: 0 }, rev);
    },
    watch(onChange) {
      const sub = a.nc.subscribe(changes, { callback: () => onChange() });
      return () => sub.unsubscribe();
    },
    announce() {
      if (!a.nc.isClosed()) a.nc.publish(changes);
    },
  };
}

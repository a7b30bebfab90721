// One fault scenario, end to end: private PostgreSQL, Redis and NATS; two chat nodes (all
// services, consumers on) on them; clients sending under load, half with messageKey; the
// fault; a probe that measures when live delivery works again in every room (one room per
// partition); more load; drain; then every check the fault suites share. Findings are
// collected first and asserted together, so a failing run reports all of them with counts.
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { withTimeout } from '@chat/platform';
import { createApi, login, type PrivateBackend, startPrivateBackend, TEST_ADMIN } from '@chat/testing';
import { type ChatNode, Cluster, roomPerPartition, signup, waitFor } from '../cluster.ts';
import type { TestUser } from '../harness.ts';
import { deadLetters, drained, examineHistory, summarize } from './fault-checks.ts';
import { type Attempt, LoadClient, startLoad } from './load-client.ts';

const PARTITIONS = 4;
const LOAD_CLIENTS = 4;
/** Per client, between a RECEIPT and the next SEND: 4 clients make some 100-200 messages/s. */
const PACING_MS = 15;
/** Receipted messages before the fault and after the recovery. */
const BEFORE = 400;
const AFTER = 400;
/** After the dependency is back (or the node is gone), live delivery works again within this. */
export const RESUME_WITHIN_MS = 10_000;
/** How long the probe keeps waiting past that, to tell "late" from "never" in the report. */
const PROBE_GIVE_UP_MS = 15_000;
/** A probe not seen live within this is followed by another. */
const PROBE_EACH_MS = 2000;
/** After the load stops, history holds every receipted message within this. */
const DRAIN_WITHIN_MS = 20_000;

export interface FaultContext {
  readonly t: TestContext;
  readonly cluster: Cluster;
  readonly backend: PrivateBackend;
  /** Stays up in every scenario. */
  readonly a: ChatNode;
  /** The node scenarios 4 and 5 take down. */
  readonly b: ChatNode;
  readonly users: readonly TestUser[];
  /** The load's senders (keyed: the first half), and the rooms they send to. */
  readonly load: readonly LoadClient[];
  readonly rooms: readonly number[];
  /** Sending the fault started that the drain must wait for (e.g. a burst). */
  inFlight(sending: Promise<unknown>): void;
  /** Records a finding; the scenario fails at the end if there is any. */
  problem(message: string): void;
}

export interface ScenarioOptions {
  /** Extra environment of the chat nodes. */
  env?: Record<string, string>;
  /** Before the load starts (e.g. log a user out). */
  prepare?(ctx: FaultContext): Promise<void>;
  /** Causes the fault; resolves once the system should recover (dependency back, node gone). */
  fault(ctx: FaultContext): Promise<void>;
  /** Node b goes down for good in this scenario. */
  losesNodeB?: boolean;
  /** Graceful stop: no SEND that was stored went without a RECEIPT (no duplicate after the resend). */
  noUnreceiptedStored?: boolean;
  /** Scenario-specific checks after the drain. */
  verify?(ctx: FaultContext): Promise<void>;
}

/** The dependencies and nodes of a running scenario, for the suite's `after` hook. */
export interface ScenarioResources {
  backend?: PrivateBackend;
  cluster?: Cluster;
  clients: LoadClient[];
}

export async function cleanupScenario(r: ScenarioResources): Promise<void> {
  await Promise.all(r.clients.map((c) => c.close()));
  if (r.cluster) await r.cluster.cleanup();
  else await r.backend?.cleanup();
}

export async function runFaultScenario(
  t: TestContext,
  r: ScenarioResources,
  opts: ScenarioOptions,
): Promise<void> {
  r.backend = await startPrivateBackend();
  const backend = r.backend;
  r.cluster = await Cluster.create({
    partitions: PARTITIONS,
    backend,
    env: { ADMIN_EMAIL: TEST_ADMIN.email, ADMIN_PASSWORD: TEST_ADMIN.password, ...opts.env },
  });
  const cluster = r.cluster;
  await cluster.diagnose(t, async () => {
    const started = Date.now();
    const a = await cluster.startNode('a');
    const b = await cluster.startNode('b');
    await cluster.balancedOver([a, b]);
    t.diagnostic(`dependencies and two chat nodes up in ${Date.now() - started} ms`);
    const pids = new Map(cluster.nodes.map((n) => [n.name, n.pid]));

    const users = await Promise.all(
      Array.from({ length: LOAD_CLIENTS + 2 }, (_, i) => signup(a.url, `f${i}`)),
    );
    const [owner, listenerUser] = [users[LOAD_CLIENTS]!, users[LOAD_CLIENTS + 1]!];
    const rooms = await roomPerPartition(
      a.url,
      owner,
      users.filter((u) => u !== owner),
      PARTITIONS,
    );
    const problems: string[] = [];
    const load: LoadClient[] = [];
    const pending: Promise<unknown>[] = [];
    const ctx: FaultContext = {
      t,
      cluster,
      backend,
      a,
      b,
      users,
      load,
      rooms,
      problem: (m) => problems.push(m),
      inFlight: (p) => {
        p.catch(() => undefined);
        pending.push(p);
      },
    };
    await opts.prepare?.(ctx);

    let turn = 0;
    const pickLive = () => {
      const live = cluster.alive();
      return live[turn++ % live.length]!;
    };
    // Keyed and unkeyed senders on both nodes; a probe sender on a, a listener on b.
    for (let i = 0; i < LOAD_CLIENTS; i++) {
      const client = new LoadClient(i, users[i]!, i < LOAD_CLIENTS / 2, pickLive);
      await client.connect(i % 2 === 0 ? a : b);
      r.clients.push(client);
      load.push(client);
    }
    const prober = new LoadClient(LOAD_CLIENTS, owner, true, pickLive);
    await prober.connect(a);
    const listener = new LoadClient(LOAD_CLIENTS + 1, listenerUser, true, pickLive, rooms);
    await listener.connect(b);
    r.clients.push(prober, listener);

    const traffic = startLoad(load, rooms, PACING_MS);
    const loadStarted = Date.now();
    await traffic.more(BEFORE);
    t.diagnostic(`${traffic.receipted} receipted in ${Date.now() - loadStarted} ms before the fault`);

    await opts.fault(ctx);
    const recoveredAt = Date.now();
    // A probe per room, again and again until one arrives live (a listener that lost its node
    // is resubscribing meanwhile): how long after the recovery delivery works again.
    const giveUpAt = recoveredAt + PROBE_GIVE_UP_MS;
    const resumed = await Promise.all(
      rooms.map(async (roomId) => {
        for (let k = 0; Date.now() < giveUpAt; k++) {
          const content = `probe-${roomId}-${recoveredAt}-${k}`;
          try {
            await prober.send(0, roomId, content, giveUpAt);
            await waitFor(
              () => listener.sawLive(roomId, content),
              Math.max(0, Math.min(PROBE_EACH_MS, giveUpAt - Date.now())),
              () => `live ${content}`,
            );
            return Date.now() - recoveredAt;
          } catch {
            // not yet
          }
        }
        return null;
      }),
    );
    t.diagnostic(`live delivery after recovery, ms per room: ${JSON.stringify(resumed)}`);
    for (const [i, ms] of resumed.entries()) {
      if (ms === null || ms > RESUME_WITHIN_MS) {
        problems.push(
          `room ${rooms[i]}: live delivery ${ms === null ? `not resumed within ${PROBE_GIVE_UP_MS}` : `resumed after ${ms}`} ms (limit ${RESUME_WITHIN_MS} ms)`,
        );
      }
    }

    const afterFrom = traffic.receipted;
    await traffic.more(AFTER, 60_000).catch((err: unknown) => problems.push(`load after recovery: ${err}`));
    await withTimeout(
      Promise.all([traffic.stop(), ...pending]),
      60_000,
      'waiting for the senders to finish their last message:',
    ).catch((err: unknown) => problems.push(String(err)));
    t.diagnostic(`${traffic.receipted - afterFrom} receipted after recovery, ${traffic.receipted} in all`);

    const attempts: Attempt[] = [...load, prober].flatMap((c) => c.attempts);
    const outcomes = new Map<string, number>();
    for (const x of attempts) {
      const k = `${x.outcome ?? 'pending'}${x.errorCode ? `:${x.errorCode}` : ''}`;
      outcomes.set(k, (outcomes.get(k) ?? 0) + 1);
    }
    t.diagnostic(`SEND attempts by outcome: ${JSON.stringify(Object.fromEntries(outcomes))}`);
    t.diagnostic(
      `reconnects: ${JSON.stringify(r.clients.map((c) => c.closes.map((e) => `${e.node}:${e.code}`)))}`,
    );

    const receipted = attempts.filter((x) => x.outcome === 'receipt');
    if (!(await drained(a.url, owner, receipted, rooms, DRAIN_WITHIN_MS))) {
      problems.push(
        `history did not reach the count of receipted messages within ${DRAIN_WITHIN_MS} ms (stalled, or messages missing)`,
      );
    }
    const findings = await examineHistory(a.url, owner, rooms, PARTITIONS, attempts);
    for (const line of summarize(findings)) t.diagnostic(line);
    for (const f of findings) {
      const where = `room ${f.roomId} (partition ${f.partition})`;
      if (f.lost.length)
        problems.push(`${where}: ${f.lost.length} receipted messages lost, e.g. ${f.lost.slice(0, 5)}`);
      if (f.doubled.length) problems.push(`${where}: ${f.doubled.length} receipted messages stored twice`);
      if (f.neverSent.length) problems.push(`${where}: ${f.neverSent.length} stored messages never sent`);
      if (f.seqGaps) problems.push(`${where}: seq not 1..${f.history} (${f.seqGaps} out of place)`);
      if (opts.noUnreceiptedStored && f.unreceiptedStored.length) {
        problems.push(
          `${where}: ${f.unreceiptedStored.length} SENDs stored without a RECEIPT (duplicated by the resend): ${f.unreceiptedStored.slice(0, 5)}`,
        );
      }
    }

    const adminToken = (await login(createApi(a.url), TEST_ADMIN.email, TEST_ADMIN.password)).token;
    const dead = await deadLetters(a, adminToken);
    if (dead.length) {
      const byGroup = new Map<string, number>();
      for (const d of dead)
        byGroup.set(`${d.topic}/${d.group}`, (byGroup.get(`${d.topic}/${d.group}`) ?? 0) + 1);
      problems.push(
        `${dead.length} dead letters: ${JSON.stringify(Object.fromEntries(byGroup))}; first error: ${dead[0]!.error}`,
      );
    }

    for (const node of [a, ...(opts.losesNodeB ? [] : [b])]) {
      const alive = cluster.alive().includes(node);
      if (!alive || node.server.child.pid !== pids.get(node.name)) {
        problems.push(
          `chat node ${node.name} did not stay up (exit: ${node.server.child.exitCode ?? node.server.child.signalCode})`,
        );
      }
    }

    await opts.verify?.(ctx);
    assert.deepEqual(problems, [], 'no findings');
  });
}

import { randomBytes } from 'node:crypto';
import { skipUnless } from '@chat/platform/testing';
import { createRealBackend } from '@chat/testing';
import { pidsNamed } from '../../lib/proc.ts';
import { jsonPost, type ServerProcess, signupMany, startServerProcess } from '../../lib/server-process.ts';
import type { RoomSpec, RunningTarget, Target } from './target.ts';

/** Limits lifted so the load measures the pipeline: one address, a few users, many sockets each. */
const BENCH_ENV = {
  CHAT_SEND_RATE_PER_SEC: '100000',
  CHAT_SEND_BURST: '100000',
  LOGIN_RATE_PER_MIN: '100000',
  ROOM_CREATE_RATE_PER_MIN: '100000',
  STOMP_MAX_CONNECTIONS_PER_USER: '100000',
  STOMP_MAX_IDLE_MS: '0',
  ...(process.env.PEERS_BUSY_LAG_MS ? { CHAT_BUSY_LAG_MS: process.env.PEERS_BUSY_LAG_MS } : {}),
};

export const BACKING_SERVICES = ['postgres', 'redis-server', 'nats-server'];

/**
 * This server, one process per node: embedded (one node only), or distributed on PostgreSQL,
 * Redis and NATS, where several nodes share them (the scale-out rows) and the users and rooms
 * made through the first are everyone's.
 */
function ours(name: string, label: string, distributed: boolean, nodes = 1): Target {
  return {
    name,
    label,
    nodes,
    async start(): Promise<RunningTarget> {
      if (distributed) {
        const skip = await skipUnless(`bench peers ${name}`, 'postgres', 'redis', 'nats');
        if (skip) throw new Error(skip);
      }
      const backend = distributed ? await createRealBackend() : undefined;
      const env = backend ? { ...backend.env, JWT_SECRET: randomBytes(32).toString('hex') } : {};
      const servers: ServerProcess[] = [];
      const stopAll = async () => {
        await Promise.all(servers.map((s) => s.stop()));
        await backend?.cleanup();
      };
      try {
        // One after the other: the first applies the migrations, the others find them applied.
        while (servers.length < nodes) servers.push(await startServerProcess({ ...BENCH_ENV, ...env }));
      } catch (error) {
        await stopAll();
        throw error;
      }
      const server = servers[0]!;
      const tag = `${name}${Date.now()}`;
      return {
        protocol: 'stomp',
        urls: servers.map((s) => s.wsUrl),
        serverPids: () => servers.map((s) => s.child.pid ?? 0),
        backingPids: () => (distributed ? pidsNamed(BACKING_SERVICES) : []),
        async rooms(count, size): Promise<RoomSpec[]> {
          const users = await signupMany(server.url, count * size, tag);
          const specs: RoomSpec[] = [];
          for (let r = 0; r < count; r++) {
            const members = users.slice(r * size, (r + 1) * size);
            const room = await jsonPost<{ id: number }>(
              server.url,
              '/api/rooms/group',
              { name: `bench ${r}`, memberIds: members.slice(1).map((m) => m.userId) },
              members[0]!.token,
            );
            specs.push({ room: String(room.id), members: members.map((m) => m.token) });
          }
          return specs;
        },
        stop: stopAll,
      };
    },
  };
}

export const oursEmbedded = ours(
  'ours-embedded',
  'this server, embedded (one process: PGlite, in-process pub/sub and log)',
  false,
);
export const oursDistributed = ours(
  'ours-distributed',
  'this server, distributed, one chat node (PostgreSQL, Redis, NATS JetStream)',
  true,
);
/** The scale-out rows: two and three distributed nodes on the same backing services. */
export const oursDistributedScaled = [2, 3].map((n) =>
  ours(
    `ours-distributed-x${n}`,
    `this server, distributed, ${n} chat nodes on the same PostgreSQL, Redis and NATS (every room spans the nodes)`,
    true,
    n,
  ),
);

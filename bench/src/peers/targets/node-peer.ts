import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { pidsNamed } from '../../lib/proc.ts';
import { freePort } from '../../lib/server-process.ts';
import { signPeerToken } from '../servers/peer-token.ts';
import type { Protocol, RoomSpec, RunningTarget, Target } from './target.ts';

interface PeerProcess {
  child: ChildProcess;
  exited: Promise<unknown>;
  url: string;
}

/** One process of a peer, listening; `env` is what every node of it shares. */
async function startPeerProcess(
  name: string,
  protocol: Protocol,
  script: string,
  env: Record<string, string>,
): Promise<PeerProcess> {
  const port = await freePort();
  const child = fork(fileURLToPath(new URL(`../servers/${script}`, import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    env: { PATH: process.env.PATH ?? '', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = once(child, 'exit');
  await Promise.race([
    once(child, 'message'),
    exited.then(() => {
      throw new Error(`${name} exited before listening`);
    }),
  ]);
  const url = protocol === 'ws' ? `ws://127.0.0.1:${port}/` : `http://127.0.0.1:${port}`;
  return { child, exited, url };
}

/**
 * A peer written in Node (Socket.IO, bare `ws`), run as its own process like ours; Socket.IO
 * also as several nodes sharing the Redis adapter's channels (its way to scale out).
 */
function nodePeer(
  name: string,
  label: string,
  protocol: Protocol,
  script: string,
  usesRedis: boolean,
  nodes = 1,
): Target {
  return {
    name,
    label,
    nodes,
    async start(): Promise<RunningTarget> {
      const secret = randomBytes(32).toString('hex');
      const prefix = `bench-${name}-${Date.now()}`;
      const env = {
        PEER_SECRET: secret,
        PEER_PREFIX: prefix,
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      };
      const peers: PeerProcess[] = [];
      const stop = async () => {
        for (const p of peers) p.child.kill('SIGTERM');
        await Promise.all(peers.map((p) => p.exited));
      };
      try {
        while (peers.length < nodes) peers.push(await startPeerProcess(name, protocol, script, env));
      } catch (error) {
        await stop();
        throw error;
      }
      return {
        protocol,
        urls: peers.map((p) => p.url),
        serverPids: () => peers.map((p) => p.child.pid ?? 0),
        backingPids: () => (usesRedis ? pidsNamed(['redis-server']) : []),
        async rooms(count, size): Promise<RoomSpec[]> {
          return Array.from({ length: count }, (_, r) => ({
            room: `${prefix}-room-${r}`,
            members: Array.from({ length: size }, (_, m) => signPeerToken(secret, `u${r * size + m}`)),
          }));
        },
        stop,
      };
    },
  };
}

export const socketIo = nodePeer(
  'socketio',
  'Socket.IO 4.8 with @socket.io/redis-adapter on the local Redis, acks, no persistence',
  'socketio',
  'socketio-server.ts',
  true,
);
export const bareWs = nodePeer(
  'ws',
  'bare `ws` 8: in-memory rooms, JSON frames, an ack per message, no persistence',
  'ws',
  'ws-server.ts',
  false,
);
/** The scale-out rows: Socket.IO as two and three nodes with the Redis adapter. */
export const socketIoScaled = [2, 3].map((n) =>
  nodePeer(
    `socketio-x${n}`,
    `Socket.IO as ${n} nodes, the Redis adapter carrying every room across them (every room spans the nodes)`,
    'socketio',
    'socketio-server.ts',
    true,
    n,
  ),
);

import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { pidsNamed } from '../../lib/proc.ts';
import { freePort } from '../../lib/server-process.ts';
import { signPeerToken } from '../servers/peer-token.ts';
import type { Protocol, RoomSpec, RunningTarget, Target } from './target.ts';

/** A peer written in Node (Socket.IO, bare `ws`), run as its own process like ours. */
function nodePeer(
  name: string,
  label: string,
  protocol: Protocol,
  script: string,
  usesRedis: boolean,
): Target {
  return {
    name,
    label,
    async start(): Promise<RunningTarget> {
      const port = await freePort();
      const secret = randomBytes(32).toString('hex');
      const prefix = `bench-${name}-${Date.now()}`;
      const child = fork(fileURLToPath(new URL(`../servers/${script}`, import.meta.url)), [], {
        execArgv: ['--import', 'tsx'],
        env: {
          PATH: process.env.PATH ?? '',
          PORT: String(port),
          PEER_SECRET: secret,
          PEER_PREFIX: prefix,
          REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        },
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      const exited = once(child, 'exit');
      await Promise.race([
        once(child, 'message'),
        exited.then(() => {
          throw new Error(`${name} exited before listening`);
        }),
      ]);
      const base = protocol === 'ws' ? `ws://127.0.0.1:${port}/` : `http://127.0.0.1:${port}`;
      return {
        protocol,
        url: base,
        serverPids: () => [child.pid ?? 0],
        backingPids: () => (usesRedis ? pidsNamed(['redis-server']) : []),
        async rooms(count, size): Promise<RoomSpec[]> {
          return Array.from({ length: count }, (_, r) => ({
            room: `${prefix}-room-${r}`,
            members: Array.from({ length: size }, (_, m) => signPeerToken(secret, `u${r * size + m}`)),
          }));
        },
        async stop() {
          child.kill('SIGTERM');
          await exited;
        },
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

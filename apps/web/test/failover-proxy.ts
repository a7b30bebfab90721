// A tiny TCP load balancer for the distributed browser tests: the page's origin, in front of
// several chat nodes. Each new connection goes to the first backend its last health check
// found UP (a plain byte pipe, so HTTP and the WebSocket pass through unchanged); when that
// backend dies, its connections close with it. The health check runs when the test calls it
// (a load balancer's next check round), so how long a page stays cut off is the test's choice,
// not a race: until then new connections to the dead backend fail as they would in production.
import { once } from 'node:events';
import { connect, createServer, type Socket } from 'node:net';

export interface FailoverProxy {
  /** The origin a page opens (http://127.0.0.1:port). */
  readonly url: string;
  /** The backend each accepted connection was sent to, in order. */
  readonly routed: readonly string[];
  /** One health-check round: `GET /actuator/health` on every backend; returns the UP ones. */
  healthCheck(): Promise<string[]>;
  /** Stops listening and closes every open connection. */
  close(): Promise<void>;
}

async function isUp(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/actuator/health`, { signal: AbortSignal.timeout(5000) });
    await res.body?.cancel();
    return res.status === 200;
  } catch {
    return false;
  }
}

/** `backends`: node URLs (http://127.0.0.1:port), in order of preference; all UP at first. */
export async function startFailoverProxy(backends: readonly string[]): Promise<FailoverProxy> {
  let up = [...backends];
  const routed: string[] = [];
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  };

  const server = createServer((client) => {
    track(client);
    const target = up[0];
    if (!target) {
      client.destroy();
      return;
    }
    routed.push(target);
    const { hostname, port } = new URL(target);
    const upstream = connect(Number(port), hostname);
    track(upstream);
    // Writes before the upstream is connected are buffered by the socket.
    client.pipe(upstream);
    upstream.pipe(client);
    // Either side gone (a killed backend resets its connections): the other goes too.
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('proxy: no address');

  return {
    url: `http://127.0.0.1:${address.port}`,
    routed,
    async healthCheck() {
      const results = await Promise.all(backends.map(isUp));
      up = backends.filter((_, i) => results[i]);
      return up;
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}

import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

/** A 256 KiB JSON answer (over the size the gateway reads whole: it streams). */
export const LARGE = Buffer.from(JSON.stringify({ data: 'ㄱ'.repeat(87_000) }));

/** One request as an upstream received it. */
export interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface FakeUpstream {
  readonly url: string;
  readonly received: Received[];
  /**
   * How the next requests are answered: echo (200 with what came in), a status, `draining` (503
   * closing the connection, as a node shutting down answers), or never.
   */
  mode: 'echo' | 'hang' | 'draining' | 'large' | number;
  /** Extra headers on every answer (e.g. the upstream's own CORS headers). */
  headers: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

/**
 * A stand-in for a service instance: answers every request with what it received (`name`
 * says which instance answered), and echoes WebSocket messages on /ws.
 */
export async function startFakeUpstream(name: string): Promise<FakeUpstream> {
  const received: Received[] = [];
  const upstream: FakeUpstream = { url: '', received, mode: 'echo', headers: {}, close: async () => {} };
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push({
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks),
    });
    if (upstream.mode === 'hang') return;
    const { mode } = upstream;
    if (mode === 'large') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': LARGE.length });
      res.end(req.method === 'HEAD' ? undefined : LARGE);
      return;
    }
    const status = mode === 'echo' ? 200 : mode === 'draining' ? 503 : mode;
    res.writeHead(status, {
      ...upstream.headers,
      'content-type': 'application/json',
      'x-upstream': name,
      ...(mode === 'draining' && { connection: 'close' }),
    });
    res.end(JSON.stringify({ upstream: name, method: req.method, url: req.url }));
  });
  const wss = new WebSocketServer({ server, path: '/ws' });
  wss.on('connection', (socket, req) => {
    socket.send(`hello from ${name} for ${String(req.headers['x-forwarded-for'])}`);
    socket.on('message', (data, binary) => socket.send(data, { binary }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return Object.assign(upstream, {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  });
}

/** A base URL where nothing listens (a port that was free a moment ago). */
export async function deadUpstreamUrl(): Promise<string> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

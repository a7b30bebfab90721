/**
 * Memory per idle authenticated connection (not run by tests):
 *   node --import tsx packages/stomp/bench/connections.bench.ts [connections=5000]
 * The server runs in a child process; the parent opens the connections (CONNECT with
 * heart-beats, 3 subscriptions each) and asks the child for its RSS and heap after a GC.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { encodeFrame } from '../src/codec.ts';
import { createStompServer } from '../src/server.ts';

const out = (line: string) => process.stdout.write(`${line}\n`);
type Usage = { rss: number; heapUsed: number; external: number; sessions: number };

async function serve(): Promise<void> {
  const http = createServer();
  const stomp = createStompServer({ server: http, authenticate: () => ({ user: 'idle' }) });
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  const usage = (): Usage => {
    (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    return { rss: m.rss, heapUsed: m.heapUsed, external: m.external, sessions: stomp.sessionCount };
  };
  process.on('message', (msg) => {
    if (msg === 'usage') process.send?.(usage());
    if (msg === 'exit') process.exit(0);
  });
  process.send?.({ port: (http.address() as AddressInfo).port });
}

async function measure(count: number): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), ['serve'], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
  });
  const [{ port }] = (await once(child, 'message')) as [{ port: number }];
  const ask = async (): Promise<Usage> => {
    child.send('usage');
    const [usage] = (await once(child, 'message')) as [Usage];
    return usage;
  };
  const before = await ask();
  const sockets: WebSocket[] = [];
  const url = `ws://127.0.0.1:${port}/ws`;
  for (let i = 0; i < count; i += 200) {
    await Promise.all(
      Array.from({ length: Math.min(200, count - i) }, async () => {
        const ws = new WebSocket(url, ['v12.stomp']);
        sockets.push(ws);
        await once(ws, 'open');
        ws.send(
          encodeFrame({
            command: 'CONNECT',
            headers: { 'accept-version': '1.2', 'heart-beat': '10000,10000' },
          }),
        );
        for (const d of ['/user/queue/errors', '/topic/presence', `/topic/room.${i % 500}`]) {
          ws.send(encodeFrame({ command: 'SUBSCRIBE', headers: { destination: d, id: d } }));
        }
        await once(ws, 'message');
      }),
    );
  }
  const after = await ask();
  const kb = (bytes: number) => (bytes / count / 1024).toFixed(1);
  out(`${after.sessions} idle sessions (3 subscriptions each)`);
  out(
    `RSS  +${((after.rss - before.rss) / 2 ** 20).toFixed(1)} MiB = ${kb(after.rss - before.rss)} KiB per connection`,
  );
  out(
    `heap +${((after.heapUsed - before.heapUsed) / 2 ** 20).toFixed(1)} MiB = ${kb(after.heapUsed - before.heapUsed)} KiB per connection`,
  );
  out(`external +${kb(after.external - before.external)} KiB per connection`);
  for (const ws of sockets) ws.terminate();
  child.send('exit');
}

if (process.argv[2] === 'serve') await serve();
else await measure(Number(process.argv[2] ?? 5000));

/**
 * Fan-out benchmark over loopback (not run by tests):
 *   node --import tsx packages/stomp/bench/fanout.bench.ts [subscribers=500] [rounds=20] [perRound=100]
 * Raw ws clients subscribe to one destination; each round publishes `perRound` messages with
 * publishLocal and waits until every client has received them. "server" is the time spent
 * inside publishLocal plus the coalesced socket flush after it, "wall" includes the clients,
 * which run in the same process and so compete for the same CPU.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import { encodeFrame } from '../src/codec.ts';
import { createStompServer } from '../src/server.ts';

const [subscribers = 500, rounds = 20, perRound = 100] = process.argv.slice(2).map(Number);
const out = (line: string) => process.stdout.write(`${line}\n`);

const http = createServer();
const stomp = createStompServer({
  server: http,
  authenticate: () => ({ user: 'bench' }),
  highWaterMarkBytes: 64 * 1024 * 1024,
  heartbeat: { outgoingMs: 0, incomingMs: 0 },
});
http.listen(0, '127.0.0.1');
await once(http, 'listening');
const url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/ws`;

let received = 0;
let target = 0;
let wake: () => void = () => {};
const clients: WebSocket[] = [];
for (let i = 0; i < subscribers; i++) {
  const ws = new WebSocket(url, ['v12.stomp']);
  await once(ws, 'open');
  ws.send(encodeFrame({ command: 'CONNECT', headers: { 'accept-version': '1.2' } }));
  ws.send(
    encodeFrame({
      command: 'SUBSCRIBE',
      headers: { destination: '/topic/room.1', id: `sub-${i}`, receipt: 'r' },
    }),
  );
  let seen = 0;
  await new Promise<void>((resolve) =>
    ws.on('message', () => {
      if (++seen === 2)
        resolve(); // CONNECTED + RECEIPT
      else if (seen > 2 && ++received >= target) wake();
    }),
  );
  clients.push(ws);
}

const body = JSON.stringify({
  id: 1,
  roomId: 1,
  seq: 1,
  senderId: 7,
  content: 'Hello there, this is a fairly ordinary chat message of moderate length.',
  type: 'TEXT',
  createdAt: Date.now(),
});
let serverNs = 0;
const started = process.hrtime.bigint();
for (let r = 0; r < rounds; r++) {
  target += subscribers * perRound;
  const done = new Promise<void>((resolve) => {
    wake = resolve;
  });
  const t = process.hrtime.bigint();
  for (let m = 0; m < perRound; m++) stomp.publishLocal('/topic/room.1', body);
  // Writes are coalesced and flushed in a nextTick queued before this one: include that flush.
  await new Promise((resolve) => process.nextTick(resolve));
  serverNs += Number(process.hrtime.bigint() - t);
  await done;
}
const wallNs = Number(process.hrtime.bigint() - started);
const deliveries = subscribers * perRound * rounds;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
out(`${fmt(deliveries)} deliveries to ${subscribers} subscribers, ${Buffer.byteLength(body)} byte body`);
out(
  `server (publishLocal) ${fmt((deliveries / serverNs) * 1e9)} deliveries/s, ${(serverNs / deliveries).toFixed(0)} ns each`,
);
out(`wall (incl. clients)  ${fmt((deliveries / wallNs) * 1e9)} deliveries/s`);
for (const ws of clients) ws.terminate();
await stomp.close({ timeoutMs: 100, message: false });
http.close();

// A load-generator process: connects its share of the members, sends its share of the offered
// rate and measures latencies locally (a room's members all live in one worker, so a message's
// send time and its arrival are read from the same clock). Driven over IPC by peers.bench.ts.
import { setTimeout as sleep } from 'node:timers/promises';
import type { RoomSpec } from '../targets/target.ts';
import { connectClient, type Handlers, type PeerClient } from './clients.ts';
import { Histogram } from './histogram.ts';
import type { FromWorker, ToWorker } from './messages.ts';

const reply = (message: FromWorker) => process.send?.(message);

let measuring = false;
let deliver = new Histogram();
let ack = new Histogram();
let deliveries = 0;
let acks = 0;
let errors = 0;
let lastDelivery = 0;
const sentAt = new Map<number, number>();

const handlers: Handlers = {
  onDeliver(at) {
    lastDelivery = performance.now();
    if (!measuring) return;
    deliveries++;
    deliver.add(performance.now() - at);
  },
  onAck(id) {
    const at = sentAt.get(id);
    sentAt.delete(id);
    if (!measuring || at === undefined) return;
    acks++;
    ack.add(performance.now() - at);
  },
  onError() {
    errors++;
  },
};

const senders: { client: PeerClient; room: string }[] = [];
const extra: PeerClient[] = [];

/** Runs `tasks` with at most `concurrency` in flight. */
async function pool<T>(count: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await task(i);
      }
    }),
  );
  return out;
}

function members(rooms: RoomSpec[]): { room: string; credential: string }[] {
  return rooms.flatMap((r) => r.members.map((credential) => ({ room: r.room, credential })));
}

async function init(message: Extract<ToWorker, { type: 'init' }>): Promise<void> {
  let failed = 0;
  await pool(members(message.rooms).length, 50, async (i) => {
    const m = members(message.rooms)[i]!;
    try {
      const client = await connectClient(message.protocol, message.url, m.credential, handlers);
      await client.join(m.room);
      senders.push({ client, room: m.room });
    } catch {
      failed++;
    }
  });
  reply({ type: 'ready', connected: senders.length, failed });
}

let seq = 0;
async function step(message: Extract<ToWorker, { type: 'step' }>): Promise<void> {
  await sleep(Math.max(0, message.startAt - Date.now()));
  deliver = new Histogram();
  ack = new Histogram();
  deliveries = 0;
  acks = 0;
  errors = 0;
  const start = performance.now();
  let owed = 0;
  let sent = 0;
  let sentInWindow = 0;
  let turn = 0;
  // Paced by the clock, not by timer callbacks (which run late under load): every tick sends
  // what the rate owes since the step started.
  const timer = setInterval(() => {
    owed = Math.floor(((performance.now() - start) * message.rate) / 1000) - sent;
    for (let k = 0; k < owed && senders.length > 0; k++) {
      sent++;
      if (measuring) sentInWindow++;
      const s = senders[turn++ % senders.length]!;
      const id = ++seq;
      const now = performance.now();
      sentAt.set(id, now);
      s.client.send(s.room, now, id);
    }
  }, 5);
  await sleep(message.warmupMs);
  const cpuStart = process.cpuUsage();
  measuring = true;
  await sleep(message.measureMs);
  measuring = false;
  const cpu = process.cpuUsage(cpuStart);
  clearInterval(timer);
  // Drain: every acknowledgement in, and no delivery for a second (a backlog past saturation
  // would otherwise spill into the next step), within drainMs.
  const until = Date.now() + message.drainMs;
  while ((sentAt.size > 0 || performance.now() - lastDelivery < 1000) && Date.now() < until) await sleep(100);
  reply({
    type: 'step',
    sent: sentInWindow,
    acks,
    deliveries,
    errors,
    outstanding: sentAt.size,
    deliver: deliver.entries(),
    ack: ack.entries(),
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  });
  sentAt.clear();
}

async function open(message: Extract<ToWorker, { type: 'open' }>): Promise<void> {
  const all = members(message.rooms);
  const opened: PeerClient[] = [];
  let failed = 0;
  let firstError: string | undefined;
  await sleep(Math.max(0, message.startAt - Date.now()));
  const start = performance.now();
  await pool(message.count, message.concurrency, async (i) => {
    const m = all[i % all.length]!;
    try {
      const client = await connectClient(message.protocol, message.url, m.credential, handlers);
      await client.join(m.room);
      opened.push(client);
    } catch (error) {
      failed++;
      firstError ??= String(error);
    }
  });
  const ms = performance.now() - start;
  if (message.keep) extra.push(...opened);
  else for (const c of opened) c.close();
  reply({ type: 'opened', connected: opened.length, failed, ms, ...(firstError ? { firstError } : {}) });
}

process.on('message', (message: ToWorker) => {
  if (message.type === 'init') void init(message);
  else if (message.type === 'step') void step(message);
  else if (message.type === 'open') void open(message);
  else {
    for (const s of senders) s.client.close();
    for (const c of extra) c.close();
    setTimeout(() => process.exit(0), 200).unref();
  }
});

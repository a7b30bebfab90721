// A load-generator process: connects its share of the members, sends its share of the offered
// rate and measures latencies locally (a room's members all live in one worker, so a message's
// send time and its arrival are read from the same clock). Driven over IPC by peers.bench.ts.
import { setTimeout as sleep } from 'node:timers/promises';
import { withTimeout } from '@chat/platform';
import type { RoomSpec } from '../targets/target.ts';
import { connectClient, type Handlers, type PeerClient } from './clients.ts';
import { Histogram } from './histogram.ts';
import type { FromWorker, ToWorker } from './messages.ts';

const reply = (message: FromWorker) => process.send?.(message);

/** A connect or a join that takes longer than this failed (a refused SUBSCRIBE never answers). */
const CONNECT_TIMEOUT_MS = 15_000;

/**
 * The measured window. Throughput counts what arrives inside it (acknowledgements, deliveries);
 * latency counts by send time: a message sent inside the window, whenever its acknowledgement
 * and deliveries arrive (the drain waits for them). So the slow tail of a saturated step is
 * in its percentiles, and warm-up messages are not.
 */
let windowStart = Number.POSITIVE_INFINITY;
let windowEnd = Number.POSITIVE_INFINITY;
const inWindow = (at: number) => at >= windowStart && at < windowEnd;

let deliver = new Histogram();
let ack = new Histogram();
let deliveries = 0;
let acks = 0;
let errors = 0;
let closed = 0;
let lastDelivery = 0;
const sentAt = new Map<number, number>();

const handlers: Handlers = {
  onDeliver(at) {
    lastDelivery = performance.now();
    if (inWindow(lastDelivery)) deliveries++;
    if (inWindow(at)) deliver.add(lastDelivery - at);
  },
  onAck(id) {
    const at = sentAt.get(id);
    sentAt.delete(id);
    const now = performance.now();
    if (inWindow(now)) acks++;
    if (at !== undefined && inWindow(at)) ack.add(now - at);
  },
  onError() {
    if (inWindow(performance.now())) errors++;
  },
  onClose() {
    closed++;
  },
};

const senders: { client: PeerClient; room: string }[] = [];
const extra: PeerClient[] = [];
let closing = false;

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

interface Member {
  room: string;
  credential: string;
  /** The member's place in its room: which node it connects to. */
  index: number;
}

function members(rooms: RoomSpec[]): Member[] {
  return rooms.flatMap((r) => r.members.map((credential, index) => ({ room: r.room, credential, index })));
}

/** Connects to the member's node, authenticates and joins the room, within CONNECT_TIMEOUT_MS. */
async function connectAndJoin(message: { protocol: ToWorkerOpen['protocol']; urls: string[] }, m: Member) {
  const url = message.urls[m.index % message.urls.length]!;
  const client = await withTimeout(
    connectClient(message.protocol, url, m.credential, handlers),
    CONNECT_TIMEOUT_MS,
    'connect',
  );
  try {
    await withTimeout(client.join(m.room), CONNECT_TIMEOUT_MS, 'join');
  } catch (error) {
    client.close();
    throw error;
  }
  return client;
}

type ToWorkerOpen = Extract<ToWorker, { type: 'open' }>;

async function init(message: Extract<ToWorker, { type: 'init' }>): Promise<void> {
  let failed = 0;
  const all = members(message.rooms);
  await pool(all.length, 50, async (i) => {
    try {
      senders.push({ client: await connectAndJoin(message, all[i]!), room: all[i]!.room });
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
  closed = 0;
  const start = performance.now();
  let sent = 0;
  let sentInWindow = 0;
  let turn = 0;
  // Paced by the clock, not by timer callbacks (which run late under load): every tick sends
  // what the rate owes since the step started.
  const timer = setInterval(() => {
    const owed = Math.floor(((performance.now() - start) * message.rate) / 1000) - sent;
    for (let k = 0; k < owed && senders.length > 0; k++) {
      sent++;
      const s = senders[turn++ % senders.length]!;
      const id = ++seq;
      const now = performance.now();
      if (inWindow(now)) sentInWindow++;
      sentAt.set(id, now);
      s.client.send(s.room, now, id);
    }
  }, 5);
  await sleep(message.warmupMs);
  const cpuStart = process.cpuUsage();
  windowStart = performance.now();
  windowEnd = Number.POSITIVE_INFINITY;
  await sleep(message.measureMs);
  windowEnd = performance.now();
  const cpu = process.cpuUsage(cpuStart);
  clearInterval(timer);
  // Drain: every acknowledgement in, and no delivery for a second, within drainMs.
  const until = Date.now() + message.drainMs;
  while ((sentAt.size > 0 || performance.now() - lastDelivery < 1000) && Date.now() < until) await sleep(100);
  reply({
    type: 'step',
    windowMs: windowEnd - windowStart,
    sent: sentInWindow,
    acks,
    deliveries,
    errors,
    closed,
    outstanding: sentAt.size,
    deliver: deliver.entries(),
    ack: ack.entries(),
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  });
  windowStart = Number.POSITIVE_INFINITY;
  sentAt.clear();
}

async function open(message: ToWorkerOpen): Promise<void> {
  const all = members(message.rooms);
  const opened: PeerClient[] = [];
  let failed = 0;
  let firstError: string | undefined;
  await sleep(Math.max(0, message.startAt - Date.now()));
  const start = performance.now();
  await pool(message.count, message.concurrency, async (i) => {
    try {
      opened.push(await connectAndJoin(message, all[i % all.length]!));
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

function shutdown(): void {
  if (closing) return;
  closing = true;
  for (const s of senders) s.client.close();
  for (const c of extra) c.close();
  setTimeout(() => process.exit(0), 200).unref();
}

process.on('message', (message: ToWorker) => {
  if (message.type === 'init') void init(message);
  else if (message.type === 'step') void step(message);
  else if (message.type === 'open') void open(message);
  else shutdown();
});
// The bench went away (crashed, interrupted): let go of the sockets and leave.
process.on('disconnect', shutdown);

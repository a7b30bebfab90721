/**
 * Micro benchmark of the codec and the fan-out encoding (not run by tests):
 *   node --import tsx packages/stomp/bench/codec.bench.ts
 */
import { encodeFrame } from '../src/codec.ts';
import type { StompFrame } from '../src/frame.ts';
import { encodeSubscriptionPrefix, MessageBatch } from '../src/message.ts';
import { StompParser } from '../src/parser.ts';

const out = (line: string) => process.stdout.write(`${line}\n`);

/** Runs `fn` `calls` times; each call does `ops` operations (frames). */
function measure(name: string, calls: number, fn: (i: number) => void, ops = 1): void {
  for (let i = 0; i < Math.min(calls, 20_000); i++) fn(i); // warm up
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) fn(i);
  const ns = Number(process.hrtime.bigint() - start);
  const iterations = calls * ops;
  const perSecond = (iterations / ns) * 1e9;
  out(
    `${name.padEnd(58)} ${Math.round(perSecond).toLocaleString('en-US').padStart(12)} /s  ${(ns / iterations).toFixed(0).padStart(6)} ns/op`,
  );
}

const body = JSON.stringify({
  id: 123456,
  roomId: 42,
  seq: 98765,
  senderId: 7,
  content: 'Hello there, this is a fairly ordinary chat message of moderate length.',
  type: 'TEXT',
  createdAt: 1732170000000,
});
const N = 500_000;

out(`body ${Buffer.byteLength(body)} bytes, ${N.toLocaleString('en-US')} iterations each`);

measure('encodeFrame MESSAGE (5 headers + JSON body)', N, (i) => {
  encodeFrame({
    command: 'MESSAGE',
    headers: {
      subscription: 'sub-3',
      'message-id': i.toString(36),
      destination: '/topic/room.42',
      'content-type': 'application/json',
    },
    body,
  });
});

const prefixes = Array.from({ length: 100 }, (_, i) => ({
  prefix: encodeSubscriptionPrefix(`sub-${i}`, true),
  escaping: true,
  needsAck: false,
}));
measure(
  'fan-out: 1 MessageBatch + 100 frameFor (per delivery)',
  N / 100,
  (i) => {
    // As publishLocal does for a destination with 100 subscribers.
    const batch = new MessageBatch('/topic/room.42', i.toString(36), body, undefined, 'application/json');
    for (const target of prefixes) batch.frameFor(target);
  },
  100,
);
measure('fan-out alternative: full encodeFrame per delivery', N, (i) => {
  encodeFrame({
    command: 'MESSAGE',
    headers: {
      subscription: `sub-${i % 100}`,
      'message-id': (i / 100).toString(36),
      destination: '/topic/room.42',
      'content-type': 'application/json',
    },
    body,
  });
});

const sendFrame = encodeFrame({
  command: 'SEND',
  headers: { destination: '/app/chat.send', receipt: 'r-17', 'content-type': 'application/json' },
  body,
});
let frames = 0;
const sink = {
  onFrame: (_f: StompFrame) => {
    frames++;
  },
  onHeartbeat: () => {},
};
const parser = new StompParser(sink);
parser.escaping = true;
measure('parse SEND, one frame per chunk', N, () => parser.push(sendFrame));

const batched = Buffer.concat(Array.from({ length: 10 }, () => sendFrame));
measure('parse SEND, 10 frames per chunk (per frame)', N / 10, () => parser.push(batched), 10);
out(`  (${(frames / 1e6).toFixed(2)} M frames parsed in total)`);

const halves = [sendFrame.subarray(0, 40), sendFrame.subarray(40)];
measure('parse SEND split in 2 chunks (per frame)', N, () => {
  parser.push(halves[0] as Buffer);
  parser.push(halves[1] as Buffer);
});

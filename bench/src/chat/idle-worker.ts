// Child process of the idle-connections benchmark: opens COUNT authenticated STOMP connections
// (a process may hold at most ~20,000 sockets on this machine), reports, then holds them.
import { RawStomp } from '../lib/raw-stomp.ts';

const [wsUrl, token, countArg] = process.argv.slice(2);
const count = Number(countArg);
const conns: RawStomp[] = [];
let failed = 0;
for (let i = 0; i < count; i += 200) {
  const batch = await Promise.allSettled(
    Array.from({ length: Math.min(200, count - i) }, () => RawStomp.connect(wsUrl!, token!, '0,0')),
  );
  for (const r of batch) {
    if (r.status === 'fulfilled') conns.push(r.value);
    else failed++;
  }
}
process.send?.({ connected: conns.length, failed });
process.on('message', (m: { close?: boolean }) => {
  if (m.close) {
    for (const c of conns) c.terminate();
    process.exit(0);
  }
});

// A private NATS server with JetStream for fault tests, on a free port of 127.0.0.1, its
// store in a temp directory: a restart after kill -9 keeps the streams and consumers.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { freePort } from '../spawn-server.ts';
import { PrivateProcess, type PrivateServer, runPrivateServer } from './private-process.ts';

/** The nats-server command (TEST_NATS_SERVER overrides). */
export const NATS_SERVER = process.env.TEST_NATS_SERVER ?? 'nats-server';

/** url: nats://127.0.0.1:<port>; a restart keeps the JetStream store. */
export type PrivateNats = PrivateServer;

export async function startPrivateNats(): Promise<PrivateNats> {
  const dir = mkdtempSync(join(tmpdir(), 'fault-nats-'));
  const port = await freePort();
  const server = new PrivateProcess({
    name: `nats :${port}`,
    command: NATS_SERVER,
    args: ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir],
    async probe() {
      const nc = await connect({ servers: `127.0.0.1:${port}`, reconnect: false, timeout: 1000 });
      try {
        const jsm = await jetstreamManager(nc);
        await jsm.getAccountInfo();
      } finally {
        await nc.close();
      }
    },
  });
  return runPrivateServer(server, { port, url: `nats://127.0.0.1:${port}`, dir });
}

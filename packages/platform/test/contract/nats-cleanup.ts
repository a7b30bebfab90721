import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { testServiceUrls } from '../../src/testing/services.ts';

/** Deletes every stream of one NATS event log (its topics, dead letters and leases). */
export async function deleteNatsPrefix(prefix: string): Promise<void> {
  const nc = await connect({ servers: testServiceUrls.nats });
  try {
    const jsm = await jetstreamManager(nc);
    const names: string[] = [];
    for await (const name of jsm.streams.names()) if (name.startsWith(`${prefix}_`)) names.push(name);
    for (const name of names) await jsm.streams.delete(name);
  } finally {
    await nc.close();
  }
}

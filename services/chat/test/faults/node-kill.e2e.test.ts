// Fault suite, part of `npm test`:
// kill -9 of one of two chat nodes under load. Its clients reconnect to the other node and
// send what was not receipted again: with messageKey the same key, without one as a new
// message (what real clients do; such a message may then be stored twice, which messageKey
// exists to prevent). The test starts its own PostgreSQL, Redis and NATS on free ports; it
// never touches the shared ones.
import { after, describe, test } from 'node:test';
import { skipUnlessFaultTests } from '@chat/testing';
import { cleanupScenario, runFaultScenario, type ScenarioResources } from './fault-scenario.ts';
import { burst, inProcess } from './load-client.ts';

const skip = skipUnlessFaultTests('chat faults: kill -9 of a chat node under load');

/** The killed node's partitions move once its leases expire. */
const LEASE_TTL_MS = 3000;

/** SENDs each client of the node has in flight at the fault. */
const BURST = 200;

describe('fault: a chat node killed under load', { skip }, () => {
  const resources: ScenarioResources = { clients: [] };
  after(() => cleanupScenario(resources));

  test('kill -9 of a node: clients move to the other, every receipted message once, seq gapless, delivery resumes', async (t) => {
    await runFaultScenario(t, resources, {
      env: { LOG_LEASE_TTL_MS: String(LEASE_TTL_MS) },
      losesNodeB: true,
      async fault({ b, load, rooms, inFlight }) {
        // Many SENDs in flight on b when the signal comes, keyed and unkeyed.
        const onB = load.filter((c) => c.node === b);
        inFlight(burst(onB, rooms, BURST));
        await inProcess(onB);
        b.server.child.kill('SIGKILL');
        await b.server.exited;
      },
    });
  });
});

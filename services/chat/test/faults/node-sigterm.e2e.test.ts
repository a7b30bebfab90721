// Fault suite, part of `npm test`:
// SIGTERM of one of two chat nodes under load (graceful drain). Its clients reconnect to the
// other node and send what was not receipted again (unkeyed: as a new message). A graceful
// stop answers every SEND it appended with a RECEIPT, so no unkeyed message is stored twice.
// The test starts its own PostgreSQL, Redis and NATS on free ports; it never touches the
// shared ones.
import { after, describe, test } from 'node:test';
import { skipUnlessFaultTests } from '@chat/testing';
import { cleanupScenario, runFaultScenario, type ScenarioResources } from './fault-scenario.ts';
import { burst, inProcess } from './load-client.ts';

const skip = skipUnlessFaultTests('chat faults: SIGTERM of a chat node under load');

const SHUTDOWN_TIMEOUT_MS = 10_000;

/** SENDs each client of the node has in flight at the fault. */
const BURST = 200;

describe('fault: a chat node stopped (SIGTERM) under load', { skip }, () => {
  const resources: ScenarioResources = { clients: [] };
  after(() => cleanupScenario(resources));

  test('SIGTERM of a node: exit 0, every receipted message once, no SEND stored without its RECEIPT, delivery resumes', async (t) => {
    await runFaultScenario(t, resources, {
      env: { SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS) },
      losesNodeB: true,
      noUnreceiptedStored: true,
      async fault({ b, load, rooms, inFlight, problem }) {
        // Many SENDs in flight on b when the signal comes, keyed and unkeyed.
        const onB = load.filter((c) => c.node === b);
        inFlight(burst(onB, rooms, BURST));
        await inProcess(onB);
        const signalledAt = Date.now();
        b.server.child.kill('SIGTERM');
        const code = await b.server.exited;
        const ms = Date.now() - signalledAt;
        if (code !== 0) problem(`node b exited with ${code} after SIGTERM, not 0`);
        if (ms > SHUTDOWN_TIMEOUT_MS)
          problem(`node b took ${ms} ms to exit (timeout ${SHUTDOWN_TIMEOUT_MS} ms)`);
      },
    });
  });
});

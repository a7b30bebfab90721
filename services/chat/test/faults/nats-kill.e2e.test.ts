// Fault suite, part of `npm test`:
// kill -9 of NATS under load, restarted ~3 s later on the same port and store. The test
// starts its own PostgreSQL, Redis and NATS on free ports; it never touches the shared ones.
import { after, describe, test } from 'node:test';
import { skipUnlessFaultTests } from '@chat/testing';
import { delay } from '../cluster.ts';
import { cleanupScenario, runFaultScenario, type ScenarioResources } from './fault-scenario.ts';

const skip = skipUnlessFaultTests('chat faults: kill -9 of NATS under load');

describe('fault: NATS killed under load', { skip }, () => {
  const resources: ScenarioResources = { clients: [] };
  after(() => cleanupScenario(resources));

  test('kill -9 NATS, restart after 3 s: every receipted message once, seq gapless, delivery resumes, nothing dead-lettered', async (t) => {
    await runFaultScenario(t, resources, {
      async fault({ backend }) {
        await backend.nats.kill9();
        await delay(3000); // the outage
        await backend.nats.restart();
      },
    });
  });
});

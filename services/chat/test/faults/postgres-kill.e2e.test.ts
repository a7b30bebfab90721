// Fault suite, part of `npm test`:
// kill -9 of PostgreSQL (postmaster and backends) under load, restarted ~3 s later on the same
// port and data directory (crash recovery). The test starts its own PostgreSQL, Redis and NATS
// on free ports; it never touches the shared ones.
import { after, describe, test } from 'node:test';
import { skipUnlessFaultTests } from '@chat/testing';
import { delay } from '../cluster.ts';
import { cleanupScenario, runFaultScenario, type ScenarioResources } from './fault-scenario.ts';

const skip = skipUnlessFaultTests('chat faults: kill -9 of PostgreSQL under load');

describe('fault: PostgreSQL killed under load', { skip }, () => {
  const resources: ScenarioResources = { clients: [] };
  after(() => cleanupScenario(resources));

  test('kill -9 PostgreSQL (postmaster and backends), restart after 3 s: every receipted message once, seq gapless, delivery resumes, nothing dead-lettered', async (t) => {
    await runFaultScenario(t, resources, {
      async fault({ backend }) {
        await backend.postgres.kill9();
        await delay(3000); // the outage
        await backend.postgres.restart();
      },
    });
  });
});

// Fault suite, part of `npm test`:
// kill -9 of Redis under load, restarted ~3 s later on the same port, empty (no persistence).
// Besides the checks of every fault suite: an access token logged out before the loss is still
// refused after it, over REST and STOMP. The test starts its own PostgreSQL, Redis and NATS on
// free ports; it never touches the shared ones.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { skipUnlessFaultTests } from '@chat/testing';
import { delay, signup } from '../cluster.ts';
import { api, type TestUser } from '../harness.ts';
import { connectStomp } from '../stomp-client.ts';
import { cleanupScenario, runFaultScenario, type ScenarioResources } from './fault-scenario.ts';

const skip = skipUnlessFaultTests('chat faults: kill -9 of Redis under load');

describe('fault: Redis killed under load', { skip }, () => {
  const resources: ScenarioResources = { clients: [] };
  after(() => cleanupScenario(resources));

  test('kill -9 Redis, restart empty after 3 s: every receipted message once, delivery resumes, a logged-out token stays refused', async (t) => {
    let loggedOut: TestUser | undefined;
    await runFaultScenario(t, resources, {
      async prepare({ a }) {
        loggedOut = await signup(a.url, 'gone');
        assert.equal((await api(a.url, 'GET', '/api/users/me', loggedOut.token)).status, 200);
        assert.equal((await api(a.url, 'POST', '/api/auth/logout', loggedOut.token)).status, 204);
        assert.equal((await api(a.url, 'GET', '/api/users/me', loggedOut.token)).status, 401);
      },
      async fault({ backend }) {
        await backend.redis.kill9();
        await delay(3000); // the outage
        await backend.redis.restart();
      },
      async verify({ a, b, problem }) {
        const token = loggedOut!.token;
        for (const node of [a, b]) {
          const me = await api(node.url, 'GET', '/api/users/me', token);
          if (me.status !== 401)
            problem(`${node.name}: logged-out token after the Redis restart: REST ${me.status}, not 401`);
          const outcome = await connectStomp(node.url, token).then(
            async (stomp) => {
              await stomp.close();
              return 'CONNECTED';
            },
            (err: Error) => err.message,
          );
          if (!/STOMP ERROR/.test(outcome)) {
            problem(
              `${node.name}: logged-out token after the Redis restart: STOMP CONNECT got ${outcome}, not ERROR`,
            );
          }
        }
      },
    });
  });
});

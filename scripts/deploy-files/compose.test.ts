// deploy/compose/docker-compose.yml: schema, variables, secrets, topology.
// Checked without a container engine; each rule also has a broken copy that must fail, so no
// check passes by accident. docs/deployment.md describes the files.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ComposeFile, checkCompose, parseCompose } from './compose.ts';
import { assertProblem, copy, known, repo } from './test-helpers.ts';

const COMPOSE = 'deploy/compose/docker-compose.yml';

describe('docker-compose.yml', () => {
  const file = parseCompose(repo, COMPOSE);
  const broken = (change: (doc: ComposeFile['doc']) => void): string[] => {
    const doc = copy(file.doc);
    change(doc);
    return checkCompose({ path: file.path, doc }, repo, known);
  };
  const svc = (doc: ComposeFile['doc'], name: string) => doc.services![name]!;
  const env = (doc: ComposeFile['doc'], name: string) => svc(doc, name).environment as Record<string, string>;

  it('passes', () => {
    assert.deepEqual(checkCompose(file, repo, known), []);
  });

  it('fails a schema violation', () => {
    assertProblem(
      broken((d) => Object.assign(svc(d, 'auth'), { restart: 5 })),
      /auth\/restart must be string/,
    );
    assertProblem(
      broken((d) => Object.assign(svc(d, 'redis'), { stop_grace_perod: '5s' })),
      /additional properties \(stop_grace_perod\)/,
    );
  });

  it('fails a variable the config loader does not read', () => {
    assertProblem(
      broken((d) => Object.assign(env(d, 'chat-1'), { CHAT_SEND_RATE: '5' })),
      /chat-1: CHAT_SEND_RATE is not read/,
    );
  });

  it('fails a variable the third-party image does not have', () => {
    assertProblem(
      broken((d) => Object.assign(env(d, 'postgres'), { JWT_SECRET: 'x' })),
      /JWT_SECRET is not a variable of image postgres/,
    );
  });

  it('fails an unknown service name', () => {
    assertProblem(
      broken((d) => Object.assign(env(d, 'auth'), { SERVICES: 'auth,billing' })),
      /unknown services: billing/,
    );
  });

  it('fails a default or literal secret', () => {
    assertProblem(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a Compose interpolation with a default
      broken((d) => Object.assign(env(d, 'auth'), { JWT_SECRET: '${JWT_SECRET:-dev}' })),
      /without :\?/,
    );
    assertProblem(
      broken((d) => Object.assign(env(d, 'auth'), { INTERNAL_TOKEN: 'x'.repeat(40) })),
      /INTERNAL_TOKEN is not a required/,
    );
    assertProblem(
      broken((d) =>
        Object.assign(env(d, 'users'), { DATABASE_URL: 'postgres://chat:secret@postgres:5432/users' }),
      ),
      /literal password/,
    );
  });

  it('fails a grace period that does not cover SHUTDOWN_TIMEOUT_MS', () => {
    assertProblem(
      broken((d) => Object.assign(svc(d, 'chat-2'), { stop_grace_period: '10s' })),
      /chat-2: stop_grace_period 10s/,
    );
    assertProblem(
      broken((d) => Object.assign(env(d, 'auth'), { SHUTDOWN_TIMEOUT_MS: '60000' })),
      /auth: stop_grace_period 35s/,
    );
  });

  it('fails a topology without the second chat node or a database per service', () => {
    assertProblem(
      broken((d) => delete d.services!['chat-2']),
      /runs 1 chat process\(es\), not 2/,
    );
    assertProblem(
      broken((d) => Object.assign(env(d, 'users'), { DATABASE_URL: env(d, 'auth').DATABASE_URL })),
      /shares database auth/,
    );
    assertProblem(
      broken((d) =>
        Object.assign(env(d, 'chat-1'), {
          DATABASE_URL: env(d, 'chat-1').DATABASE_URL!.replace(/chat$/, 'messages'),
        }),
      ),
      /no init script creates database messages/,
    );
  });

  it('fails a mount of a file that does not exist, and an unscraped process', () => {
    assertProblem(
      broken((d) => svc(d, 'grafana').volumes!.push('../../ops/grafana/missing.json:/x:ro')),
      /mounts \.\.\/\.\.\/ops\/grafana\/missing\.json/,
    );
    assertProblem(
      broken((d) => {
        d.services!['chat-3'] = copy(svc(d, 'chat-2'));
      }),
      /does not scrape chat-3:8080/,
    );
  });

  it('fails a command that does not exist in the image', () => {
    assertProblem(
      broken((d) => Object.assign(svc(d, 'auth'), { command: 'npm run serve' })),
      /npm run serve has no script/,
    );
  });
});

// The Dockerfile, lint-level.
// Checked without a container engine; each rule also has a broken copy that must fail, so no
// check passes by accident. docs/deployment.md describes the files.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkDockerfile } from './dockerfile.ts';
import { assertProblem, repo } from './test-helpers.ts';

describe('Dockerfile', () => {
  const dockerfile = repo.read('Dockerfile');

  it('passes', () => {
    assert.deepEqual(checkDockerfile(dockerfile, repo), []);
  });

  const broken: [string, (text: string) => string, RegExp][] = [
    [
      'a base other than Node 24',
      (t) => t.replace('FROM node:24-bookworm-slim AS runtime', 'FROM node:20-slim AS runtime'),
      /FROM node:20-slim is not Node 24/,
    ],
    ['no USER', (t) => t.replace(/^USER node$/m, ''), /runs as root/],
    ['USER root', (t) => t.replace(/^USER node$/m, 'USER root'), /runs as root/],
    ['no HEALTHCHECK', (t) => t.replace(/^HEALTHCHECK[^\n]*\\\n[^\n]*\n/m, ''), /no HEALTHCHECK/],
    [
      'dev dependencies at run time',
      (t) => t.replace('npm ci --omit=dev', 'npm ci'),
      /installs dev dependencies/,
    ],
    [
      'node_modules from the build stage',
      (t) => t.replace('COPY packages/ packages/', 'COPY --from=build /src/node_modules/ node_modules/'),
      /copies node_modules/,
    ],
    [
      'a CMD path that does not exist',
      (t) => t.replace('apps/server/src/main.ts', 'apps/server/src/nope.ts'),
      /nope\.ts does not exist/,
    ],
    [
      'a shell-form CMD',
      (t) => t.replace(/^CMD \[.*\]$/m, 'CMD node --import tsx apps/server/src/main.ts'),
      /not in exec form/,
    ],
    [
      '--import of a dev dependency',
      (t) => t.replace('"--import", "tsx"', '"--import", "esbuild"'),
      /esbuild is not a runtime dependency/,
    ],
    [
      'a workspace missing before npm ci',
      (t) => t.replace('COPY services/chat/package.json services/chat/\n', ''),
      /before services\/chat\/package.json is copied/,
    ],
    ['no STOPSIGNAL', (t) => t.replace('STOPSIGNAL SIGTERM', ''), /STOPSIGNAL/],
  ];
  for (const [name, breakIt, expected] of broken) {
    it(`fails with ${name}`, () => {
      const changed = breakIt(dockerfile);
      assert.notEqual(changed, dockerfile, 'the broken copy must differ');
      assertProblem(checkDockerfile(changed, repo), expected);
    });
  }
});

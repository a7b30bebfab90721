// Which variables the deployment files may set: those the config loader reads.
// Checked without a container engine; each rule also has a broken copy that must fail, so no
// check passes by accident. docs/deployment.md describes the files.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LOAD_CONFIG_PATH, variablesReadBy } from './config-variables.ts';
import { known, repo } from './test-helpers.ts';

describe('config variables', () => {
  it('reads the variable names from the config loader source', () => {
    const read = variablesReadBy(repo.read(LOAD_CONFIG_PATH));
    for (const name of ['DATABASE_URL', 'SHUTDOWN_TIMEOUT_MS', 'METRICS_PORT', 'CONSUMERS', 'SERVICES']) {
      assert.ok(read.has(name), `${name} should be read by the loader`);
    }
    assert.ok(read.size > 40, `only ${read.size} variables found: the loader's reader calls changed shape`);
    assert.ok(!known.variables.has('NOT_A_SETTING'));
  });
});

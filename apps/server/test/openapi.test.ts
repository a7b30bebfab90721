import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { seedEmbeddedDataDir } from '@chat/platform/testing';
import { generateOpenApi } from '../src/openapi.ts';

const committed = fileURLToPath(new URL('../../../docs/api', import.meta.url));

test('docs/api matches the route schemas (run npm run docs:api after changing a route)', async () => {
  const out = mkdtempSync(join(tmpdir(), 'openapi-'));
  try {
    // The generator's database starts from a copy of an initialised one (no initdb here).
    await seedEmbeddedDataDir(join(out, 'data'));
    const files = await generateOpenApi(join(out, 'docs'), { dataDir: join(out, 'data') });
    assert.deepEqual(files.map((f) => basename(f)).sort(), [
      'admin.json',
      'auth.json',
      'batch.json',
      'chat.json',
      'operations.json',
      'social.json',
      'store.json',
      'users.json',
    ]);
    for (const file of files) {
      const fresh = JSON.parse(readFileSync(file, 'utf8')) as { paths: Record<string, unknown> };
      const doc = JSON.parse(readFileSync(join(committed, basename(file)), 'utf8')) as unknown;
      assert.deepEqual(doc, fresh, `${basename(file)} is stale`);
      assert.ok(Object.keys(fresh.paths).length > 0, `${basename(file)} documents some paths`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

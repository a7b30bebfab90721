import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { seedEmbeddedDataDir } from '@chat/platform/testing';
import { startTestServer } from '@chat/testing';

const roots: string[] = [];
after(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

/** [path, permission bits] of the folder and everything inside it. */
function modes(dir: string): [string, number][] {
  const out: [string, number][] = [[dir, statSync(dir).mode & 0o777]];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...modes(path));
    else out.push([path, statSync(path).mode & 0o777]);
  }
  return out;
}

function assertPrivate(dataDir: string, exact: boolean): void {
  const all = modes(dataDir);
  assert.ok(all.length > 100, 'the embedded database is in there');
  for (const [path, mode] of all) {
    const isDir = statSync(path).isDirectory();
    if (exact) assert.equal(mode, isDir ? 0o700 : 0o600, `${path} is ${mode.toString(8)}`);
    else assert.equal(mode & 0o077, 0, `${path} is ${mode.toString(8)}: group or others have access`);
  }
}

describe('embedded DATA_DIR permissions', () => {
  test('a fresh DATA_DIR is 0700 with files 0600, while running and after stop', async () => {
    const root = mkdtempSync(join(tmpdir(), 'chat-perm-'));
    roots.push(root);
    const dataDir = join(root, 'data');
    const server = await startTestServer({ dataDir });
    try {
      assert.equal(statSync(dataDir).mode & 0o777, 0o700);
      assertPrivate(dataDir, false);
    } finally {
      await server.stop();
    }
    assertPrivate(dataDir, true);
  });

  test('an existing DATA_DIR made world-readable (older versions) is fixed on start', async () => {
    const root = mkdtempSync(join(tmpdir(), 'chat-perm-'));
    roots.push(root);
    const dataDir = join(root, 'data');
    // A database left by an earlier run (a copy of an initialised one: no initdb here).
    await seedEmbeddedDataDir(dataDir);
    chmodSync(dataDir, 0o755);
    mkdirSync(join(dataDir, 'old'), { mode: 0o777 });
    chmodSync(join(dataDir, 'old'), 0o777);
    writeFileSync(join(dataDir, 'old', 'notes'), 'x');
    chmodSync(join(dataDir, 'old', 'notes'), 0o666);
    const second = await startTestServer({ dataDir });
    try {
      assert.equal(statSync(dataDir).mode & 0o777, 0o700);
      assert.equal(statSync(join(dataDir, 'old')).mode & 0o777, 0o700);
      assert.equal(statSync(join(dataDir, 'old', 'notes')).mode & 0o777, 0o600);
      assertPrivate(dataDir, false);
    } finally {
      await second.stop();
    }
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createLogger, createMemoryCache, runMigrations, type SqlDatabase } from '@chat/platform';
import { createTestPglite } from '@chat/platform/testing';
import { createConnectionPeaks } from './connection-peaks.ts';

const migrations = fileURLToPath(new URL('../../migrations', import.meta.url));
const QUARTER = 15 * 60_000;

describe('connection peaks across chat nodes', () => {
  let db: SqlDatabase;
  before(async () => {
    db = await createTestPglite();
    await runMigrations(db, 'chat', migrations);
  });
  after(() => db.close());

  test("the quarter's peak is the sum of the live nodes' counts, and the highest sum wins", async () => {
    const cache = createMemoryCache();
    let t = Date.parse('2026-12-07T03:07:00Z');
    const open = { a: 3, b: 2 };
    const node = (id: 'a' | 'b') =>
      createConnectionPeaks({
        db,
        cache,
        logger: createLogger({ level: 'silent' }),
        open: () => open[id],
        nodeId: id,
        now: () => t,
      });
    const [a, b] = [node('a'), node('b')];
    await a.sampleNow();
    await b.sampleNow();
    const quarter = (at: number) => {
      const from = new Date(at - (at % QUARTER));
      return [from, new Date(from.getTime() + QUARTER)] as const;
    };
    assert.equal(await a.peak(...quarter(t)), 5, 'both nodes counted');
    // b stops (its count goes); fewer connections later in the quarter keep the peak.
    await b.stop();
    open.a = 1;
    await a.sampleNow();
    assert.equal(await a.peak(...quarter(t)), 5);
    // The next quarter starts from what is open then: b is no longer counted.
    t += QUARTER;
    await a.sampleNow();
    assert.equal(await a.peak(...quarter(t)), 1);
    // A day's peak is the highest of its quarters.
    assert.equal(await a.peak(new Date('2026-12-07T00:00:00Z'), new Date('2026-12-08T00:00:00Z')), 5);
    assert.equal(await a.peak(new Date('2026-12-08T00:00:00Z'), new Date('2026-12-09T00:00:00Z')), 0);
  });
});

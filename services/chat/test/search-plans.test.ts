import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runMigrations, type SqlDatabase } from '@chat/platform';
import { createTestPostgres, skipUnless } from '@chat/platform/testing';
import { CORPUS_RARE, type Corpus, seedMessageCorpus } from '@chat/testing';
import { createMessageRepository } from '../src/messages/message.repository.ts';
import { createSearchRepository } from '../src/search/search.repository.ts';
import { createMessageSearch } from '../src/search/search.service.ts';
import { type ExplainedQuery, explaining } from './query-plan.ts';

const skip = await skipUnless('message search query plans (EXPLAIN on seeded PostgreSQL)', 'postgres');

describe('message search uses its index, never a scan of chat.messages (PostgreSQL)', { skip }, () => {
  let db: SqlDatabase;
  let corpus: Corpus;
  before(async () => {
    db = await createTestPostgres();
    await runMigrations(db, 'chat', fileURLToPath(new URL('../migrations', import.meta.url)));
    // 200,000 messages in 2,000 rooms; the heavy user is in 100 of them (about 10,000 messages).
    corpus = await seedMessageCorpus(db, { messages: 200_000, rooms: 2000, rebuildSearchIndex: true });
  });
  after(() => db?.close());

  /** Runs a search as the API does and returns the plans of every query it ran. */
  async function plansOf(run: (search: ReturnType<typeof createMessageSearch>) => Promise<unknown>) {
    const plans: ExplainedQuery[] = [];
    const x = explaining(db, plans);
    await run(
      createMessageSearch({
        repo: createSearchRepository(x),
        messages: createMessageRepository(x),
        requireMember: async () => {},
      }),
    );
    return plans;
  }
  /** The plan of step 2 (the n-gram index), or of step 1 (the newest messages) when that sufficed. */
  const hitsPlan = (plans: ExplainedQuery[]) => plans.find((p) => /^ with hits as/.test(p.sql))!;
  const recentPlan = (plans: ExplainedQuery[]) => plans.find((p) => /^ with recent as/.test(p.sql));
  /**
   * Sequential scans of the tables that grow with use. chat.rooms and chat.users are small here
   * (2,000 rows), and joining the 20 hits' rooms by hash after a scan of them is the planner's
   * right call at that size (query-plans.test.ts checks those tables at 20,000 rows).
   */
  const scansOfLarge = (plans: ExplainedQuery[]) =>
    plans
      .map(({ sql, scans }) => ({
        sql,
        scans: scans.filter((t) => t === 'messages' || t === 'message_search' || t === 'room_members'),
      }))
      .filter((p) => p.scans.length > 0);

  test('rare terms (Korean, two syllables too, English, one character, none at all) are looked up in the GIN index', async () => {
    for (const q of [
      CORPUS_RARE.korean,
      CORPUS_RARE.korean.slice(0, 2),
      CORPUS_RARE.english,
      '없는말',
      'xyzzy',
      // One character: a prefix match on the index's pairs (012_search_pairs.sql).
      '鬱',
      '~',
    ]) {
      const plans = await plansOf((s) => s.inMyRooms(corpus.heavyUser, q, undefined, 20));
      const hits = hitsPlan(plans);
      assert.ok(hits.indexes.includes('message_search_pairs_idx'), `${q}: ${JSON.stringify(hits)}`);
      assert.deepEqual(scansOfLarge(plans), [], `${q}: sequential scans`);
    }
  });

  test('common and mid terms, next pages, one room, a user with three quiet rooms: no sequential scan', async () => {
    const { heavyUser, quietUser, heavyRooms } = corpus;
    const rare = await plansOf((s) => s.inMyRooms(heavyUser, CORPUS_RARE.korean, undefined, 20));
    assert.ok(rare.length >= 3, 'rooms, hits, messages');
    const runs: [string, (s: ReturnType<typeof createMessageSearch>) => Promise<unknown>][] = [];
    for (const q of [
      '오늘',
      '회의',
      '여행',
      '이어폰',
      'the',
      'meeting',
      'coffee',
      'earphones',
      '오늘 the',
      'e',
      '가',
    ]) {
      runs.push([`${q} (heavy)`, (s) => s.inMyRooms(heavyUser, q, undefined, 20)]);
      runs.push([`${q} (heavy, page 2)`, (s) => s.inMyRooms(heavyUser, q, 150_000, 20)]);
      runs.push([`${q} (quiet)`, (s) => s.inMyRooms(quietUser, q, undefined, 20)]);
      runs.push([`${q} (one room)`, (s) => s.inRoom(heavyUser, heavyRooms[3]!, q, undefined, 20)]);
    }
    for (const [name, run] of runs) {
      const plans = await plansOf(run);
      assert.ok(recentPlan(plans), `${name}: step 1 ran`);
      assert.deepEqual(scansOfLarge(plans), [], `${name}: sequential scans`);
    }
    // A common term is answered by step 1 alone; a rare one goes on to the index.
    assert.equal(hitsPlan(await plansOf((s) => s.inMyRooms(heavyUser, '오늘', undefined, 20))), undefined);
    assert.ok(hitsPlan(rare), 'a rare term reaches step 2');
  });

  test('what the seeded searches find is right (the plans answer correctly)', async () => {
    const search = createMessageSearch({
      repo: createSearchRepository(db),
      messages: createMessageRepository(db),
      requireMember: async () => {},
    });
    const rare = await search.inMyRooms(corpus.heavyUser, CORPUS_RARE.english, undefined, 100);
    const { rows } = await db.query<{ id: number }>(
      `select id from chat.messages where room_id = any($1::int8[]) and strpos(content, $2) > 0 order by id desc`,
      [corpus.heavyRooms, CORPUS_RARE.english],
    );
    assert.ok(rows.length > 0);
    assert.deepEqual(
      rare.results.map((r) => r.message.id),
      rows.map((r) => r.id),
    );
    const common = await search.inMyRooms(corpus.heavyUser, '오늘', undefined, 20);
    assert.equal(common.results.length, 20);
    assert.ok(
      common.results.every(
        (r) => r.message.content.includes('오늘') && corpus.heavyRooms.includes(r.room.id),
      ),
    );
    const quiet = await search.inMyRooms(corpus.quietUser, 'the', undefined, 100);
    assert.ok(quiet.results.length > 0 && quiet.results.every((r) => corpus.quietRooms.includes(r.room.id)));
  });
});

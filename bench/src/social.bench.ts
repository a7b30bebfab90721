import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPgliteDatabase, createPostgresDatabase, type SqlDatabase } from '@chat/platform';
import { createRealBackend } from '@chat/testing';
import { type ServerProcess, signupMany, startServerProcess } from './lib/server-process.ts';
import { fmt, percentiles } from './lib/stats.ts';

/**
 * Issue 19: feed reads per second and p99 for a reader following 500 people among 1,000,000
 * posts; ranking updates per second; post search p50/p99 (rare and common words) before and
 * after the index. The issue states no targets: the figures are printed
 * as measured.
 */
const POSTS = Number(process.env.BENCH_SOCIAL_POSTS ?? 1_000_000);
/** Embedded PGlite writes 1M rows slowly: a smaller count there (the feed's cost is per author). */
const EMBEDDED_POSTS = Number(process.env.BENCH_SOCIAL_EMBEDDED_POSTS ?? 100_000);
const AUTHORS = 5_000;
const FOLLOWED = 500;
const READ_SECONDS = Number(process.env.BENCH_SOCIAL_SECONDS ?? 10);
const CLIENTS = Number(process.env.BENCH_SOCIAL_CLIENTS ?? 8);
const REACTORS = 20;
const REACTED_POSTS = 250; // x 20 reactors = 5,000 reactions
const REACT_CONCURRENCY = 16;
/** Seeded authors are ids beyond the signed-up users (shown as "(deleted)": no profile). */
const FIRST_AUTHOR = 1_000_001;
/** Each search is timed this many times, one at a time, after a warm-up. */
const SEARCH_ROUNDS = Number(process.env.BENCH_SOCIAL_SEARCH_ROUNDS ?? 30);
/** The reader's searches: words of the seeded texts (seed()) and a character of none. */
const SEARCHES = [
  { label: 'rare English word (every 10,000th post)', q: 'zebracorn' },
  { label: 'rare Korean word, 2 syllables (every 10,000th post)', q: '뚱냥' },
  { label: 'common Korean word, 2 syllables (every 3rd post)', q: '오늘' },
  { label: '1 character in no post', q: '鬱' },
] as const;

/**
 * Post search as it was before migrations/010_post_search.sql (no index: posts walked newest
 * first with the pattern and visibility), kept here to time "before" on the same data.
 */
const UNINDEXED_SEARCH_SQL = `
  select p.id, p.author_id, p.text, p.visibility, p.tags, p.mentions, p.created_at, p.edited_at
    from social.posts p
   where p.deleted_at is null and p.text ilike $1 escape '\\'
     and ($3::bigint is null or p.id < $3)
     and (p.author_id = $2
      or ((p.visibility = 'PUBLIC'
           and not exists (select 1 from social.accounts a where a.user_id = p.author_id and a.private))
          or (p.visibility <> 'PRIVATE'
              and exists (select 1 from social.follows f where f.follower_id = $2 and f.followee_id = p.author_id)))
         and not exists (select 1 from social.blocks b
                          where b.blocked
                            and ((b.blocker_id = p.author_id and b.blocked_id = $2)
                              or (b.blocker_id = $2 and b.blocked_id = p.author_id))))
   order by p.id desc limit $4`;

interface User {
  userId: number;
  token: string;
}

/**
 * The posts (each author's: 90% PUBLIC, 10% FOLLOWERS; newest last; 오늘 in every third, 뚱냥 and
 * zebracorn in every 10,000th) and the reader's 500 follows, by SQL.
 */
async function seed(db: SqlDatabase, posts: number, readerId: number): Promise<number> {
  const started = performance.now();
  await db.exec(`
    insert into social.posts (author_id, text, visibility, tags, created_at)
      select ${FIRST_AUTHOR} + (g % ${AUTHORS}),
             'bench post ' || g || case when g % 3 = 0 then ' 오늘' else '' end
               || case when g % 10000 = 5000 then ' 뚱냥 zebracorn' else '' end,
             case when (g / ${AUTHORS}) % 10 = 0 then 'FOLLOWERS' else 'PUBLIC' end,
             array['t' || (g % 50)], now() - make_interval(secs => ${posts} - g)
        from generate_series(1, ${posts}) g;
    insert into social.follows (follower_id, followee_id)
      select ${readerId}, ${FIRST_AUTHOR} + g * ${AUTHORS / FOLLOWED} from generate_series(0, ${FOLLOWED - 1}) g;
    analyze social.posts; analyze social.follows;`);
  return (performance.now() - started) / 1000;
}

async function get(url: string, path: string, token: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as Record<string, unknown>;
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/** CLIENTS readers for READ_SECONDS, each reading the feed's first page then the next, again. */
async function readFeed(url: string, reader: User): Promise<string> {
  const latencies: number[] = [];
  const until = performance.now() + READ_SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      let cursor: number | null = null;
      while (performance.now() < until) {
        const t0 = performance.now();
        const page = await get(
          url,
          `/api/social/feed?size=20${cursor ? `&cursor=${cursor}` : ''}`,
          reader.token,
        );
        latencies.push(performance.now() - t0);
        const posts = page.posts as unknown[];
        if (posts.length !== 20) throw new Error(`a feed page of ${posts.length} posts`);
        cursor = cursor === null ? (page.nextCursor as number) : null;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const p = percentiles(latencies);
  return (
    `feed (20 posts a page, pages 1 and 2 in turn), ${CLIENTS} clients for ${READ_SECONDS} s: ` +
    `${fmt(latencies.length / seconds)} reads/s; p50 ${fmt(p.p50!, 1)} ms, p95 ${fmt(p.p95!, 1)} ms, p99 ${fmt(p.p99!, 1)} ms`
  );
}

const timing = (results: number, latencies: number[]) => {
  const p = percentiles(latencies);
  return `${results} results; p50 ${fmt(p.p50!, 1)} ms, p99 ${fmt(p.p99!, 1)} ms`;
};

/** Before: the unindexed query, SQL alone (a page of 20: 21 rows asked, as the route does). */
async function timeUnindexedSearch(db: SqlDatabase, readerId: number): Promise<string[]> {
  const lines: string[] = [];
  for (const s of SEARCHES) {
    const params = [`%${s.q}%`, readerId, null, 21];
    await db.query(UNINDEXED_SEARCH_SQL, params); // warm up
    const latencies: number[] = [];
    let results = 0;
    for (let i = 0; i < SEARCH_ROUNDS; i++) {
      const t0 = performance.now();
      results = Math.min(20, (await db.query(UNINDEXED_SEARCH_SQL, params)).rows.length);
      latencies.push(performance.now() - t0);
    }
    lines.push(
      `search before (unindexed query, SQL alone), ${s.label} "${s.q}": ${timing(results, latencies)}`,
    );
  }
  return lines;
}

/** After: the whole request over HTTP (token, rate limit, both steps, presenting), a page of 20. */
async function timeSearch(url: string, reader: User): Promise<string[]> {
  const lines: string[] = [];
  for (const s of SEARCHES) {
    const path = `/api/social/search/posts?size=20&q=${encodeURIComponent(s.q)}`;
    await get(url, path, reader.token); // warm up
    const latencies: number[] = [];
    let results = 0;
    for (let i = 0; i < SEARCH_ROUNDS; i++) {
      const t0 = performance.now();
      results = ((await get(url, path, reader.token)).posts as unknown[]).length;
      latencies.push(performance.now() - t0);
    }
    lines.push(`search (indexed, HTTP), ${s.label} "${s.q}": ${timing(results, latencies)}`);
  }
  return lines;
}

/** Sum of a metric's samples whose labels contain `labels` (from /actuator/prometheus). */
async function metric(url: string, name: string, labels = ''): Promise<number | undefined> {
  const res = await fetch(`${url}/actuator/prometheus`);
  if (res.status !== 200) return undefined;
  let sum: number | undefined;
  for (const line of (await res.text()).split('\n')) {
    if (!line.startsWith(name) || !line.includes(labels)) continue;
    if (line[name.length] !== '{' && line[name.length] !== ' ') continue;
    sum = (sum ?? 0) + Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

/** Polls until `check` gives a value (or 180 s pass: then undefined). */
async function until<T>(check: () => Promise<T | undefined>): Promise<T | undefined> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  return undefined;
}

const rankingsLag = (url: string) => metric(url, 'eventlog_consumer_lag', 'group="social-rankings"');

/**
 * 5,000 reactions (20 users x 250 public posts), REACT_CONCURRENCY at a time over HTTP. Without
 * `consumerNode`: the time until the rankings consumer has taken them all (its lag and the
 * outbox at 0), end to end. With it (the server runs no consumers): once all are on the log,
 * a node with consumers starts, and the time it takes to drain the backlog is the consumer's
 * own rate.
 */
async function rankingUpdates(
  url: string,
  reactors: User[],
  postIds: number[],
  consumerNode?: () => Promise<ServerProcess>,
): Promise<string[]> {
  if (postIds.length < REACTED_POSTS) throw new Error(`only ${postIds.length} public posts to react to`);
  const jobs = postIds.flatMap((postId) => reactors.map((r) => ({ postId, r })));
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: REACT_CONCURRENCY }, async () => {
      while (next < jobs.length) {
        const { postId, r } = jobs[next++]!;
        const res = await fetch(`${url}/api/social/posts/${postId}/reactions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${r.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ kind: 'LIKE' }),
        });
        if (res.status !== 201) throw new Error(`reaction: ${res.status} ${await res.text()}`);
      }
    }),
  );
  const posted = (performance.now() - started) / 1000;
  const head = `${fmt(jobs.length)} reactions posted over HTTP in ${fmt(posted, 1)} s (${fmt(jobs.length / posted)}/s, ${REACT_CONCURRENCY} at a time)`;
  if (!consumerNode) {
    const ok = await until(async () => {
      const [lag, outbox] = [await rankingsLag(url), await metric(url, 'social_outbox_pending')];
      return lag === 0 && outbox === 0 ? true : undefined;
    });
    if (!ok) return [`ranking updates: ${head}; the consumer not done after 180 s`];
    const done = (performance.now() - started) / 1000;
    return [
      `ranking updates, end to end: ${head}; all in the ranking after ${fmt(done, 1)} s: ` +
        `${fmt(jobs.length / done)} updates/s (bound by the HTTP writes)`,
    ];
  }
  await until(async () => ((await metric(url, 'social_outbox_pending')) === 0 ? true : undefined));
  const backlog = await rankingsLag(url);
  const node = await consumerNode();
  try {
    const t0 = performance.now();
    const atStart = await rankingsLag(node.url);
    const ok = await until(async () => ((await rankingsLag(node.url)) === 0 ? true : undefined));
    if (!ok || atStart === undefined)
      return [`ranking updates: ${head}; the backlog not drained after 180 s`];
    const seconds = (performance.now() - t0) / 1000;
    return [
      `ranking updates, consumer alone: ${head}, consumers off; a node with consumers drained the ` +
        `log's ${fmt(backlog ?? atStart)} records (${fmt(atStart)} left once it was up) in ${fmt(seconds, 1)} s: ` +
        `${fmt(atStart / seconds)} events/s into the ranking (ZINCRBY with the per-(post, user) memo)`,
    ];
  } finally {
    await node.stop();
  }
}

async function scenario(label: string, env: Record<string, string>, posts: number, embeddedDir?: string) {
  const lines: string[] = [];
  const serverEnv = {
    ...env,
    REST_WRITE_RATE_PER_MIN: '1000000',
    LOGIN_RATE_PER_MIN: '100000',
    SEARCH_RATE_PER_MIN: '1000000',
  };
  let server = await startServerProcess(serverEnv);
  try {
    const [reader, ...reactors] = await signupMany(server.url, 1 + REACTORS, `social${Date.now()}`);
    let seconds: number;
    let before: string[];
    if (embeddedDir) {
      // PGlite is one process's: the server stops while the bench writes into its folder.
      await server.stop();
      const db = await createPgliteDatabase({ dataDir: join(embeddedDir, 'pg') });
      seconds = await seed(db, posts, reader!.userId);
      before = await timeUnindexedSearch(db, reader!.userId);
      await db.close();
      server = await startServerProcess(serverEnv);
    } else {
      const db = await createPostgresDatabase({ url: env.DATABASE_URL!, poolSize: 2 });
      seconds = await seed(db, posts, reader!.userId);
      before = await timeUnindexedSearch(db, reader!.userId);
      await db.close();
    }
    lines.push(
      `${label}: seeded ${fmt(posts)} posts by ${fmt(AUTHORS)} authors, the reader following ${FOLLOWED} of them, in ${fmt(seconds, 1)} s (SQL)`,
    );
    lines.push(...before.map((l) => `${label} ${l}`));
    await get(server.url, '/api/social/feed?size=20', reader!.token); // warm up
    lines.push(`${label} ${await readFeed(server.url, reader!)}`);
    lines.push(...(await timeSearch(server.url, reader!)).map((l) => `${label} ${l}`));
    // The newest public posts of authors the reactors do not follow.
    const newest = (await get(server.url, `/api/social/feed?size=100`, reader!.token)).posts as {
      id: number;
      visibility: string;
    }[];
    const page2 = (
      await get(server.url, `/api/social/feed?size=100&cursor=${newest.at(-1)!.id}`, reader!.token)
    ).posts as { id: number; visibility: string }[];
    const more = (
      await get(server.url, `/api/social/feed?size=100&cursor=${page2.at(-1)!.id}`, reader!.token)
    ).posts as { id: number; visibility: string }[];
    const publicIds = [...newest, ...page2, ...more]
      .filter((p) => p.visibility === 'PUBLIC')
      .map((p) => p.id);
    await get(server.url, '/api/social/rankings/posts', reader!.token); // the ranking built
    // Distributed: the consumer's own rate, from a backlog, on a second node (embedded: one process).
    const consumerNode = embeddedDir
      ? undefined
      : () => startServerProcess({ ...serverEnv, CONSUMERS: 'true' });
    const updates = await rankingUpdates(
      server.url,
      reactors,
      publicIds.slice(0, REACTED_POSTS),
      consumerNode,
    );
    lines.push(...updates.map((l) => `${label} ${l}`));
  } finally {
    await server.stop();
  }
  return lines;
}

/**
 * `npm run bench -- social`: the server as its own process; posts and follows seeded by SQL.
 * Distributed (PostgreSQL + Redis + NATS): 1,000,000 posts; embedded (PGlite): 100,000
 * (BENCH_SOCIAL_POSTS, BENCH_SOCIAL_EMBEDDED_POSTS, BENCH_SOCIAL_SECONDS, BENCH_SOCIAL_CLIENTS,
 * BENCH_SOCIAL_SEARCH_ROUNDS).
 */
export async function socialBench(): Promise<string[]> {
  const lines = ['targets: the issue states none; figures as measured'];
  const backend = await createRealBackend().catch(() => undefined);
  if (!backend) lines.push('distributed: skipped (PostgreSQL, Redis or NATS not reachable)');
  else {
    try {
      lines.push(...(await scenario('distributed', { ...backend.env, CONSUMERS: 'false' }, POSTS)));
    } finally {
      await backend.cleanup();
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'chat-bench-social-'));
  try {
    lines.push(...(await scenario('embedded', { DATA_DIR: dir }, EMBEDDED_POSTS, dir)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}

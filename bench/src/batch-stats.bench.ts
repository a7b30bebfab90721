import { createTestPostgres } from '@chat/platform/testing';
import { startServerProcess } from './lib/server-process.ts';

/** Issue 17: the daily-statistics job over a day of MESSAGES messages, on PostgreSQL. */
const MESSAGES = Number(process.env.BENCH_STATS_MESSAGES ?? 10_000_000);
const USERS = Number(process.env.BENCH_STATS_USERS ?? 100_000);
const ROOMS = Number(process.env.BENCH_STATS_ROOMS ?? 20_000);
const SECRET = 'bench-stats-secret-0123456789-0123456789';
const ADMIN = { email: 'bench-admin@example.com', password: 'bench-admin-password' };
const ZONE = 'Asia/Seoul';

/** Yesterday in Seoul, and when it began (UTC). */
function yesterday(): { day: string; start: Date } {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date());
  const start = new Date(`${today}T00:00:00+09:00`);
  start.setUTCDate(start.getUTCDate() - 1);
  return { day: new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(start), start };
}

async function api<T>(url: string, method: string, path: string, token?: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * `npm run bench -- batch-stats`: a PostgreSQL database with USERS users, ROOMS rooms (half
 * 1:1) and MESSAGES messages spread over yesterday (Seoul), written by SQL; the server (chat,
 * users, batch) runs the daily-statistics job for that day. Prints the seed time, the job's
 * time and rate, its chunks, and the server's resident memory before and at its peak during
 * the run, and checks the figures against the seed.
 */
export async function batchStatsBench(): Promise<string[]> {
  const lines: string[] = [];
  const db = await createTestPostgres();
  const { day, start } = yesterday();
  let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
  try {
    server = await startServerProcess({
      SERVICES: 'users,auth,chat,batch',
      DATABASE_URL: db.url,
      JWT_SECRET: SECRET,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      // Only on demand here: nothing else runs while the job is measured.
      BATCH_CRON_DAILY_STATISTICS: 'off',
      BATCH_CRON_BATCH_HISTORY_RETENTION: 'off',
    });
    const seedStarted = performance.now();
    // The search queue's trigger is off while seeding: the indexer would index every message
    // in the background, which is not what is measured.
    await db.exec(`
      alter table chat.messages disable trigger messages_search_inserted;
      insert into users.users (email, nickname, created_at)
        select 'u' || g || '@bench.example', 'u' || g, now() - make_interval(days => g % 60)
          from generate_series(1, ${USERS}) g;
      insert into chat.users (id, nickname) select id, nickname from users.users on conflict do nothing;
      insert into chat.rooms (type, name, created_by, last_seq, member_count, created_at)
        select case when g % 2 = 0 then 'DIRECT' else 'GROUP' end, 'room ' || g, 1,
               ${Math.ceil(MESSAGES / ROOMS)}, 2, now() - make_interval(days => g % 90)
          from generate_series(1, ${ROOMS}) g;
      insert into chat.messages (room_id, seq, sender_id, message_key, content, type, created_at)
        select (g % ${ROOMS}) + 1, g / ${ROOMS} + 1, ((g::bigint * 7919) % ${USERS}) + 1, 'k' || g,
               'message ' || g, 'TEXT',
               '${start.toISOString()}'::timestamptz + make_interval(secs => g * 86399.0 / ${MESSAGES})
          from generate_series(0, ${MESSAGES - 1}) g;
      alter table chat.messages enable trigger messages_search_inserted;
      analyze chat.messages; analyze chat.rooms; analyze users.users;`);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    lines.push(
      `seeded ${MESSAGES.toLocaleString('en')} messages of ${day} (Seoul), ${ROOMS.toLocaleString('en')} rooms, ${USERS.toLocaleString('en')} users in ${seedSeconds.toFixed(0)} s (SQL)`,
    );

    const { token } = await api<{ token: string }>(server.url, 'POST', '/api/auth/login', undefined, ADMIN);
    const rssBefore = server.rss();
    let rssPeak = rssBefore;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, server!.rss());
    }, 100);
    const run = await api<{ id: number }>(
      server.url,
      'POST',
      '/api/batch/jobs/daily-statistics/runs',
      token,
      {
        params: { day },
      },
    );
    let detail: {
      status: string;
      startedAt: string;
      endedAt: string;
      error: string | null;
      steps: { name: string; done: number; counts: { read: number } }[];
    };
    for (;;) {
      detail = await api(server.url, 'GET', `/api/batch/executions/${run.id}`, token);
      if (detail.status === 'completed' || detail.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    clearInterval(sampler);
    if (detail.status !== 'completed') throw new Error(`the run failed: ${detail.error}`);
    const seconds = (Date.parse(detail.endedAt) - Date.parse(detail.startedAt)) / 1000;
    const messagesStep = detail.steps.find((s) => s.name === 'messages')!;
    const [figures] = await api<
      { messages: { direct: number; group: number; total: number }; activeUsers: number }[]
    >(server.url, 'GET', `/api/batch/reports/daily-statistics?from=${day}&to=${day}`, token);
    const expectedDirect = Math.floor(MESSAGES / 2);
    const ok =
      figures!.messages.total === MESSAGES && Math.abs(figures!.messages.direct - expectedDirect) <= 1;
    lines.push(
      `daily-statistics over ${messagesStep.done.toLocaleString('en')} messages: ${seconds.toFixed(1)} s, ${Math.round(messagesStep.done / seconds).toLocaleString('en')} messages/s, ${Math.ceil(messagesStep.done / 10_000)} chunks of 10,000`,
      `server resident memory: ${Math.round(rssBefore / 2 ** 20)} MB before, ${Math.round(rssPeak / 2 ** 20)} MB at its peak during the run (+${Math.round((rssPeak - rssBefore) / 2 ** 20)} MB)`,
      `figures: ${figures!.messages.direct.toLocaleString('en')} direct + ${figures!.messages.group.toLocaleString('en')} group, ${figures!.activeUsers.toLocaleString('en')} active users: ${ok ? 'match the seed' : 'DO NOT match the seed'}`,
    );
    return lines;
  } finally {
    await server?.stop();
    await db.close();
  }
}

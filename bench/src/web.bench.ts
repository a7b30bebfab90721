// `npm run bench:web` (`npm run bench -- web`): the web client's initial JavaScript against its
// budget, Lighthouse performance and accessibility of the log-in page and of a signed-in chat
// list, and the time from navigation to the chat list. Lighthouse runs only here, never in tests.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServerProcess } from './lib/server-process.ts';
import { fmt, percentiles } from './lib/stats.ts';
import { CHROMIUM, launchBrowser, launchForLighthouse } from './web/browser.ts';
import { chatListTimes } from './web/chat-list-timing.ts';
import { type LighthouseScores, type Preset, runLighthouse } from './web/lighthouse.ts';
import { seedChatList } from './web/seed-chat-list.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const TARGET = { performance: 90, accessibility: 95, chatListMs: 1000 };
const PRESETS: Preset[] = ['mobile', 'desktop'];
const LOADS = Number(process.env.BENCH_WEB_LOADS ?? 7);
/** BENCH_WEB_REPORTS=<dir>: also write each Lighthouse report there as HTML. */
const REPORTS = process.env.BENCH_WEB_REPORTS;
const report = (name: string) => (REPORTS ? { report: { dir: REPORTS, name } } : {});

/** Rebuilds the client and keeps the size report of its build (apps/web/scripts/size.mjs). */
function bundleSize(): string[] {
  const out = execFileSync('npm', ['run', '--silent', 'build:web'], { cwd: root, encoding: 'utf8' });
  return out.split('\n').filter((l) => l.startsWith('web: initial JS'));
}

function describe(page: string, preset: Preset, s: LighthouseScores): string {
  const ok = (v: number, target: number) => (v >= target ? 'ok' : `BELOW ${target}`);
  const m = s.metrics;
  return (
    `lighthouse ${page} (${preset}): performance ${s.performance} (${ok(s.performance, TARGET.performance)}), ` +
    `accessibility ${s.accessibility} (${ok(s.accessibility, TARGET.accessibility)}); ` +
    `FCP ${fmt(m.fcpMs)} ms, LCP ${fmt(m.lcpMs)} ms, TBT ${fmt(m.tbtMs)} ms, CLS ${fmt(m.cls, 3)}` +
    (s.flagged.length > 0 ? `; flagged: ${s.flagged.join(', ')}` : '')
  );
}

export async function webBench(): Promise<string[]> {
  const lines = bundleSize();
  if (!existsSync(CHROMIUM))
    return [...lines, `lighthouse and page timing skipped: ${CHROMIUM} not installed`];
  const server = await startServerProcess({ LOGIN_RATE_PER_MIN: '100000' });
  try {
    const session = await seedChatList(server.url, server.wsUrl);
    const lh = await launchForLighthouse();
    try {
      for (const preset of PRESETS) {
        const login = await runLighthouse(`${server.url}/`, {
          port: lh.port,
          preset,
          keepStorage: false,
          ...report(`login-${preset}`),
        });
        lines.push(describe('log-in page', preset, login));
      }
      // The session goes in from a page of the same origin that is not the app; Lighthouse
      // keeps storage for these runs, so the HTTP cache is emptied before each (a cold load).
      const page = await lh.context.newPage();
      await page.goto(`${server.url}/actuator/health`);
      await page.evaluate(`localStorage.setItem('chat.session', ${JSON.stringify(JSON.stringify(session))})`);
      const cdp = await lh.context.newCDPSession(page);
      const clearCache = () => cdp.send('Network.clearBrowserCache');
      for (const preset of PRESETS) {
        await clearCache();
        const list = await runLighthouse(`${server.url}/`, {
          port: lh.port,
          preset,
          keepStorage: true,
          ...report(`chat-list-${preset}`),
        });
        lines.push(describe('chat list, signed in', preset, list));
      }
      await page.close();
    } finally {
      await lh.close();
    }
    const browser = await launchBrowser();
    try {
      const times = await chatListTimes(browser, `${server.url}/`, session, LOADS);
      const p = percentiles(times, [50, 100]);
      lines.push(
        `chat list rendered after navigation (${times.length} cold loads, 1280x800): median ${fmt(p.p50!)} ms, ` +
          `max ${fmt(p.p100!)} ms (target < ${TARGET.chatListMs} ms: ${p.p100! < TARGET.chatListMs ? 'met' : 'NOT met'})`,
      );
    } finally {
      await browser.close();
    }
    return lines;
  } finally {
    await server.stop();
  }
}

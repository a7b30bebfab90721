import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import type { Browser } from 'playwright-core';
import { skipUnlessChromium, startWebAndBrowser, stopWebAndBrowser, type WebServer } from './browser.ts';
import { openChatWith, say, signUpPage } from './pages.ts';

const skip = skipUnlessChromium('Web Push in Chromium');

describe('notifications in Chromium (embedded server)', { skip }, () => {
  let web: WebServer;
  let browser: Browser;
  before(async () => {
    ({ web, browser } = await startWebAndBrowser());
  });
  after(() => stopWebAndBrowser(web, browser));

  test('offered after I send, not on load; headless Chromium cannot subscribe (says why); the service worker turns pushes into one notification per room, the newest', async () => {
    const alice = (await signUpPage(browser, web.url, '알림받는이')).page;
    await signUpPage(browser, web.url, '보내는사람');
    await alice.context().grantPermissions(['notifications'], { origin: web.url });
    await openChatWith(alice, '보내는사람');
    const prompt = alice.getByRole('region', { name: '알림' });
    assert.equal(await prompt.count(), 0, 'not on load');
    await say(alice, '안녕하세요');
    await prompt.waitFor();
    await prompt.getByRole('button', { name: '알림 켜기' }).click();
    // Headless Chromium has no push service to subscribe with: what it does is said below.
    const outcome = await Promise.race([
      prompt.waitFor({ state: 'detached' }).then(() => 'subscribed'),
      prompt
        .getByRole('alert')
        .waitFor()
        .then(async () => `refused: ${await prompt.getByRole('alert').textContent()}`),
    ]);
    // Headless Chromium refuses: "Registration failed - permission denied" (no push service).
    assert.match(outcome, /^subscribed$|^refused: 알림을 켜지 못했어요 \(Registration failed/);

    // The service worker is installed either way. A push delivered to it (DevTools protocol)
    // while no page of the client is open becomes a notification titled with the sender;
    // the next one of the room replaces it.
    const script = await alice.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL);
    assert.match(String(script), /\/sw\.js$/);
    const roomId = Number(new URL(alice.url()).pathname.split('/').at(-1));
    const blank = await alice.context().newPage();
    const cdp = await alice.context().newCDPSession(blank);
    const activated = new Promise<string>((resolve) => {
      cdp.on(
        'ServiceWorker.workerVersionUpdated',
        (e: { versions: { registrationId: string; status: string }[] }) => {
          const v = e.versions.find((x) => x.status === 'activated');
          if (v) resolve(v.registrationId);
        },
      );
    });
    await cdp.send('ServiceWorker.enable');
    const registrationId = await Promise.race([
      activated,
      delay(30_000, undefined, { ref: false }).then(() => {
        throw new Error('the service worker was not reported activated within 30 s');
      }),
    ]);
    await alice.close();
    const deliver = (preview: string, messageId: number) =>
      cdp.send('ServiceWorker.deliverPushMessage', {
        origin: new URL(web.url).origin,
        registrationId,
        data: JSON.stringify({
          roomId,
          roomName: null,
          direct: true,
          senderNickname: '보내는사람',
          preview,
          mentioned: false,
          messageId,
        }),
      });
    // Read from the service worker itself: a page of the client, visible, would stop the next
    // push from showing. The delivery returns before the worker has handled the push, so wait
    // for each notification before sending the next (the second must replace the first).
    const worker =
      alice.context().serviceWorkers()[0] ?? (await alice.context().waitForEvent('serviceworker'));
    const shownOnce = (body: string) =>
      worker.evaluate(async (wanted) => {
        const { registration } = globalThis as unknown as { registration: ServiceWorkerRegistration };
        for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
          const list = await registration.getNotifications();
          if (list.some((n) => n.body === wanted)) return list.map((n) => [n.title, n.body, n.tag]);
          await new Promise((r) => setTimeout(r, 50));
        }
        return `no notification "${wanted}" within 30 s`;
      }, body);
    // The worker shows nothing while a page of the client is visible, and a closed page can
    // stay among its clients for a moment (seen on a loaded machine): wait until it is gone.
    const visiblePages = await worker.evaluate(async () => {
      const { clients } = globalThis as unknown as {
        clients: { matchAll(o: object): Promise<{ visibilityState: string }[]> };
      };
      const visible = async () =>
        (await clients.matchAll({ type: 'window', includeUncontrolled: true })).filter(
          (w) => w.visibilityState === 'visible',
        ).length;
      for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
        if ((await visible()) === 0) return 0;
        await new Promise((r) => setTimeout(r, 50));
      }
      return visible();
    });
    assert.equal(visiblePages, 0, "the closed page left the worker's clients");
    await deliver('첫 번째', 2);
    const first = await shownOnce('첫 번째');
    assert.ok(Array.isArray(first), String(first));
    await deliver('두 번째', 3);
    assert.deepEqual(
      await shownOnce('두 번째'),
      [['보내는사람', '두 번째', `room-${roomId}`]],
      'one per room, the newest',
    );
  });
});

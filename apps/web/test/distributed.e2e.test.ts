import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { skipUnless } from '@chat/platform/testing';
import type { SpawnedServer } from '@chat/testing';
import type { Browser } from 'playwright-core';
import { launchChromium, skipUnlessChromium, startWebNodes, type WebNodes } from './browser.ts';
import { type FailoverProxy, startFailoverProxy } from './failover-proxy.ts';
import { bubbles, cspViolations, openChatWith, say, signUpPage, waitForBubbles } from './pages.ts';

const skip =
  skipUnlessChromium('web client in Chromium on two chat nodes') ||
  (await skipUnless('web client in Chromium on two chat nodes', 'postgres', 'redis', 'nats'));

// The log's partitions of a killed node move to the live one when their leases expire: 2 s
// here (10 s by default) keeps the messages of its rooms from waiting long for persistence.
const NODE_ENV = { LOG_PARTITIONS: '4', LOG_LEASE_TTL_MS: '2000' };

describe('web client in Chromium on two chat nodes (distributed: PostgreSQL, Redis, NATS)', { skip }, () => {
  let cluster: WebNodes;
  let n1: SpawnedServer;
  let n2: SpawnedServer;
  let browser: Browser;
  // User A's origin: a load balancer that sends A's page to node 1 while node 1 is up.
  let proxy: FailoverProxy;

  before(async () => {
    cluster = await startWebNodes(2, NODE_ENV);
    [n1, n2] = cluster.nodes as [SpawnedServer, SpawnedServer];
    proxy = await startFailoverProxy([n1.url, n2.url]);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await proxy?.close();
    await cluster?.dispose();
  });

  test('A on node 1 and B on node 2 find each other and chat live both ways in Korean and emoji', async () => {
    const a = await signUpPage(browser, proxy.url, '노드일');
    const b = await signUpPage(browser, n2.url, '노드이');
    await openChatWith(a.page, '노드이');
    await openChatWith(b.page, '노드일');

    await say(a.page, '1번 노드에서 안녕하세요 👋');
    await waitForBubbles(b.page, ['1번 노드에서 안녕하세요 👋']);
    await say(b.page, '2번 노드에서 반가워요 🎉🇰🇷');
    const both = ['1번 노드에서 안녕하세요 👋', '2번 노드에서 반가워요 🎉🇰🇷'];
    await waitForBubbles(a.page, both);
    await waitForBubbles(b.page, both);

    assert.ok(
      proxy.routed.every((backend) => backend === n1.url),
      "every connection of A's page went to node 1",
    );
    assert.deepEqual(await cspViolations(a.page), [], 'the client works under the CSP');
    assert.deepEqual(await cspViolations(b.page), []);
    await a.page.context().close();
    await b.page.context().close();
  });

  test("A's node is killed while A keeps typing: offline banner, reconnect on node 2, every message once", async (t) => {
    const routedBefore = proxy.routed.length;
    const a = await signUpPage(browser, proxy.url, '가영');
    const b = await signUpPage(browser, n2.url, '나래');
    await openChatWith(a.page, '나래');
    await openChatWith(b.page, '가영');

    const early = ['죽기 전에 하나', '받았어요'];
    await say(a.page, early[0]!);
    await waitForBubbles(b.page, early.slice(0, 1));
    await say(b.page, early[1]!);
    await waitForBubbles(a.page, early);

    // A is in the middle of a message when node 1 dies (kill -9: no goodbye to anyone).
    const composer = a.page.getByLabel('메시지 입력');
    await composer.pressSequentially('쓰다가 ');
    n1.child.kill('SIGKILL');
    assert.equal(await n1.exited, 'SIGKILL');
    const routedAtKill = proxy.routed.length;
    const offline = a.page.getByRole('status').filter({ hasText: '연결이 끊겼어요' });
    await offline.waitFor();

    // A keeps typing and sends while offline: the message waits, shown as pending.
    await composer.pressSequentially('끊겼어요 📴');
    await composer.press('Enter');
    await a.page.locator('.bubble-row.pending', { hasText: '쓰다가 끊겼어요 📴' }).waitFor();
    // Meanwhile B, on the live node, writes; A's page cannot get it yet.
    await say(b.page, 'A가 안 보이네요');
    await waitForBubbles(b.page, [...early, 'A가 안 보이네요']);
    assert.equal(await offline.count(), 1, 'A is still offline: no node answers behind the proxy yet');
    assert.deepEqual(await bubbles(a.page), early);

    // The load balancer's health check finds node 1 gone: A's page gets node 2 on its next try,
    // catches up with B's message and sends the pending one, once.
    assert.deepEqual(await proxy.healthCheck(), [n2.url]);
    const routedAtCheck = proxy.routed.length;
    const checkedAt = Date.now();
    await offline.waitFor({ state: 'detached', timeout: 60_000 });
    t.diagnostic(`online again ${Date.now() - checkedAt} ms after the health check`);
    const during = [...early, 'A가 안 보이네요', '쓰다가 끊겼어요 📴'];
    await waitForBubbles(a.page, during);
    await waitForBubbles(b.page, during);

    // After: both ways again, and every message is there exactly once, in order, on both sides.
    await say(a.page, '다시 붙었어요');
    await waitForBubbles(b.page, [...during, '다시 붙었어요']);
    await say(b.page, '잘 보여요 👍');
    const all = [...during, '다시 붙었어요', '잘 보여요 👍'];
    await waitForBubbles(a.page, all);
    await waitForBubbles(b.page, all);
    assert.equal(await a.page.locator('.bubble-row.pending, .bubble-row.failed').count(), 0);
    assert.equal(await composer.inputValue(), '', 'nothing left in the composer');

    // Where A's connections went: node 1 until the kill (and the tries in between, refused),
    // node 2 after the health check.
    const toNode1 = proxy.routed.slice(routedBefore, routedAtCheck);
    const toNode2 = proxy.routed.slice(routedAtCheck);
    t.diagnostic(
      `A's connections: ${routedAtKill - routedBefore} to node 1, ${routedAtCheck - routedAtKill} refused while it was down, ${toNode2.length} to node 2`,
    );
    assert.ok(routedAtKill > routedBefore && toNode1.every((x) => x === n1.url), 'A was on node 1 first');
    assert.ok(toNode2.length > 0 && toNode2.every((x) => x === n2.url), 'then on node 2');
    assert.deepEqual(await cspViolations(a.page), []);
    assert.deepEqual(await cspViolations(b.page), []);
  });
});

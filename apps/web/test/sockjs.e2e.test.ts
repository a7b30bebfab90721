// SockJS in Chromium with the libraries a Spring front end uses: sockjs-client and
// @stomp/stompjs (their browser bundles), on a page of another origin, as `.withSockJS()`
// clients connect to /ws over WebSocket, xhr-streaming and xhr-polling.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createApi, signup } from '@chat/testing';
import type { Browser } from 'playwright-core';
import { skipUnlessChromium, startWebAndBrowser, stopWebAndBrowser, type WebServer } from './browser.ts';
import { rest } from './pages.ts';

const skip = skipUnlessChromium('SockJS clients in Chromium');
/** A file of an installed package (its exports do not list the browser bundles). */
function bundle(pkg: string, file: string): string {
  const entry = fileURLToPath(import.meta.resolve(pkg));
  const at = entry.lastIndexOf(`node_modules/${pkg}/`);
  return `${entry.slice(0, at)}node_modules/${pkg}/${file}`;
}

describe('SockJS with sockjs-client and @stomp/stompjs in Chromium', { skip }, () => {
  let web: WebServer;
  let browser: Browser;
  let page: Server;
  let pageUrl: string;
  before(async () => {
    ({ web, browser } = await startWebAndBrowser());
    // A front end served from another origin, as a separate Spring front end would be.
    page = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>sockjs client</title>');
    });
    page.listen(0, '127.0.0.1');
    await once(page, 'listening');
    pageUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}/`;
  });
  after(async () => {
    await stopWebAndBrowser(web, browser);
    page?.close();
  });

  for (const transport of ['websocket', 'xhr-streaming', 'xhr-polling']) {
    test(`${transport}: connects with a bearer token, subscribes and sends with receipts, gets the message`, async () => {
      const me = await signup(createApi(web.url), { nickname: 'sockjs' });
      const friend = await signup(createApi(web.url), { nickname: 'friend' });
      const room = await rest<{ id: number }>(web.url, me.token, 'POST', '/api/rooms/group', {
        name: `browser ${transport}`,
        memberIds: [friend.userId],
      });
      const context = await browser.newContext();
      const tab = await context.newPage();
      await tab.goto(pageUrl);
      await tab.addScriptTag({ path: bundle('sockjs-client', 'dist/sockjs.min.js') });
      await tab.addScriptTag({ path: bundle('@stomp/stompjs', 'bundles/stomp.umd.min.js') });
      const content = `${transport} 브라우저에서 🌐`;
      const outcome = await tab.evaluate(
        ({ url, token, roomId, transport, content }) =>
          new Promise<{ receipts: string[]; received: string[]; used: string }>((resolve, reject) => {
            const w = window as unknown as {
              SockJS: new (
                url: string,
                _: null,
                o: object,
              ) => { transport?: string; _transport?: { transportName?: string } };
              StompJs: {
                Client: new (
                  c: object,
                ) => Record<string, unknown> & { activate(): void; deactivate(): Promise<void> };
              };
            };
            let socket: { _transport?: { transportName?: string } } | undefined;
            const receipts: string[] = [];
            const received: string[] = [];
            const client = new w.StompJs.Client({
              webSocketFactory: () => {
                socket = new w.SockJS(url, null, { transports: [transport] });
                return socket;
              },
              connectHeaders: { Authorization: `Bearer ${token}` },
              reconnectDelay: 0,
              onStompError: (f: { headers: { message: string } }) => reject(new Error(f.headers.message)),
            }) as unknown as {
              onConnect: () => void;
              activate(): void;
              deactivate(): Promise<void>;
              subscribe(d: string, cb: (m: { body: string }) => void, h: object): void;
              publish(p: object): void;
              watchForReceipt(r: string, cb: () => void): void;
            };
            const done = () => {
              if (receipts.length === 2 && received.length === 1) {
                const used = socket?._transport?.transportName ?? '?';
                void client.deactivate().then(() => resolve({ receipts, received, used }));
              }
            };
            client.onConnect = () => {
              client.watchForReceipt('sub', () => {
                receipts.push('sub');
                client.watchForReceipt('send', () => {
                  receipts.push('send');
                  done();
                });
                client.publish({
                  destination: '/app/chat.send',
                  body: JSON.stringify({ roomId, content }),
                  headers: { receipt: 'send' },
                });
              });
              client.subscribe(
                `/topic/room.${roomId}`,
                (m) => {
                  received.push(JSON.parse(m.body).content);
                  done();
                },
                { receipt: 'sub' },
              );
            };
            client.activate();
            setTimeout(() => reject(new Error('no message within 20 s')), 20_000);
          }),
        { url: `${web.url}/ws`, token: me.token, roomId: room.id, transport, content },
      );
      assert.deepEqual(outcome.receipts, ['sub', 'send']);
      assert.deepEqual(outcome.received, [content]);
      assert.equal(outcome.used, transport, 'SockJS used the transport asked for');
      await context.close();
    });
  }
});

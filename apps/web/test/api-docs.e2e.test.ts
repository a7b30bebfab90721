import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { skipUnlessChromium, startWebAndBrowser, stopWebAndBrowser, type WebServer } from './browser.ts';

const skip = skipUnlessChromium('API docs in Chromium');

describe('API docs (/docs) in Chromium', { skip }, () => {
  let web: WebServer;
  let browser: Browser;
  before(async () => {
    ({ web, browser } = await startWebAndBrowser());
  });
  after(() => stopWebAndBrowser(web, browser));

  test('Swagger UI renders the operations and runs one, under the CSP the server sends, with no violation', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // Init scripts run through the DevTools protocol, outside the page's CSP.
    await page.addInitScript(() => {
      const w = window as unknown as { cspViolations: string[] };
      w.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    const response = await page.goto(`${web.url}/docs`);
    assert.match(response?.headers()['content-security-policy'] ?? '', /script-src 'self'; /);
    assert.match(response?.headers()['content-security-policy'] ?? '', /style-src 'self'; /);

    assert.equal(await page.title(), 'chat-platform API');
    await page.getByRole('heading', { name: /chat-platform/ }).waitFor();
    // Operations start collapsed under their tags: opening a tag shows its operations.
    await page.locator('#operations-tag-messages').click();
    await page.locator('.opblock', { hasText: '/api/rooms/{roomId}/messages' }).first().waitFor();
    await page.locator('#operations-tag-auth').click();

    // "Try it out" calls the API from the page (connect-src 'self'): a sign-up answers 201.
    const signup = page.locator('.opblock', { hasText: '/api/auth/signup' }).first();
    await signup.getByRole('button', { name: /POST \/api\/auth\/signup/ }).click();
    await signup.getByRole('button', { name: 'Try it out' }).click();
    const body = { email: `docs-${Date.now()}@example.com`, password: 'password-1234', nickname: '문서' };
    await signup.locator('textarea.body-param__text').fill(JSON.stringify(body));
    await signup.getByRole('button', { name: 'Execute' }).click();
    const status = signup.locator('.live-responses-table .response .response-col_status');
    assert.equal((await status.first().innerText()).trim(), '201');

    const violations = await page.evaluate(
      () => (window as unknown as { cspViolations: string[] }).cspViolations,
    );
    assert.deepEqual(violations, []);
    await page.close();
  });
});

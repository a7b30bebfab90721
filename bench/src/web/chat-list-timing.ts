// "Chat list interactive within 1 s of navigation on localhost": from navigation start to the
// chat list's room links rendered (Preact attaches their handlers as it renders them), each
// load in a fresh context (cold cache, the session already in localStorage).
import type { Browser } from 'playwright-core';
import type { BrowserSession } from './seed-chat-list.ts';

/** Milliseconds from navigation start to the first room link in the document, per load. */
export async function chatListTimes(
  browser: Browser,
  url: string,
  session: BrowserSession,
  loads: number,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < loads; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    // Runs through the DevTools protocol before any script of the page (a string: the bench
    // is compiled without the DOM's types).
    await context.addInitScript({
      content: `localStorage.setItem('chat.session', ${JSON.stringify(JSON.stringify(session))});
        new MutationObserver((_, observer) => {
          if (document.querySelector('a[href^="/rooms/"]')) {
            window.chatListAt = performance.now();
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });`,
    });
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('a[href^="/rooms/"]').first().waitFor();
    times.push(Number(await page.evaluate('window.chatListAt')));
    await context.close();
  }
  return times;
}

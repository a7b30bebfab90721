import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator } from 'playwright-core';
import sharp from 'sharp';
import { skipUnlessChromium, startWebAndBrowser, stopWebAndBrowser, type WebServer } from './browser.ts';
import { cspViolations, openChatWith, signUpPage } from './pages.ts';

const skip = skipUnlessChromium('photos and files in Chromium');
const MAX_BYTES = 400_000;

const photo = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 250, g: 180, b: 40 } } })
    .jpeg()
    .toBuffer();
const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** The image has arrived and decoded (an object URL of the bytes fetched with the token). */
async function loaded(img: Locator): Promise<{ width: number; src: string }> {
  await img.waitFor();
  await img
    .page()
    .waitForFunction(
      (el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0,
      await img.elementHandle(),
    );
  return img.evaluate((el) => ({
    width: (el as HTMLImageElement).naturalWidth,
    src: (el as HTMLImageElement).src,
  }));
}

/** Dispatches a paste (or a drop) of `file` on `target`, as the browser does for a screenshot. */
async function pasteFile(target: Locator, kind: 'paste' | 'drop', name: string, type: string, bytes: Buffer) {
  await target.evaluate(
    (el, [kind, name, type, base64]) => {
      const data = new DataTransfer();
      const raw = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      data.items.add(new File([raw], name, { type }));
      const event =
        kind === 'paste'
          ? new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })
          : new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true });
      el.dispatchEvent(event);
    },
    [kind, name, type, bytes.toString('base64')] as const,
  );
}

describe('photos and files in Chromium (embedded server)', { skip }, () => {
  let web: WebServer;
  let browser: Browser;
  before(async () => {
    ({ web, browser } = await startWebAndBrowser({ UPLOAD_MAX_BYTES: String(MAX_BYTES) }));
  });
  after(() => stopWebAndBrowser(web, browser));

  test('a photo and a file go from one person to the other: thumbnail, lightbox, download', async () => {
    const alice = (await signUpPage(browser, web.url, '사진작가')).page;
    const bob = (await signUpPage(browser, web.url, '구경꾼')).page;
    await openChatWith(alice, '구경꾼');
    await openChatWith(bob, '사진작가');

    await alice
      .getByTestId('attach-input')
      .setInputFiles({ name: '노을.jpg', mimeType: 'image/jpeg', buffer: await photo(1200, 800) });
    const thumb = await loaded(bob.getByRole('log').getByTestId('photo-thumbnail'));
    assert.ok(thumb.src.startsWith('blob:'), 'fetched with the token, shown from memory');
    assert.ok(thumb.width <= 400, `a thumbnail, ${thumb.width} px wide`);
    await loaded(alice.getByRole('log').getByTestId('photo-thumbnail'));

    await bob.getByRole('button', { name: '사진 크게 보기: 노을.jpg' }).click();
    const lightbox = bob.getByRole('dialog', { name: '노을.jpg' });
    assert.equal((await loaded(lightbox.getByTestId('photo-full'))).width, 1200, 'the whole photo');
    await lightbox.getByRole('button', { name: '닫기' }).click();
    await lightbox.waitFor({ state: 'detached' });

    await alice
      .getByTestId('attach-input')
      .setInputFiles({ name: '회의록 (최종).pdf', mimeType: 'application/pdf', buffer: pdf });
    const card = bob.getByRole('log').getByTestId('file-card').filter({ hasText: '회의록 (최종).pdf' });
    await card.getByText(`${pdf.length} B`).waitFor();
    const [download] = await Promise.all([
      bob.waitForEvent('download'),
      card.getByRole('button', { name: '저장: 회의록 (최종).pdf' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), '회의록 (최종).pdf');
    assert.deepEqual(await readFile((await download.path())!), pdf);

    // The chat list (beside the room at this width) says what came last: the file's name.
    await bob
      .getByRole('list', { name: '채팅' })
      .getByRole('link', { name: /사진작가/ })
      .filter({ hasText: '회의록 (최종).pdf' })
      .waitFor();
    assert.deepEqual(await cspViolations(alice), []);
    assert.deepEqual(await cspViolations(bob), []);
  });

  test('a pasted screenshot and a dropped file are sent; a file over the limit says why and can be dismissed', async () => {
    const alice = (await signUpPage(browser, web.url, '붙여넣기')).page;
    const bob = (await signUpPage(browser, web.url, '받기')).page;
    await openChatWith(alice, '받기');
    await openChatWith(bob, '붙여넣기');
    const png = await sharp({ create: { width: 300, height: 200, channels: 4, background: '#3366ff' } })
      .png()
      .toBuffer();
    await pasteFile(alice.getByLabel('메시지 입력'), 'paste', 'image.png', 'image/png', png);
    await loaded(bob.getByRole('log').getByTestId('photo-thumbnail'));
    await pasteFile(alice.getByRole('region', { name: '받기' }), 'drop', 'notes.pdf', 'application/pdf', pdf);
    await bob.getByRole('log').getByTestId('file-card').filter({ hasText: 'notes.pdf' }).waitFor();

    await alice.getByTestId('attach-input').setInputFiles({
      name: 'huge.bin',
      mimeType: 'application/octet-stream',
      buffer: Buffer.alloc(MAX_BYTES + 1),
    });
    const failure = alice.getByRole('list', { name: '보내는 중인 파일' }).getByRole('alert');
    await failure.getByText(`The file is larger than ${MAX_BYTES} bytes`).waitFor();
    await alice.getByRole('button', { name: '닫기: huge.bin' }).click();
    await failure.waitFor({ state: 'detached' });
    assert.equal(await bob.getByRole('log').getByText('huge.bin').count(), 0, 'nothing sent');
  });

  test('an upload on its way can be cancelled: it leaves the list and nothing is sent', async () => {
    const alice = (await signUpPage(browser, web.url, '취소하는이')).page;
    const bob = (await signUpPage(browser, web.url, '기다리는이')).page;
    await openChatWith(alice, '기다리는이');
    await openChatWith(bob, '취소하는이');
    // The upload is held at the network until the test lets it go, so it is still running.
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await alice.context().route('**/attachments', async (route) => {
      await held;
      await route.abort().catch(() => undefined);
    });
    await alice
      .getByTestId('attach-input')
      .setInputFiles({ name: '보내지 마.pdf', mimeType: 'application/pdf', buffer: pdf });
    const uploads = alice.getByRole('list', { name: '보내는 중인 파일' });
    await uploads.getByRole('progressbar', { name: '올리는 중: 보내지 마.pdf' }).waitFor();
    await alice.getByRole('button', { name: '취소: 보내지 마.pdf' }).click();
    await uploads.waitFor({ state: 'detached' });
    release();
    await alice.getByLabel('메시지 입력').fill('취소했어요');
    await alice.getByLabel('메시지 입력').press('Enter');
    await bob.getByRole('log').getByText('취소했어요').waitFor();
    assert.equal(await bob.getByRole('log').getByText('보내지 마.pdf').count(), 0, 'nothing sent');
  });
});

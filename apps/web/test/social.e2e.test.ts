// The social pages in Chromium (issue 19), against the real embedded server: Ana follows Ben
// from his profile (reached through the people search) and Ben's bell counts it live; Ben
// follows back from the notification. Ana posts with a tag and an image; Ben sees it in his
// feed, reacts and comments, and Ana's bell counts both live. Ana turns her account private,
// and Cho, who does not follow her, sees the private notice instead of her posts. Mentions: Ana
// picks Ben (whom she follows) with the keyboard in the composer and Cho (found by the people
// search) with a click in a comment; both names become links and both bells say so. At phone
// width: Dana's follow requests arrive live on her settings page, the bell in a chat's header
// counts a new one, and she removes a follower. Set SOCIAL_SCREENSHOTS (a folder) and
// SOCIAL_DOC_SCREENSHOT (docs/images/social-feed.png) to retake the pictures.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { skipUnlessChromium, startWebAndBrowser, stopWebAndBrowser, type WebServer } from './browser.ts';
import { cspViolations, rest, type SignedInPage, signedInPage, signUpPage } from './pages.ts';

const skip = skipUnlessChromium('social pages in Chromium');
/** Set to a folder to keep screenshots of the feed, a profile and the bell (360/1280 px, ko/en). */
const SHOTS = process.env.SOCIAL_SCREENSHOTS;
/** Set to a path to write the feed's desktop screenshot (docs/images/social-feed.png). */
const DOC_SHOT = process.env.SOCIAL_DOC_SCREENSHOT;

/** A photo as a user would post it: a sunset in a few bands of colour. */
const photo = () =>
  sharp(
    Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="420"><rect width="640" height="420" fill="#ffb347"/><rect y="210" width="640" height="210" fill="#2b4c7e"/><circle cx="320" cy="210" r="80" fill="#ff5e3a"/></svg>',
    ),
  )
    .png()
    .toBuffer();

/** The bell as a user reads it: its accessible name carries the unread count. */
const bellSays = (page: Page, unread: number) =>
  page
    .getByRole('button', { name: unread === 0 ? '알림' : `알림, 읽지 않은 알림 ${unread}개`, exact: true })
    .waitFor({ timeout: 30_000 });

async function openSocial(page: Page): Promise<void> {
  await page.getByRole('link', { name: '소셜', exact: true }).click();
  await page.getByRole('heading', { name: '소셜', exact: true }).waitFor();
}

describe('social pages in Chromium (embedded server)', { skip }, () => {
  let web: WebServer;
  let browser: Browser;
  before(async () => {
    ({ web, browser } = await startWebAndBrowser());
  });
  after(() => stopWebAndBrowser(web, browser));

  test('follow back, post with a tag and an image, react and comment live, private account', async () => {
    const tag = randomBytes(3).toString('hex');
    const anaName = `아나${tag}`;
    const benName = `벤${tag}`;
    const ana = await signUpPage(browser, web.url, anaName);
    const ben = await signUpPage(browser, web.url, benName);
    await bellSays(ben.page, 0);

    // Ana finds Ben in the people search, opens his social profile and follows him.
    await ana.page.getByRole('link', { name: '친구 찾기' }).click();
    await ana.page.getByLabel('닉네임 또는 이메일로 검색').fill(benName);
    await ana.page.getByRole('button', { name: `프로필 보기 ${benName}` }).click();
    await ana.page.getByRole('link', { name: '소셜 프로필' }).click();
    await ana.page.getByRole('heading', { name: benName }).waitFor();
    await ana.page.getByRole('button', { name: '팔로우', exact: true }).click();
    await ana.page.getByRole('button', { name: '팔로잉', exact: true }).waitFor();
    await ana.page.getByRole('link', { name: /^1\s*팔로워$/ }).waitFor();

    // Ben's bell counts it without a reload; the panel says who, and leads to Ana's profile.
    await bellSays(ben.page, 1);
    assert.equal(await ben.page.getByTestId('bell-badge').textContent(), '1');
    await ben.page.getByRole('button', { name: /^알림/ }).click();
    const benPanel = ben.page.getByRole('region', { name: '알림' });
    await benPanel.getByRole('button', { name: `${anaName}님이 나를 팔로우했어요.` }).click();
    await ben.page.getByRole('heading', { name: anaName }).waitFor();
    await bellSays(ben.page, 0);
    await ben.page.getByText('나를 팔로우해요').waitFor();
    await ben.page.getByRole('button', { name: '맞팔로우' }).click();
    await ben.page.getByRole('button', { name: '팔로잉', exact: true }).waitFor();
    await bellSays(ana.page, 1);

    // Ana posts with a tag and an image.
    await openSocial(ana.page);
    await ana.page.getByLabel('무슨 일이 있었나요?').fill(`오늘의 노을 ${tag}`);
    await ana.page.getByLabel('태그 (띄어쓰기나 쉼표로 구분)').fill('#Sunset 서울');
    await ana.page
      .getByLabel('사진 추가')
      .setInputFiles({ name: 'sunset.png', mimeType: 'image/png', buffer: await photo() });
    await ana.page.getByRole('button', { name: '게시', exact: true }).click();
    const anaPost = ana.page.getByRole('article').filter({ hasText: `오늘의 노을 ${tag}` });
    await anaPost.getByRole('link', { name: '#sunset' }).waitFor();
    await anaPost.getByRole('link', { name: '#서울' }).waitFor();

    // Ben sees it in his feed, with the image; he reacts and comments.
    await openSocial(ben.page);
    const benPost = ben.page.getByRole('article').filter({ hasText: `오늘의 노을 ${tag}` });
    await benPost.waitFor({ timeout: 30_000 });
    const img = benPost.getByRole('img', { name: `${anaName}님의 사진 1` });
    await img.waitFor();
    await benPost.locator('img.post-image').waitFor();
    assert.ok(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth > 0), 'the image loaded');
    await benPost.getByRole('button', { name: '좋아요 0' }).click();
    await benPost.getByRole('button', { name: '좋아요 1' }).waitFor();
    assert.equal(
      await benPost.getByRole('button', { name: '좋아요 1' }).getAttribute('aria-pressed'),
      'true',
    );
    await bellSays(ana.page, 2);
    await benPost.getByRole('button', { name: '댓글 0' }).click();
    await benPost.getByLabel('댓글 달기').fill('멋진 사진!');
    await benPost.getByRole('button', { name: '등록' }).click();
    await benPost.getByText('멋진 사진!').waitFor();
    await benPost.getByRole('button', { name: '댓글 1' }).waitFor();

    // Ana's bell counts both live; the comment's notification opens the post with the comment.
    await bellSays(ana.page, 3);
    await ana.page.getByRole('button', { name: /^알림/ }).click();
    const anaPanel = ana.page.getByRole('region', { name: '알림' });
    await anaPanel
      .getByRole('button', { name: `${benName}님이 내 게시물에 "좋아요" 반응을 남겼어요.` })
      .waitFor();
    await anaPanel.getByRole('button', { name: `${benName}님이 나를 팔로우했어요.` }).waitFor();
    await anaPanel.getByRole('button', { name: `${benName}님이 내 게시물에 댓글을 달았어요.` }).click();
    await ana.page.waitForURL(/\/social\/posts\/\d+$/);
    await ana.page.getByText('멋진 사진!').waitFor();
    await ana.page.getByRole('button', { name: '좋아요 1' }).waitFor();
    await bellSays(ana.page, 2);

    // Ana edits her post: the new text, marked edited.
    const own = ana.page.getByRole('article');
    await own.getByRole('button', { name: '수정', exact: true }).click();
    await own.getByLabel('무슨 일이 있었나요?').fill(`오늘의 노을 ${tag}, 한강에서`);
    await own.getByRole('button', { name: '저장' }).click();
    await own.getByText(`오늘의 노을 ${tag}, 한강에서`).waitFor();
    await own.getByText('수정됨').waitFor();

    if (SHOTS || DOC_SHOT)
      await screenshots(browser, web.url, {
        ana,
        benId: ben.userId,
        postPath: new URL(ana.page.url()).pathname,
      });

    // Ana goes private; Cho, who does not follow her, sees the notice and none of her posts.
    await ana.page.getByRole('link', { name: '설정' }).click();
    await ana.page.getByRole('checkbox', { name: '비공개 계정' }).check();
    // Saved once the switch is enabled again, checked.
    await ana.page.getByRole('checkbox', { name: '비공개 계정', checked: true, disabled: false }).waitFor();
    const cho = await signUpPage(browser, web.url, `초${tag}`);
    await cho.page.goto(`${web.url}/social/users/${ana.userId}`);
    await cho.page.getByRole('heading', { name: anaName }).waitFor();
    await cho.page
      .getByText('비공개 계정이에요. 팔로우 요청이 승인되면 게시물과 목록을 볼 수 있어요.')
      .waitFor();
    assert.equal(await cho.page.getByText(`오늘의 노을 ${tag}`).count(), 0);
    await cho.page.getByRole('button', { name: '팔로우', exact: true }).click();
    await cho.page.getByRole('button', { name: '요청됨' }).waitFor();

    assert.deepEqual(
      [
        ...(await cspViolations(ana.page)),
        ...(await cspViolations(ben.page)),
        ...(await cspViolations(cho.page)),
      ],
      [],
    );
  });

  test('mention people: picked with the keyboard in a post, with a click in a comment', async () => {
    const tag = randomBytes(3).toString('hex');
    const anaName = `아나${tag}`;
    const benName = `벤지.${tag}`;
    const choName = `초롱(${tag})`;
    const ana = await signUpPage(browser, web.url, anaName);
    const ben = await signUpPage(browser, web.url, benName);
    const cho = await signUpPage(browser, web.url, choName);
    await rest(web.url, ana.token, 'POST', `/api/social/users/${ben.userId}/follow`);
    await bellSays(ben.page, 1);
    await bellSays(cho.page, 0);

    // In the composer, `@` and part of Ben's nickname offer him (followed); arrows and Enter pick him.
    await openSocial(ana.page);
    const text = ana.page.getByLabel('무슨 일이 있었나요?');
    await text.pressSequentially(`${tag} 안녕 @벤지.${tag.slice(0, 3)}`);
    const list = ana.page.getByRole('listbox', { name: '언급할 사람' });
    const benOption = list.getByRole('option', { name: benName });
    await benOption.waitFor();
    assert.equal(await text.getAttribute('aria-controls'), await list.getAttribute('id'));
    await text.press('ArrowDown');
    await text.press('ArrowUp');
    assert.equal(await benOption.getAttribute('aria-selected'), 'true');
    assert.equal(await text.getAttribute('aria-activedescendant'), await benOption.getAttribute('id'));
    await text.press('Enter');
    await list.waitFor({ state: 'detached' });
    await text.pressSequentially('반가워요');
    assert.equal(await text.inputValue(), `${tag} 안녕 @${benName} 반가워요`);
    await ana.page.getByRole('button', { name: '게시', exact: true }).click();

    // The post links @Ben to his profile; Ben's bell says he was mentioned.
    const post = ana.page.getByRole('article', { name: `${anaName}: ${tag} 안녕` });
    const benLink = post.getByRole('link', { name: `@${benName}` });
    await benLink.waitFor();
    assert.equal(await benLink.getAttribute('href'), `/social/users/${ben.userId}`);
    await bellSays(ben.page, 2);
    await ben.page.getByRole('button', { name: /^알림/ }).click();
    await ben.page
      .getByRole('region', { name: '알림' })
      .getByRole('button', { name: `${anaName}님이 나를 언급했어요.` })
      .waitFor();

    // In a comment, Cho (not followed) comes from the search; Escape closes the list, typing
    // opens it again, and a click picks her.
    await post.getByRole('button', { name: '댓글 0' }).click();
    const comment = post.getByLabel('댓글 달기');
    await comment.pressSequentially('@초롱');
    const choOption = post.getByRole('option', { name: choName });
    await choOption.waitFor();
    await comment.press('Escape');
    await choOption.waitFor({ state: 'detached' });
    await comment.pressSequentially('(');
    await choOption.click();
    await comment.pressSequentially('님도 보세요');
    await post.getByRole('button', { name: '등록' }).click();
    const choLink = post.locator('.comment').getByRole('link', { name: `@${choName}` });
    await choLink.waitFor();
    assert.equal(await choLink.getAttribute('href'), `/social/users/${cho.userId}`);
    await post.getByText('님도 보세요').waitFor();
    await bellSays(cho.page, 1);
    await cho.page.getByRole('button', { name: /^알림/ }).click();
    await cho.page
      .getByRole('region', { name: '알림' })
      .getByRole('button', { name: `${anaName}님이 나를 언급했어요.` })
      .waitFor();

    // An edit that keeps the @name keeps the mention.
    await post.getByRole('button', { name: '수정', exact: true }).click();
    await post.getByLabel('무슨 일이 있었나요?').fill(`${tag} 안녕 @${benName} 반가워요!`);
    await post.getByRole('button', { name: '저장' }).click();
    await post.getByText('반가워요!').waitFor();
    await benLink.waitFor();

    // A link opens the profile.
    await benLink.click();
    await ana.page.getByRole('heading', { name: benName }).waitFor();

    if (SHOTS) await mentionShots(browser, web.url, ana, '@벤');
    assert.deepEqual([...(await cspViolations(ana.page)), ...(await cspViolations(ben.page))], []);
  });

  test('phone width: a follow request arrives live, the chat header bell counts, a follower is removed', async () => {
    const tag = randomBytes(3).toString('hex');
    const danaName = `다나${tag}`;
    const eriName = `에리${tag}`;
    const finName = `핀${tag}`;
    const phone = { width: 360, height: 740 };
    const dana = await signUpPage(browser, web.url, danaName, phone);
    const eri = await signUpPage(browser, web.url, eriName);
    const fin = await signUpPage(browser, web.url, finName);
    await rest(web.url, dana.token, 'PATCH', '/api/social/me/settings', { private: true });
    const room = await rest<{ id: number }>(web.url, dana.token, 'POST', '/api/rooms/direct', {
      targetUserId: eri.userId,
    });

    // Dana waits on her settings page: Eri's request shows there without a reload.
    await dana.page.goto(`${web.url}/social/me/settings`);
    const requests = dana.page.getByRole('region', { name: '팔로우 요청' });
    await requests.getByText('기다리는 요청이 없어요.').waitFor();
    await rest(web.url, eri.token, 'POST', `/api/social/users/${dana.userId}/follow`);
    await requests.getByRole('listitem').filter({ hasText: eriName }).waitFor();
    await requests.getByRole('button', { name: `수락 ${eriName}` }).click();
    await requests.getByRole('listitem').filter({ hasText: eriName }).waitFor({ state: 'detached' });
    const eriSees = await rest<{ me: string }>(web.url, eri.token, 'GET', `/api/social/users/${dana.userId}`);
    assert.equal(eriSees.me, 'FOLLOWING', 'accepting made Eri a follower');

    // In a chat at phone width the sidebar is hidden: the chat's own header has the bell.
    await dana.page.goto(`${web.url}/rooms/${room.id}`);
    const chat = dana.page.getByRole('region', { name: eriName });
    await chat.waitFor();
    await rest(web.url, fin.token, 'POST', `/api/social/users/${dana.userId}/follow`);
    await chat.getByRole('button', { name: /^알림, 읽지 않은 알림 \d+개$/ }).waitFor();
    await chat.getByRole('button', { name: /^알림/ }).click();
    await dana.page.getByRole('button', { name: new RegExp(`${finName}님이 팔로우를 요청했어요`) }).click();
    await requests.getByRole('listitem').filter({ hasText: finName }).waitFor();

    // Dana removes Eri from her followers: the row goes, and Eri follows her no more.
    await dana.page.goto(`${web.url}/social/users/${dana.userId}/followers`);
    const followers = dana.page.getByRole('region', { name: '팔로워', exact: true });
    await followers.getByRole('button', { name: `${eriName} 님을 팔로워에서 삭제` }).click();
    await followers.getByText(eriName).waitFor({ state: 'detached' });
    const after = await rest<{ me: string }>(web.url, eri.token, 'GET', `/api/social/users/${dana.userId}`);
    assert.equal(after.me, 'NONE', 'Eri no longer follows Dana');
    await Promise.all([dana, eri, fin].map((u) => u.page.context().close()));
  });
});

/** The open mention picker of the composer and of a comment at 360 and 1280 px, ko and en. */
async function mentionShots(browser: Browser, url: string, ana: SignedInPage, typed: string) {
  const session = await ana.page.evaluate(() => localStorage.getItem('chat.session'));
  for (const lang of ['ko', 'en'] as const) {
    for (const width of [360, 1280]) {
      const page = await signedInPage(browser, session, lang, width);
      const shot = (name: string) =>
        page.screenshot({ path: join(SHOTS!, `social-${name}-${lang}-${width}.png`) });
      await page.goto(`${url}/social`);
      await page.locator('.post-composer textarea').pressSequentially(typed);
      await page.locator('.mention-picker [role=option]').first().waitFor();
      await shot('mention');
      await page.locator('.post-composer textarea').fill('');
      await page.locator('.comments-toggle').first().click();
      await page.locator('.comment-form input').first().pressSequentially(typed);
      await page.locator('.mention-picker [role=option]').first().waitFor();
      await shot('mention-comment');
      await page.context().close();
    }
  }
}

/** The feed, a profile and the bell at 360 and 1280 px, in Korean and English, as Ana. */
async function screenshots(
  browser: Browser,
  url: string,
  s: { ana: SignedInPage; benId: number; postPath: string },
): Promise<void> {
  const session = await s.ana.page.evaluate(() => localStorage.getItem('chat.session'));
  for (const lang of ['ko', 'en'] as const) {
    for (const width of [360, 1280]) {
      if (!SHOTS && (lang !== 'ko' || width !== 1280)) continue;
      const page = await signedInPage(browser, session, lang, width);
      await page.goto(`${url}/social`);
      await page.locator('img.post-image').first().waitFor();
      if (DOC_SHOT && lang === 'ko' && width === 1280) {
        mkdirSync(join(DOC_SHOT, '..'), { recursive: true });
        await page.screenshot({ path: DOC_SHOT });
      }
      if (SHOTS) {
        mkdirSync(SHOTS, { recursive: true });
        const shot = (name: string) =>
          page.screenshot({ path: join(SHOTS, `social-${name}-${lang}-${width}.png`) });
        await shot('feed');
        await page.getByRole('button', { name: lang === 'ko' ? /^알림/ : /^Notifications/ }).click();
        await page.getByRole('region', { name: lang === 'ko' ? '알림' : 'Notifications' }).waitFor();
        await page.locator('.bell-item').first().waitFor();
        await shot('bell');
        await page.keyboard.press('Escape');
        await page.goto(`${url}/social/users/${s.benId}`);
        await page.getByText(lang === 'ko' ? '아직 게시물이 없어요.' : 'No posts yet.').waitFor();
        await shot('profile');
        await page.goto(`${url}${s.postPath}`);
        await page.locator('.comment').first().waitFor();
        await shot('post');
        await page.goto(`${url}/social/me/settings`);
        await page.getByRole('checkbox').waitFor();
        await shot('settings');
      }
      await page.context().close();
    }
  }
}

// The service worker: shows Web Push notifications, nothing while one of the user's pages is
// visible, and opens what they are about on click. Two payloads: a message's
// {roomId, roomName, direct, senderNickname, preview, mentioned, messageId}, one notification
// per room (a newer one replaces it); and a social notification's
// {type: 'social', notificationId, kind, actorId, actorNickname, postId, entryId, reaction}.
// Plain JavaScript served as is from /sw.js (scope: the whole client).
const TEXT = {
  ko: {
    newMessage: '새 메시지가 왔어요',
    mentioned: '회원님을 언급했어요',
    social: {
      NEW_FOLLOWER: '회원님을 팔로우하기 시작했어요',
      FOLLOW_REQUEST: '팔로우를 요청했어요',
      COMMENT: '게시물에 댓글을 남겼어요',
      REPLY: '댓글에 답글을 남겼어요',
      REACTION: '게시물에 반응했어요',
      MENTION: '회원님을 언급했어요',
      GUESTBOOK: '방명록에 글을 남겼어요',
    },
  },
  en: {
    newMessage: 'New message',
    mentioned: 'mentioned you',
    social: {
      NEW_FOLLOWER: 'started following you',
      FOLLOW_REQUEST: 'asked to follow you',
      COMMENT: 'commented on your post',
      REPLY: 'replied to your comment',
      REACTION: 'reacted to your post',
      MENTION: 'mentioned you',
      GUESTBOOK: 'wrote in your guestbook',
    },
  },
};

/** The page a social notification opens. */
function socialUrl(data) {
  if (data.kind === 'GUESTBOOK') return '/social/me/room';
  if (typeof data.postId === 'number') return `/social/posts/${data.postId}`;
  return `/social/users/${data.actorId}`;
}

/** A social notification's title, text, tag and page. */
function socialNotification(data, t) {
  return {
    title: data.actorNickname,
    body: t.social[data.kind] ?? t.social.MENTION,
    tag: `social-${data.notificationId}`,
    url: socialUrl(data),
  };
}

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('push', (event) => {
  let data;
  try {
    data = event.data ? event.data.json() : null;
  } catch {
    data = null;
  }
  const social = data?.type === 'social' && typeof data.actorId === 'number';
  if (!data || (!social && typeof data.roomId !== 'number')) return;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      if (windows.some((w) => w.visibilityState === 'visible')) return;
      const t = (self.navigator.language || 'ko').toLowerCase().startsWith('ko') ? TEXT.ko : TEXT.en;
      if (social) {
        const n = socialNotification(data, t);
        await self.registration.showNotification(n.title, { body: n.body, tag: n.tag, data: { url: n.url } });
        return;
      }
      const title = data.direct || !data.roomName ? data.senderNickname : data.roomName;
      const what = data.preview === null ? (data.mentioned ? t.mentioned : t.newMessage) : data.preview;
      const body = data.direct ? what : `${data.senderNickname}: ${what}`;
      await self.registration.showNotification(title, {
        body,
        tag: `room-${data.roomId}`,
        renotify: true,
        data: { url: `/rooms/${data.roomId}` },
      });
    })(),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = event.notification.data?.url ?? '/';
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      for (const w of windows) {
        if (new URL(w.url).origin !== self.location.origin) continue;
        await w.focus();
        await w.navigate(url);
        return;
      }
      await self.clients.openWindow(url);
    })(),
  );
});

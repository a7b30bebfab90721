// The service worker: shows Web Push notifications (the server's push payload:
// {roomId, roomName, direct, senderNickname, preview, mentioned, messageId}), one per room
// (a newer one replaces it), nothing while one of the user's pages is visible, and opens the
// room on click. Plain JavaScript served as is from /sw.js (scope: the whole client).
const TEXT = {
  ko: { newMessage: '새 메시지가 왔어요', mentioned: '회원님을 언급했어요' },
  en: { newMessage: 'New message', mentioned: 'mentioned you' },
};

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('push', (event) => {
  let data;
  try {
    data = event.data ? event.data.json() : null;
  } catch {
    data = null;
  }
  if (!data || typeof data.roomId !== 'number') return;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      if (windows.some((w) => w.visibilityState === 'visible')) return;
      const t = (self.navigator.language || 'ko').toLowerCase().startsWith('ko') ? TEXT.ko : TEXT.en;
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

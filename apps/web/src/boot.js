// Runs before the first paint (a classic script in <head>, while the app's module still loads):
// marks <html> with the screen the app is about to open, so src/styles.css paints that screen's
// backdrop at once. A chat room opened by its address (a link, a notification, a reload) is on
// the room's background from the first frame instead of a white page that turns blue when the
// app has loaded. Plain JavaScript, not bundled: vite.config.ts puts it in <head> (the CSP
// allows no inline script), under /assets with a content hash.
(() => {
  let signedIn = false;
  try {
    signedIn = Boolean(localStorage.getItem('chat.session'));
  } catch {
    // No storage: the app shows the login, on the page's white.
  }
  // A room's address, as src/app/router.ts reads it.
  if (signedIn && /^\/rooms\/\d+\/?$/.test(location.pathname)) {
    document.documentElement.dataset.boot = 'room';
  }
})();

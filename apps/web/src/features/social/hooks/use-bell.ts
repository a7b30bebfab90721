// The notification bell's state for the whole signed-in app: the unread count (read at start and
// after every reconnect), live events on /user/queue/notifications, and the list a page at a time.
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { Services } from '../../../app/services.ts';
import { useOneAtATime } from '../../../lib/one-at-a-time.ts';
import { socialApi } from '../api/social-api.ts';
import { NOTIFICATIONS_DESTINATION, type Notification } from '../api/types.ts';
import {
  type Bell,
  bellAllRead,
  bellEvent,
  bellPage,
  bellRead,
  emptyBell,
  isNotificationEvent,
} from '../state/notifications.ts';

export interface BellControl {
  readonly bell: Bell;
  readonly error: string | null;
  /** The next page is on its way ("more" does nothing meanwhile). */
  readonly loadingMore: boolean;
  /** Reads the first page (when the panel opens). */
  load(): void;
  more(): void;
  read(n: Notification): void;
  readAll(): void;
}

export function useBell({ api, realtime }: Services): BellControl {
  const social = useMemo(() => socialApi(api), [api]);
  const [bell, setBell] = useState<Bell>(emptyBell);
  const [error, setError] = useState<string | null>(null);
  const loadingMore = useOneAtATime();

  useEffect(() => {
    let live = true;
    const count = () =>
      social
        .unreadCount()
        .then((c) => live && setBell((b) => ({ ...b, unread: c.count })))
        .catch(() => {});
    const off = realtime.subscribe(NOTIFICATIONS_DESTINATION, (body) => {
      if (isNotificationEvent(body)) setBell((b) => bellEvent(b, body));
    });
    const offConnected = realtime.onConnected(() => void count());
    void count();
    return () => {
      live = false;
      off();
      offConnected();
    };
  }, [social, realtime]);

  const fail = (e: Error) => setError(e.message);
  const load = useCallback(() => {
    setError(null);
    social
      .notifications()
      .then((p) => setBell((b) => bellPage(b, p, true)))
      .catch(fail);
  }, [social]);
  const more = useCallback(() => {
    const next = bell.next;
    if (next === null) return;
    void loadingMore.run(() =>
      social
        .notifications(next)
        .then((p) => setBell((b) => bellPage(b, p, false)))
        .catch(fail),
    );
  }, [social, bell.next, loadingMore.run]);
  const read = useCallback(
    (n: Notification) => {
      if (n.read) return;
      setBell((b) => bellRead(b, n.id));
      social.markRead(n.id).catch(fail);
    },
    [social],
  );
  const readAll = useCallback(() => {
    setBell(bellAllRead);
    social.markAllRead().catch(fail);
  }, [social]);
  return { bell, error, loadingMore: loadingMore.busy, load, more, read, readAll };
}

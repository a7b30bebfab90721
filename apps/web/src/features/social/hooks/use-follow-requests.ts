// Follow requests waiting for my answer, a page at a time, with new ones arriving live (the
// FOLLOW_REQUEST notifications on /user/queue/notifications), accepted or declined here.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import { NOTIFICATIONS_DESTINATION } from '../api/types.ts';
import { type Requester, requestsAfterEvent, requestsWithPage } from '../state/follow-requests.ts';
import { isNotificationEvent } from '../state/notifications.ts';
import { useSocial } from './use-social.ts';

export interface FollowRequests {
  /** null until the first page is read. */
  readonly requests: Requester[] | null;
  readonly next: number | null;
  /** Reads the first page again (cursor null) or the next one. */
  load(cursor: number | null): Promise<void>;
  answer(userId: number, accept: boolean): Promise<void>;
}

export function useFollowRequests(onError: (message: string) => void): FollowRequests {
  const social = useSocial();
  const { realtime } = useServices();
  const [requests, setRequests] = useState<Requester[] | null>(null);
  const [next, setNext] = useState<number | null>(null);

  const load = useCallback(
    (cursor: number | null) =>
      social
        .requests(cursor)
        .then((p) => {
          setRequests((r) => requestsWithPage(r, p.users, cursor === null));
          setNext(p.nextCursor);
        })
        .catch((e: Error) => onError(e.message)),
    [social],
  );
  useEffect(() => {
    void load(null);
    const off = realtime.subscribe(NOTIFICATIONS_DESTINATION, (body) => {
      if (isNotificationEvent(body)) setRequests((r) => requestsAfterEvent(r, body));
    });
    // A request made while the connection was down (or not up yet) came with no live notice.
    const offConnected = realtime.onConnected(() => void load(null));
    return () => {
      off();
      offConnected();
    };
  }, [load, realtime]);

  const answer = async (userId: number, accept: boolean) => {
    try {
      await (accept ? social.accept(userId) : social.decline(userId));
      setRequests((r) => r?.filter((u) => u.id !== userId) ?? null);
    } catch (e) {
      onError((e as Error).message);
    }
  };
  return { requests, next, load, answer };
}

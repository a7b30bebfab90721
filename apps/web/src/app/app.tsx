import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { AccountScreen } from '../features/account/components/account-screen.tsx';
import { AdminScreen } from '../features/admin/components/admin-screen.tsx';
import { AuthScreen } from '../features/auth/components/auth-screen.tsx';
import { ChatList } from '../features/chats/components/chat-list.tsx';
import { useRoomOutsideList } from '../features/chats/hooks/use-room-outside-list.ts';
import { useRooms } from '../features/chats/hooks/use-rooms.ts';
import { roomTitle } from '../features/chats/state/chat-list.ts';
import { NewGroup } from '../features/groups/components/new-group.tsx';
import { MembersPanel } from '../features/members/components/members-panel.tsx';
import { PeopleSearch } from '../features/people/components/people-search.tsx';
import { MyProfile } from '../features/profile/components/my-profile.tsx';
import { ProfileView } from '../features/profile/components/profile-view.tsx';
import { RoomView } from '../features/room/components/room-view.tsx';
import { clearDrafts, sessionDrafts } from '../features/room/state/drafts.ts';
import { MessageSearch } from '../features/search/components/message-search.tsx';
import { RoomSearch } from '../features/search/components/room-search.tsx';
import { NotificationBell } from '../features/social/components/notification-bell.tsx';
import { SocialScreen } from '../features/social/components/social-screen.tsx';
import { useBell } from '../features/social/hooks/use-bell.ts';
import { StoreAdmin } from '../features/store/components/admin/store-admin.tsx';
import { EmoticonPicker } from '../features/store/components/emoticon-picker.tsx';
import { StoreScreen } from '../features/store/components/store-screen.tsx';
import { createI18n, I18nContext, useI18n } from '../i18n/i18n.ts';
import { initialLang, type Lang } from '../i18n/messages.ts';
import { browserRefreshLock, createApi } from '../lib/http.ts';
import { type ConnectionStatus, createRealtime } from '../lib/realtime.ts';
import {
  fromAuth,
  loadSession,
  onStoredSession,
  readSharedSession,
  type Session,
  saveSession,
  writeSharedSession,
} from '../lib/session.ts';
import { navigate, useRoute } from './router.ts';
import { type Services, ServicesContext, useServices } from './services.ts';

export function App() {
  const [lang, setLangState] = useState<Lang>(() =>
    initialLang(localStorage.getItem('chat.lang'), navigator.language),
  );
  const setLang = useCallback((l: Lang) => {
    localStorage.setItem('chat.lang', l);
    setLangState(l);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const i18n = useMemo(() => createI18n(lang, setLang), [lang, setLang]);
  const [session, setSessionState] = useState<Session | null>(loadSession);
  const setSession = useCallback((s: Session | null) => {
    saveSession(s);
    setSessionState(s);
  }, []);

  return (
    <I18nContext.Provider value={i18n}>
      {session ? (
        <SignedIn key={session.userId} session={session} setSession={setSession} />
      ) : (
        <AuthScreen onAuthenticated={(r) => setSession(fromAuth(r))} />
      )}
    </I18nContext.Provider>
  );
}

function SignedIn({ session, setSession }: { session: Session; setSession(s: Session | null): void }) {
  const { services, adopt } = useMemo(() => {
    // The holder reads the freshest tokens (a refresh rotates them) without re-creating clients.
    let current: Session | null = session;
    const holder = {
      get: () => current,
      set: (s: Session | null) => {
        current = s;
        saveSession(s);
        if (!s) setSession(null);
      },
    };
    // Refreshes are single-flight across tabs; after the lock, tokens another tab stored win.
    const api = createApi(holder, {
      lock: browserRefreshLock,
      stored: readSharedSession,
      share: writeSharedSession,
    });
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const realtime = createRealtime({
      url: `${proto}//${location.host}/ws`,
      // Before each (re)connect: check the token still works, refreshing it if it expired.
      token: async () => {
        // Bounded: a check that hangs must not stall the reconnect loop.
        const check = api.request('GET', '/api/users/me').catch(() => {});
        await Promise.race([check, new Promise((r) => setTimeout(r, 5000))]);
        return current?.token ?? null;
      },
    });
    const services: Services = { api, realtime, me: session };
    const adopt = (s: Session) => {
      current = s;
    };
    return { services, adopt };
  }, [session.userId]);
  useEffect(() => () => void services.realtime.stop(), [services]);
  // Another tab rotated the tokens (take them), signed out, or signed in as someone else.
  useEffect(
    () =>
      onStoredSession((s) => {
        if (s?.userId === session.userId) adopt(s);
        else setSession(s);
      }),
    [adopt, session.userId, setSession],
  );

  return (
    <ServicesContext.Provider value={services}>
      <Shell onLogout={() => setSession(null)} />
    </ServicesContext.Provider>
  );
}

function Shell({ onLogout }: { onLogout(): void }) {
  const services = useServices();
  const { t, lang, setLang, name } = useI18n();
  const route = useRoute();
  const openRoomId = route.name === 'room' ? route.roomId : null;
  const { rooms, error, reload, markRead, updateRoom } = useRooms(services, openRoomId, () => navigate('/'));
  const [status, setStatus] = useState<ConnectionStatus>(services.realtime.status);
  const bell = useBell(services);
  useEffect(() => services.realtime.onStatus(setStatus), [services]);

  const signOut = () => {
    clearDrafts(sessionDrafts(), services.me.userId);
    onLogout();
    navigate('/');
  };
  const logout = async () => {
    await services.api.request('POST', '/api/auth/logout').catch(() => {});
    signOut();
  };
  const openRoom = (id: number) => {
    navigate(`/rooms/${id}`);
    if (!rooms?.some((r) => r.id === id)) void reload();
  };
  const listed = rooms?.find((r) => r.id === openRoomId);
  const outside = useRoomOutsideList(openRoomId, rooms);
  const room = listed ?? outside;
  // profiles, groups, members (w-groups): which dialog is open, and my nickname as last saved.
  const [dialog, setDialog] = useState<Dialog>(null);
  const [myNickname, setMyNickname] = useState(services.me.nickname);
  // The sidebar (with its bell) is hidden on narrow screens while a pane is open: each pane's
  // header carries this one instead (shown on narrow screens only).
  const narrowBell = <NotificationBell control={bell} onNavigate={navigate} class="bell-narrow" />;
  const openProfile = (userId: number) =>
    setDialog(userId === services.me.userId ? { kind: 'me' } : { kind: 'user', userId });

  return (
    <div
      class={`shell ${openRoomId || route.name === 'account' || route.name === 'admin' || route.name === 'store' || route.name === 'social' ? 'has-room' : ''}`}
    >
      {status === 'offline' ? (
        <div class="offline" role="status">
          {t('offline')}
        </div>
      ) : null}
      <aside class="sidebar">
        <header class="topbar">
          <h1>{t('appName')}</h1>
          <NotificationBell control={bell} onNavigate={navigate} />
          <button
            type="button"
            class="link me"
            aria-label={`${t('myProfile')}: ${myNickname}`}
            onClick={() => setDialog({ kind: 'me' })}
          >
            {myNickname}
          </button>
          <button
            type="button"
            class="link"
            lang={lang === 'ko' ? 'en' : 'ko'}
            onClick={() => setLang(lang === 'ko' ? 'en' : 'ko')}
          >
            {t('language')}
          </button>
          {services.me.role === 'ROLE_ADMIN' ? (
            <a
              href="/admin"
              class="link"
              aria-current={route.name === 'admin' ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                navigate('/admin');
              }}
            >
              {t('admin')}
            </a>
          ) : null}
          <button type="button" class="link" onClick={() => void logout()}>
            {t('logout')}
          </button>
        </header>
        <nav class="tabs" aria-label={t('appName')}>
          <a
            href="/"
            aria-current={
              route.name !== 'people' && route.name !== 'store' && route.name !== 'social'
                ? 'page'
                : undefined
            }
            onClick={(e) => {
              e.preventDefault();
              navigate('/');
              void reload();
            }}
          >
            {t('chats')}
          </a>
          <a
            href="/people"
            aria-current={route.name === 'people' ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              navigate('/people');
            }}
          >
            {t('people')}
          </a>
          <a
            href="/store"
            aria-current={route.name === 'store' ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              navigate('/store');
            }}
          >
            {t('shop')}
          </a>
          <a
            href="/social"
            aria-current={route.name === 'social' ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              navigate('/social');
            }}
          >
            {t('social')}
          </a>
        </nav>
        {route.name === 'people' ? (
          <PeopleSearch onOpenRoom={openRoom} onOpenProfile={openProfile} />
        ) : (
          <MessageSearch onOpenRoom={openRoom}>
            <div class="list-actions">
              <button type="button" class="secondary" onClick={() => setDialog({ kind: 'newGroup' })}>
                + {t('newGroup')}
              </button>
            </div>
            <ChatList rooms={rooms} error={error} openRoomId={openRoomId} onOpen={openRoom} />
          </MessageSearch>
        )}
      </aside>
      <main class="main">
        {route.name === 'account' ? (
          <AccountScreen onBack={() => navigate('/')} onDeleted={signOut} bell={narrowBell} />
        ) : route.name === 'admin' ? (
          <AdminScreen
            onBack={() => navigate('/')}
            tab={route.tab}
            onTab={navigate}
            renderStore={() => <StoreAdmin />}
            bell={narrowBell}
          />
        ) : route.name === 'social' ? (
          <SocialScreen page={route.page} bell={bell} onNavigate={navigate} onBack={() => navigate('/')} />
        ) : route.name === 'store' ? (
          <StoreScreen
            page={route.page}
            onNavigate={navigate}
            onBack={() => navigate('/')}
            bell={narrowBell}
          />
        ) : openRoomId ? (
          <RoomView
            key={openRoomId}
            roomId={openRoomId}
            title={room ? name(roomTitle(room)) : ''}
            onBack={() => navigate('/')}
            onRead={markRead}
            closed={Boolean(room?.closedAt)}
            peerId={room?.type === 'DIRECT' ? room.peer?.userId : undefined}
            bell={narrowBell}
            renderSearch={() => <RoomSearch roomId={openRoomId} />}
            renderEmoticons={
              room?.closedAt
                ? undefined
                : (pick) => <EmoticonPicker onPick={pick} onOpenShop={() => navigate('/store')} />
            }
            renderMembers={() => (
              <MembersPanel
                roomId={openRoomId}
                summary={listed}
                onSettings={(summary, hidden) => {
                  updateRoom(summary, hidden);
                  if (hidden) navigate('/');
                }}
                onOpenProfile={openProfile}
                onLeft={() => {
                  navigate('/');
                  void reload();
                }}
              />
            )}
          />
        ) : (
          <p class="empty pick">{t('pickChat')}</p>
        )}
      </main>
      {dialog?.kind === 'me' ? (
        <MyProfile
          onClose={() => setDialog(null)}
          onSaved={(p) => {
            setMyNickname(p.nickname);
            const stored = loadSession();
            if (stored) saveSession({ ...stored, nickname: p.nickname });
          }}
          onLogout={() => void logout()}
          onAccount={() => {
            setDialog(null);
            navigate('/account');
          }}
        />
      ) : dialog?.kind === 'user' ? (
        <ProfileView
          userId={dialog.userId}
          onClose={() => setDialog(null)}
          onOpenSocial={() => {
            setDialog(null);
            navigate(`/social/users/${dialog.userId}`);
          }}
        />
      ) : dialog?.kind === 'newGroup' ? (
        <NewGroup
          onClose={() => setDialog(null)}
          onCreated={(id) => {
            setDialog(null);
            openRoom(id);
          }}
        />
      ) : null}
    </div>
  );
}

type Dialog = { kind: 'me' } | { kind: 'user'; userId: number } | { kind: 'newGroup' } | null;

// UI strings, Korean first. A key missing in English falls back to Korean at type level never:
// both tables have exactly the same keys.
export const ko = {
  appName: '채팅',
  login: '로그인',
  signup: '회원가입',
  logout: '로그아웃',
  email: '이메일',
  password: '비밀번호',
  nickname: '닉네임',
  passwordHint: '8~72자',
  haveAccount: '이미 계정이 있어요',
  noAccount: '처음이신가요? 회원가입',
  chats: '채팅',
  people: '친구 찾기',
  searchPeople: '닉네임 또는 이메일로 검색',
  noChats: '아직 대화가 없어요. 친구 찾기에서 대화를 시작하세요.',
  noResults: '검색 결과가 없어요.',
  startChat: '대화하기',
  unread: '안 읽은 메시지',
  back: '뒤로',
  messageInput: '메시지 입력',
  send: '전송',
  sending: '전송 중',
  failed: '전송 실패',
  retry: '다시 보내기',
  discard: '삭제',
  offline: '연결이 끊겼어요. 다시 연결하는 중…',
  loadingOlder: '이전 메시지 불러오는 중…',
  tooLong: '메시지는 5,000자까지 보낼 수 있어요.',
  pickChat: '대화를 선택하세요.',
  messages: '메시지',
  language: 'English',
  genericError: '문제가 생겼어요. 잠시 후 다시 시도해 주세요.',
  wrongCredentials: '이메일 또는 비밀번호가 맞지 않아요.',
  emailTaken: '이미 가입된 이메일이에요.',
  invalidField: '입력값을 확인해 주세요.',
  me: '나',
  // room view: unread numbers, presence, typing, jump to latest (w-room)
  notReadBy: '명 안 읽음',
  presenceOnline: '온라인',
  presenceOffline: '오프라인',
  typingOne: '{names}님이 입력 중…',
  typingMany: '{names}님이 입력 중…',
  jumpToLatest: '최근 메시지로 이동',
  newMessages: '새 메시지 {n}개',
} as const;

export type MessageKey = keyof typeof ko;

export const en: Record<MessageKey, string> = {
  appName: 'Chat',
  login: 'Log in',
  signup: 'Sign up',
  logout: 'Log out',
  email: 'Email',
  password: 'Password',
  nickname: 'Nickname',
  passwordHint: '8 to 72 characters',
  haveAccount: 'I already have an account',
  noAccount: 'New here? Sign up',
  chats: 'Chats',
  people: 'Find people',
  searchPeople: 'Search by nickname or email',
  noChats: 'No chats yet. Find people to start one.',
  noResults: 'Nobody found.',
  startChat: 'Chat',
  unread: 'unread messages',
  back: 'Back',
  messageInput: 'Message',
  send: 'Send',
  sending: 'Sending',
  failed: 'Not sent',
  retry: 'Retry',
  discard: 'Delete',
  offline: 'Offline. Reconnecting…',
  loadingOlder: 'Loading earlier messages…',
  tooLong: 'Messages can be at most 5,000 characters.',
  pickChat: 'Pick a chat.',
  messages: 'Messages',
  language: '한국어',
  genericError: 'Something went wrong. Please try again.',
  wrongCredentials: 'Wrong email or password.',
  emailTaken: 'This email is already registered.',
  invalidField: 'Please check this field.',
  me: 'Me',
  // room view: unread numbers, presence, typing, jump to latest (w-room)
  notReadBy: ' not read yet',
  presenceOnline: 'online',
  presenceOffline: 'offline',
  typingOne: '{names} is typing…',
  typingMany: '{names} are typing…',
  jumpToLatest: 'Jump to the latest message',
  newMessages: '{n} new',
};

export type Lang = 'ko' | 'en';
export const tables: Record<Lang, Record<MessageKey, string>> = { ko, en };

/** Korean unless the browser prefers English (or the user chose it). */
export function initialLang(stored: string | null, navigatorLang: string | undefined): Lang {
  if (stored === 'ko' || stored === 'en') return stored;
  return navigatorLang?.toLowerCase().startsWith('en') ? 'en' : 'ko';
}

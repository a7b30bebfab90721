import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { type Lang, type MessageKey, tables } from './messages.ts';

/**
 * The name the server gives a user it has no name for: a deleted account (their messages stay)
 * or one chat has not heard of yet. Shown as "알 수 없는 사용자" / "Deleted user".
 */
export const UNKNOWN_USER = '(unknown)';

export interface I18n {
  lang: Lang;
  t(key: MessageKey): string;
  /** A user's nickname as shown: the server's name-less user in the reader's words. */
  name(nickname: string): string;
  setLang(lang: Lang): void;
  time(iso: string | number): string;
}

export function createI18n(lang: Lang, setLang: (l: Lang) => void): I18n {
  const fmt = new Intl.DateTimeFormat(lang === 'ko' ? 'ko-KR' : 'en-US', {
    hour: 'numeric',
    minute: '2-digit',
  });
  const t = (k: MessageKey) => tables[lang][k];
  return {
    lang,
    setLang,
    t,
    name: (n) => (n === UNKNOWN_USER ? t('deletedUser') : n),
    time: (v) => fmt.format(new Date(v)),
  };
}

export const I18nContext = createContext<I18n>(createI18n('ko', () => {}));
export const useI18n = () => useContext(I18nContext);

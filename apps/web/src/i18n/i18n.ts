import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { type Lang, type MessageKey, tables } from './messages.ts';

export interface I18n {
  lang: Lang;
  t(key: MessageKey): string;
  setLang(lang: Lang): void;
  time(iso: string | number): string;
}

export function createI18n(lang: Lang, setLang: (l: Lang) => void): I18n {
  const fmt = new Intl.DateTimeFormat(lang === 'ko' ? 'ko-KR' : 'en-US', {
    hour: 'numeric',
    minute: '2-digit',
  });
  return { lang, setLang, t: (k) => tables[lang][k], time: (v) => fmt.format(new Date(v)) };
}

export const I18nContext = createContext<I18n>(createI18n('ko', () => {}));
export const useI18n = () => useContext(I18nContext);

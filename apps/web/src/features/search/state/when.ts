// When a found message was sent, as short as the list needs: the time today, the day this
// year, the date before.

export function whenLabel(iso: string, now: Date, lang: 'ko' | 'en'): string {
  const at = new Date(iso);
  const locale = lang === 'ko' ? 'ko-KR' : 'en-US';
  if (at.toDateString() === now.toDateString()) {
    return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(at);
  }
  if (at.getFullYear() === now.getFullYear()) {
    return new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric' }).format(at);
  }
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric' }).format(at);
}

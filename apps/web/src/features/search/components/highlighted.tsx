import { segments } from '../state/highlight.ts';

/** Text with the given code-point ranges in <mark> (text nodes only, never markup). */
export function Highlighted({ text, ranges }: { text: string; ranges: readonly (readonly number[])[] }) {
  return <>{segments(text, ranges).map((s, i) => (s.mark ? <mark key={i}>{s.text}</mark> : s.text))}</>;
}

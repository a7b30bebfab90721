export function Avatar({ name, size = 'md' }: { name: string; size?: 'sm' | 'md' }) {
  let h = 0;
  for (const ch of name) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return (
    <span class={`avatar avatar-${size} avatar-c${h % 6}`} aria-hidden="true">
      {[...name][0] ?? '?'}
    </span>
  );
}

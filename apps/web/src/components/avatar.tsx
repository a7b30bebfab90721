import { useState } from 'preact/hooks';

interface Props {
  name: string;
  /** The profile image; the initial shows when there is none or it fails to load. */
  imageUrl?: string | null | undefined;
  size?: 'sm' | 'md' | 'lg';
}

export function Avatar({ name, imageUrl, size = 'md' }: Props) {
  const [failed, setFailed] = useState<string | null>(null);
  let h = 0;
  for (const ch of name) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  const showImage = imageUrl && failed !== imageUrl;
  return (
    <span class={`avatar avatar-${size} avatar-c${h % 6}`} aria-hidden="true">
      {showImage ? (
        <img
          class="avatar-img"
          src={imageUrl}
          alt=""
          referrerPolicy="no-referrer"
          loading="lazy"
          onError={() => setFailed(imageUrl)}
        />
      ) : (
        ([...name][0] ?? '?')
      )}
    </span>
  );
}

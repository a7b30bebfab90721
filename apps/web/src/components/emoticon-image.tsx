// An emoticon: its image (public, no token), or its alt text drawn large when the image fails.
import { useState } from 'preact/hooks';

interface Props {
  imageUrl: string;
  alt: string;
  /** sm: picker and cards' small tiles; md: grids; lg: in a chat. */
  size?: 'sm' | 'md' | 'lg';
  /** Named by its container (a button that says what it does): no alt of its own. */
  decorative?: boolean;
}

export function EmoticonImage({ imageUrl, alt, size = 'md', decorative = false }: Props) {
  const [failed, setFailed] = useState<string | null>(null);
  if (failed === imageUrl) {
    return (
      <span
        class={`emoticon emoticon-${size} emoticon-alt`}
        {...(decorative ? { 'aria-hidden': 'true' } : { role: 'img', 'aria-label': alt })}
      >
        {alt}
      </span>
    );
  }
  return (
    <img
      class={`emoticon emoticon-${size}`}
      src={imageUrl}
      alt={decorative ? '' : alt}
      loading="lazy"
      decoding="async"
      onError={() => setFailed(imageUrl)}
    />
  );
}

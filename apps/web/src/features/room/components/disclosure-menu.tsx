import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

interface Props {
  label: string;
  icon: string;
  class?: string;
  menuClass?: string;
  /** The menu's items; `close` shuts the menu (call it when an item is picked). */
  children(close: () => void): ComponentChildren;
}

type Place = Partial<Record<'top' | 'bottom' | 'left' | 'right', string>>;

const EDGE = 8;
/** Below this width the menus open as a sheet (styles.css), placed by CSS alone. */
const SHEET = '(max-width: 600px)';

/**
 * Where the menu goes, in the viewport (fixed): below its button, or above it when the button
 * sits in the lower half; against the button's outer edge, never past the screen's.
 */
export function placeMenu(button: DOMRect, viewport: { width: number; height: number }): Place {
  const place: Place =
    button.top > viewport.height / 2
      ? { bottom: `${viewport.height - button.top + 4}px` }
      : { top: `${button.bottom + 4}px` };
  if (button.left > viewport.width / 2) place.right = `${Math.max(EDGE, viewport.width - button.right)}px`;
  else place.left = `${Math.max(EDGE, button.left)}px`;
  return place;
}

/**
 * A small menu behind a button, on a native disclosure (keyboard-ready). Its items exist only
 * while it is open: a message list shows many of these, and its DOM stays small.
 */
export function DisclosureMenu({ label, icon, children, ...p }: Props) {
  const [place, setPlace] = useState<Place | null>(null);
  const close = () => setPlace(null);
  return (
    <details
      class={`msg-actions${p.class ? ` ${p.class}` : ''}`}
      open={place !== null}
      onToggle={(e) => {
        const el = e.currentTarget as HTMLDetailsElement;
        if (!el.open) return close();
        const sheet = window.matchMedia(SHEET).matches;
        const rect = el.querySelector('summary')?.getBoundingClientRect();
        setPlace(
          sheet || !rect ? {} : placeMenu(rect, { width: window.innerWidth, height: window.innerHeight }),
        );
      }}
    >
      <summary aria-label={label}>{icon}</summary>
      {place ? (
        <div class={`msg-actions-menu${p.menuClass ? ` ${p.menuClass}` : ''}`} style={place}>
          {children(close)}
        </div>
      ) : null}
    </details>
  );
}

// An in-app link: a real <a href> (open in a new tab works), navigating without a reload.
import type { ComponentChildren } from 'preact';

interface Props {
  href: string;
  onNavigate(path: string): void;
  children: ComponentChildren;
  class?: string;
  current?: boolean;
  label?: string;
}

export function Link({ href, onNavigate, children, class: cls, current, label }: Props) {
  return (
    <a
      href={href}
      class={cls}
      aria-current={current ? 'page' : undefined}
      aria-label={label}
      onClick={(e) => {
        if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        onNavigate(href);
      }}
    >
      {children}
    </a>
  );
}

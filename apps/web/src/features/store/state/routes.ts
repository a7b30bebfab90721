// The shop's addresses: `/store` (catalog), `/store/items/{id}`, `/store/orders/{id}` (where a
// card payment comes back), `/store/me` and `/store/points` (top-ups: where their card payment
// comes back). Framework-free.

export type StorePage =
  | { kind: 'catalog' }
  | { kind: 'item'; id: number }
  | { kind: 'order'; id: number }
  | { kind: 'me' }
  | { kind: 'points' };

/** The shop page of a path, or null when the path is not the shop's. */
export function parseStorePath(path: string): StorePage | null {
  const m = /^\/store(?:\/(items|orders)\/(\d+)|\/(me|points))?\/?$/.exec(path);
  if (!m) return null;
  if (m[1]) {
    const id = Number(m[2]);
    if (!Number.isSafeInteger(id) || id < 1) return null;
    return m[1] === 'items' ? { kind: 'item', id } : { kind: 'order', id };
  }
  if (m[3] === 'points') return { kind: 'points' };
  return m[3] ? { kind: 'me' } : { kind: 'catalog' };
}

export function storePath(page: StorePage): string {
  switch (page.kind) {
    case 'catalog':
      return '/store';
    case 'me':
      return '/store/me';
    case 'points':
      return '/store/points';
    case 'item':
      return `/store/items/${page.id}`;
    case 'order':
      return `/store/orders/${page.id}`;
  }
}

/** Where the header's back button goes from a page (the catalog's leaves the shop: null). */
export function parentOf(page: StorePage): StorePage | null {
  switch (page.kind) {
    case 'catalog':
      return null;
    case 'item':
    case 'me':
      return { kind: 'catalog' };
    case 'order':
    case 'points':
      return { kind: 'me' };
  }
}

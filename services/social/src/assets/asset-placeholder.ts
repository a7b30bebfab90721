import type { MetaAssetKind } from '@chat/contracts';

/** Soft colours the placeholder picks from, by asset id. */
const COLOURS = ['#F8B4C8', '#B4D8F8', '#C8F0B4', '#F8E0A0', '#D8C4F8', '#A8E8E0', '#F8C8A8'];

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.codePointAt(0)};`);

/**
 * An asset without an uploaded image, drawn as an SVG: a tile in a colour of its id with the
 * first characters of its name and its kind, so that an asset's image URL always shows something.
 */
export function assetPlaceholderSvg(asset: { id: number; kind: MetaAssetKind; name: string }): string {
  const colour = COLOURS[asset.id % COLOURS.length]!;
  const initials = escapeXml([...asset.name.trim()].slice(0, 2).join(''));
  const label = asset.kind === 'AVATAR' ? 'avatar' : 'deco';
  const radius = asset.kind === 'AVATAR' ? 80 : 24;
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="160" viewBox="0 0 160 160">' +
    `<rect x="4" y="4" width="152" height="152" rx="${radius}" fill="${colour}"/>` +
    `<text x="80" y="78" font-size="56" text-anchor="middle" dominant-baseline="middle" ` +
    `font-family="sans-serif" fill="#333">${initials}</text>` +
    `<text x="80" y="130" font-size="18" text-anchor="middle" font-family="sans-serif" fill="#555">${label}</text>` +
    '</svg>'
  );
}

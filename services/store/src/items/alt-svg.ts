/**
 * An emoticon without an uploaded image, drawn from its `alt` (an emoji or a short word), so
 * that an emoticon's image URL always shows something.
 */
export function altSvg(alt: string): string {
  const text = alt.replace(/[&<>"']/g, (c) => `&#${c.codePointAt(0)};`);
  const chars = [...alt].length;
  const size = chars <= 2 ? 72 : Math.max(18, Math.floor(150 / chars));
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="160" viewBox="0 0 160 160">' +
    `<text x="80" y="84" font-size="${size}" text-anchor="middle" dominant-baseline="middle" ` +
    `font-family="'Noto Color Emoji','Apple Color Emoji',sans-serif">${text}</text></svg>`
  );
}

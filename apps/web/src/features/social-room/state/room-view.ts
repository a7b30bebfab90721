// What the room shows around the canvas: the counter, the themes, the background, the form of
// my room's settings and the body PATCH /api/social/me/room takes.
import type { MiniRoom, MiniRoomTheme, UpdateMiniRoomBody } from '@chat/contracts';

/** The contract's MINI_ROOM_THEMES. */
export const THEMES: readonly MiniRoomTheme[] = ['CLASSIC', 'SKY', 'FOREST', 'NIGHT', 'PINK'];

/** The visitor counter: "today 3 / total 1,024" in the reader's words and digits. */
export function counterText(visitors: MiniRoom['visitors'], lang: 'ko' | 'en', template: string): string {
  const n = new Intl.NumberFormat(lang === 'ko' ? 'ko-KR' : 'en-US');
  return template.replace('{today}', n.format(visitors.today)).replace('{total}', n.format(visitors.total));
}

/** The canvas background: a colour, or a decoration's image (the theme's colour behind it). */
export function backgroundStyle(bg: MiniRoom['background']): Record<string, string> {
  if (bg.asset) return { backgroundImage: `url("${bg.asset.imageUrl}")` };
  if (bg.color && /^#[0-9A-Fa-f]{6}$/.test(bg.color)) return { backgroundColor: bg.color };
  return {};
}

export interface SettingsForm {
  readonly title: string;
  readonly theme: MiniRoomTheme;
  readonly bgKind: 'color' | 'asset';
  readonly color: string;
  readonly assetId: number | null;
  readonly intro: string;
}

const DEFAULT_COLOR = '#FFFFFF';

export function settingsOf(room: MiniRoom): SettingsForm {
  return {
    // The owner's nickname stands in until a title is set: shown as the field's placeholder.
    title: room.title === room.owner.nickname ? '' : room.title,
    theme: room.theme,
    bgKind: room.background.asset ? 'asset' : 'color',
    color: (room.background.color ?? DEFAULT_COLOR).toUpperCase(),
    assetId: room.background.asset?.id ?? null,
    intro: room.intro,
  };
}

/**
 * The PATCH body for what changed between `before` and `form`; null when nothing did. An empty
 * title goes back to the nickname (null).
 */
export function settingsBody(before: SettingsForm, form: SettingsForm): UpdateMiniRoomBody | null {
  const body: { -readonly [K in keyof UpdateMiniRoomBody]: UpdateMiniRoomBody[K] } = {};
  const title = form.title.trim();
  if (title !== before.title.trim()) body.title = title === '' ? null : title;
  if (form.theme !== before.theme) body.theme = form.theme;
  if (form.intro !== before.intro) body.intro = form.intro;
  const bgChanged =
    form.bgKind !== before.bgKind ||
    (form.bgKind === 'color'
      ? form.color.toUpperCase() !== before.color.toUpperCase()
      : form.assetId !== before.assetId);
  if (bgChanged) {
    if (form.bgKind === 'asset' && form.assetId !== null) body.background = { assetId: form.assetId };
    else if (form.bgKind === 'color') body.background = { color: form.color.toUpperCase() };
  }
  return Object.keys(body).length > 0 ? body : null;
}

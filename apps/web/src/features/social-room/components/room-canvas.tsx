// The room drawn at the screen's width (5:3, like the 1000 x 600 canvas): its background and
// decorations by z. Editable: a decoration is a button (select, arrow keys move it), dragging
// or a click on the room moves the selected one there.
import type { MiniRoom, MiniRoomTheme } from '@chat/contracts';
import { useRef } from 'preact/hooks';
import { useI18n } from '../../../i18n/i18n.ts';
import { type Point, placementStyle, pointFromScreen } from '../state/canvas.ts';
import { drawOrder, type Placed } from '../state/decorations.ts';
import { backgroundStyle } from '../state/room-view.ts';

interface Props {
  theme: MiniRoomTheme;
  background: MiniRoom['background'];
  items: readonly Placed[];
  edit?: {
    selected: number | null;
    onSelect(id: number): void;
    onMove(id: number, p: Point): void;
    onNudge(id: number, dx: number, dy: number): void;
  };
}

const KEYS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

export function RoomCanvas({ theme, background, items, edit }: Props) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const dragging = useRef<number | null>(null);
  const at = (e: PointerEvent) => pointFromScreen(e.clientX, e.clientY, box.current!.getBoundingClientRect());

  const onCanvasDown = (e: PointerEvent) => {
    if (!edit || edit.selected === null || e.target !== box.current) return;
    edit.onMove(edit.selected, at(e));
  };
  const onMove = (e: PointerEvent) => {
    if (edit && dragging.current !== null) edit.onMove(dragging.current, at(e));
  };
  const stop = () => {
    dragging.current = null;
  };

  return (
    <div class="mh-canvas-box">
      {/* biome-ignore lint/a11y/useSemanticElements: a fieldset does not take the box's absolute size */}
      <div
        ref={box}
        role="group"
        class={`mh-canvas mh-theme-${theme}${edit ? ' editing' : ''}`}
        style={backgroundStyle(background)}
        aria-label={t('roomCanvas')}
        onPointerDown={onCanvasDown}
        onPointerMove={onMove}
        onPointerUp={stop}
        onPointerCancel={stop}
      >
        {items.length === 0 && !edit ? <p class="mh-canvas-empty">{t('roomEmpty')}</p> : null}
        {drawOrder(items).map((d) => {
          const style = placementStyle(d);
          const img = <img src={d.asset.imageUrl} alt={d.asset.name} draggable={false} />;
          if (!edit) {
            return (
              <span key={d.asset.id} class="mh-deco" style={style} data-asset={d.asset.id}>
                {img}
              </span>
            );
          }
          return (
            <button
              key={d.asset.id}
              type="button"
              class="mh-deco"
              style={style}
              data-asset={d.asset.id}
              aria-pressed={edit.selected === d.asset.id}
              aria-label={t('roomSelect').replace('{name}', d.asset.name)}
              onPointerDown={(e) => {
                e.preventDefault();
                (e.currentTarget as HTMLElement).setPointerCapture?.(e.pointerId);
                (e.currentTarget as HTMLElement).focus();
                edit.onSelect(d.asset.id);
                dragging.current = d.asset.id;
              }}
              onPointerMove={onMove}
              onPointerUp={stop}
              onClick={() => edit.onSelect(d.asset.id)}
              onKeyDown={(e) => {
                const k = KEYS[e.key];
                if (!k) return;
                e.preventDefault();
                const step = e.shiftKey ? 50 : 10;
                edit.onNudge(d.asset.id, k[0] * step, k[1] * step);
              }}
            >
              {img}
            </button>
          );
        })}
      </div>
    </div>
  );
}

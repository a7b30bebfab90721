// A user's avatar: the items they wear drawn stacked in a fixed square, the first at the bottom.
// A group named for whose avatar it is, each item an <img> named by the item (not one
// role="img": the items stay readable one by one).
import type { MetaAssetRef } from '@chat/contracts';

interface Props {
  items: readonly MetaAssetRef[];
  /** Whose avatar it is, e.g. "민지님의 아바타". */
  label: string;
  size?: 'sm' | 'md' | 'lg';
  /** Shown inside the square when nothing is worn. */
  empty?: string;
}

export function AvatarFigure({ items, label, size = 'md', empty }: Props) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset is for form controls; this is a picture's parts
    <div role="group" class={`minime minime-${size}`} aria-label={label}>
      {items.map((item) => (
        <img key={item.id} src={item.imageUrl} alt={item.name} draggable={false} data-asset={item.id} />
      ))}
      {items.length === 0 && empty ? <span class="minime-empty">{empty}</span> : null}
    </div>
  );
}

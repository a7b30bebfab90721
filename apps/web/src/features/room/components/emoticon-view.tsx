// An EMOTICON message: the image large and without a bubble (its alt text large if the image fails).
import { EmoticonImage } from '../../../components/emoticon-image.tsx';
import type { MessageEmoticon } from '../../../lib/wire.ts';

export function EmoticonView({ emoticon }: { emoticon: Pick<MessageEmoticon, 'alt' | 'imageUrl'> }) {
  return (
    <span class="emoticon-msg" data-testid="emoticon-message">
      <EmoticonImage imageUrl={emoticon.imageUrl} alt={emoticon.alt} size="lg" />
    </span>
  );
}

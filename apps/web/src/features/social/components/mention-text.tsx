// A post's or comment's text with each `@nickname` of a mentioned user as a link to their
// profile; other `@names` stay plain text.
import type { SocialUser } from '../api/types.ts';
import { mentionSegments } from '../state/mentions.ts';
import { profilePath } from '../state/routes.ts';
import { Link } from './link.tsx';

interface Props {
  text: string;
  mentions: readonly SocialUser[];
  onNavigate(path: string): void;
}

export function MentionText({ text, mentions, onNavigate }: Props) {
  return (
    <>
      {mentionSegments(text, mentions).map((s, i) =>
        s.kind === 'text' ? (
          s.text
        ) : (
          <Link key={i} class="mention" href={profilePath(s.user.id)} onNavigate={onNavigate}>
            {s.text}
          </Link>
        ),
      )}
    </>
  );
}

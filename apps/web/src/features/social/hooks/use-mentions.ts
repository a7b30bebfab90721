// The mention picker of a text field (a post, an edit, a comment): follows the caret, offers
// people for the `@query` typed (people I follow at once, the people search 250 ms after the
// last keystroke), moves through them with the arrow keys, picks with Enter or a click, closes
// with Escape, and remembers who was picked so the text's mentions can be sent.
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import type { SocialUser } from '../api/types.ts';
import {
  activeMention,
  fold,
  insertMention,
  type Suggestion,
  suggestions,
  withPicked,
} from '../state/mentions.ts';
import { useSocial } from './use-social.ts';

const SEARCH_DELAY_MS = 250;
const SHOWN = 8;

export interface MentionPickerProps {
  id: string;
  options: Suggestion[];
  active: number;
  onPick(user: Suggestion): void;
  onActive(index: number): void;
}

type Field = HTMLTextAreaElement | HTMLInputElement;

/** The element id of a user's option in the listbox `listId`. */
export const mentionOptionId = (listId: string, userId: number) => `${listId}-${userId}`;

export function useMentions<E extends Field>(
  text: string,
  onText: (text: string) => void,
  initial: readonly SocialUser[] = [],
) {
  const social = useSocial();
  const { me } = useServices();
  const id = useId();
  const ref = useRef<E>(null);
  const [picked, setPicked] = useState<SocialUser[]>([...initial]);
  const [caret, setCaret] = useState<number | null>(null);
  const [dismissed, setDismissed] = useState(false);
  const [active, setActive] = useState(0);
  const [following, setFollowing] = useState<SocialUser[] | null>(null);
  const [found, setFound] = useState<{ query: string; users: SocialUser[] } | null>(null);
  const moveCaret = useRef<number | null>(null);

  const mention = caret === null ? null : activeMention(text, caret);
  const query = mention?.query ?? '';

  // Whom I follow, asked once, when the first mention is typed.
  const askedFollowing = useRef(false);
  useEffect(() => {
    if (!query || askedFollowing.current) return;
    askedFollowing.current = true;
    social.following(me.userId).then(
      (p) => setFollowing(p.users),
      () => setFollowing([]),
    );
  }, [query, social, me.userId]);

  useEffect(() => {
    setActive(0);
    if (!query) return;
    let live = true;
    const timer = setTimeout(() => {
      social.searchUsers(query, SHOWN).then(
        (users) => live && setFound({ query, users }),
        () => {},
      );
    }, SEARCH_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, social]);

  // The answer to an earlier, shorter query stands in until this one's comes.
  const searched = found && fold(query).startsWith(fold(found.query)) ? found.users : [];
  const options =
    mention && !dismissed ? suggestions(query, following ?? [], searched, me.userId, SHOWN) : [];
  const open = options.length > 0;
  const current = Math.min(active, options.length - 1);

  useLayoutEffect(() => {
    const at = moveCaret.current;
    if (at === null || !ref.current) return;
    moveCaret.current = null;
    ref.current.focus();
    ref.current.setSelectionRange(at, at);
  });

  const pick = (user: SocialUser) => {
    if (!mention) return;
    const next = insertMention(text, mention, user.nickname);
    setPicked((p) => withPicked(p, user));
    moveCaret.current = next.caret;
    setCaret(next.caret);
    onText(next.text);
  };

  const track = (e: Event) => setCaret((e.currentTarget as Field).selectionStart);

  return {
    /** Who was picked (and, for an edit, mentioned before): what `mentionIds` reads. */
    picked,
    reset: () => setPicked([]),
    /** Spread on the text field. */
    field: {
      ref,
      'aria-autocomplete': 'list' as const,
      'aria-controls': open ? id : undefined,
      'aria-activedescendant': open ? mentionOptionId(id, options[current]!.id) : undefined,
      onInput: (e: Event) => {
        setDismissed(false);
        track(e);
        onText((e.currentTarget as Field).value);
      },
      onClick: (e: Event) => {
        setDismissed(false);
        track(e);
      },
      onKeyUp: (e: KeyboardEvent) => {
        if (!open || !['ArrowUp', 'ArrowDown'].includes(e.key)) track(e);
      },
      onBlur: () => setCaret(null),
      onKeyDown: (e: KeyboardEvent) => {
        if (!open || e.isComposing) return;
        if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          const step = e.key === 'ArrowDown' ? 1 : options.length - 1;
          setActive((current + step) % options.length);
        } else if (e.key === 'Enter') {
          e.preventDefault();
          pick(options[current]!);
        } else if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          setDismissed(true);
        }
      },
    },
    /** The listbox's props while it is open, else null. */
    picker: open
      ? ({ id, options, active: current, onPick: pick, onActive: setActive } satisfies MentionPickerProps)
      : null,
  };
}

// The mention picker's UI: a text field (the children) with the listbox of people to mention
// under it while `@` + letters are typed, and a status line for screen readers. The keys are
// the field's (useMentions; aria-activedescendant points at the active option).
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { Avatar } from '../../../components/avatar.tsx';
import { useI18n } from '../../../i18n/i18n.ts';
import { type MentionPickerProps, mentionOptionId } from '../hooks/use-mentions.ts';
import { fill } from '../state/fill.ts';

export function MentionField({
  picker,
  children,
}: {
  picker: MentionPickerProps | null;
  children: ComponentChildren;
}) {
  const { t } = useI18n();
  return (
    <div class="mention-field">
      {children}
      {picker ? <MentionPicker {...picker} /> : null}
      <span class="sr-only" role="status">
        {picker ? fill(t('socialMentionCount'), { count: picker.options.length }) : ''}
      </span>
    </div>
  );
}

function MentionPicker({ id, options, active, onPick, onActive }: MentionPickerProps) {
  const { t, name } = useI18n();
  const activeId = options[active] ? mentionOptionId(id, options[active].id) : null;
  useEffect(() => {
    if (activeId) document.getElementById(activeId)?.scrollIntoView({ block: 'nearest' });
  }, [activeId]);
  return (
    <div id={id} role="listbox" class="mention-picker" aria-label={t('socialMentionList')}>
      {options.map((u, i) => (
        // biome-ignore lint/a11y/useKeyWithClickEvents: the keys are the text field's (aria-activedescendant)
        <div
          key={u.id}
          id={mentionOptionId(id, u.id)}
          role="option"
          tabIndex={-1}
          aria-selected={i === active}
          class={i === active ? 'active' : undefined}
          // Keeps the focus (and the caret) in the text field.
          onMouseDown={(e) => e.preventDefault()}
          onMouseMove={() => i !== active && onActive(i)}
          onClick={() => onPick(u)}
        >
          <Avatar name={u.nickname} imageUrl={u.profileImageUrl} size="sm" />
          <span class="mention-name">{name(u.nickname)}</span>
          {u.followed ? <span class="mention-followed">{t('socialFollowing')}</span> : null}
        </div>
      ))}
    </div>
  );
}

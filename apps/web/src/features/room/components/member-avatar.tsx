import { Avatar } from '../../../components/avatar.tsx';

/** A member's avatar with a presence dot (no dot when presence is unknown, e.g. a former member). */
export function MemberAvatar({ name, online }: { name: string; online: boolean | undefined }) {
  return (
    <span class="avatar-wrap">
      <Avatar name={name} size="sm" />
      {online === undefined ? null : (
        <span class={`presence-dot ${online ? 'on' : 'off'}`} data-presence={online ? 'online' : 'offline'} />
      )}
    </span>
  );
}

/** What the server calls someone it has no name for (a deleted account, an unknown sender). */
export const UNKNOWN_NICKNAME = '(unknown)';

/** A nickname as shown: the reader's word for "unknown user" in place of the server's placeholder. */
export function shownName(nickname: string, unknownUser: string): string {
  return nickname === UNKNOWN_NICKNAME ? unknownUser : nickname;
}

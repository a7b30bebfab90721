/**
 * Whether a keydown in the composer sends: Enter sends, Shift+Enter is a newline, and the
 * Enter that ends a Korean IME composition (isComposing, or keyCode 229 where browsers report
 * it that way) never sends a half-composed syllable.
 */
export function isSendKey(e: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'isComposing' | 'keyCode'>): boolean {
  return e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229;
}

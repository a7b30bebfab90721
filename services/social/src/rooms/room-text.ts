/** Text on several lines as stored: line breaks as LF, NFC, no surrounding white space. */
export function cleanMultiline(text: string): string {
  return text.replace(/\r\n?/g, '\n').normalize('NFC').trim();
}

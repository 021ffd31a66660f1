/**
 * What the report tests slip into page text: every bidirectional control and zero-width
 * character a page could use to make its text read as something it is not, and a finder for
 * any that survived into a report.
 */

/** Bidi embeddings, overrides, isolates and marks; zero-width characters; BOM; soft hyphen; a tag character. */
export const HIDDEN_CHARACTERS = [
  '\u202A', '\u202B', '\u202C', '\u202D', '\u202E',
  '\u2066', '\u2067', '\u2068', '\u2069',
  '\u200E', '\u200F', '\u061C',
  '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u180E', '\u00AD', '\u{E0041}',
];

/** "Invoice paid" written so it shows as something else: an override, isolates, zero-width characters. */
export const HIDDEN_ATTACK = `SDK said: \u202Edias ton\u202C \u2066ok\u2069 pa\u200Bid\u200D\uFEFF \u200Fend\u061C`;

/** Every hidden character (format, control other than line break and tab, lone surrogate) left in `text`. */
export function hiddenIn(text: string): string[] {
  return [...text.matchAll(/[\p{Cf}\p{Cs}\uFFFE\uFFFF]|(?![\n\t])\p{Cc}/gu)].map((m) => `U+${(m[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/**
 * Text that came from outside (the page under test, its chat SDK, a stored report) as a report
 * shows it: as data. Every report passes what it shows through `markHidden`, at the point it
 * leaves: Markdown (Copy report, the CLI's --markdown and terminal), JSON (Download report,
 * --json), JUnit XML (--junit) and the check page itself.
 *
 * Characters that are invisible or change how the text around them is shown (bidirectional
 * overrides, embeddings, isolates and marks, zero-width spaces and joiners, the byte order
 * mark, tag characters: Unicode's "format" category) would let a page make its evidence read
 * as something it is not. They are not deleted, which would hide that they were there: each
 * becomes U+FFFD (�), the one mark used for every such character in every report, as the
 * terminal has always shown them. So do control characters other than line break and tab
 * (escape sequences; and XML cannot carry most of them), lone surrogate halves and U+FFFE/U+FFFF
 * (not characters XML allows).
 */

/** What stands in for a hidden character in every report: visible, and one character wide. */
export const HIDDEN_MARK = '\uFFFD';

// Format (Cf), control (Cc) and lone surrogate (Cs) characters, and XML's two non-characters.
// With the u flag a well-formed surrogate pair is one code point, so only halves match Cs.
const HIDDEN = /[\p{Cf}\p{Cc}\p{Cs}\uFFFE\uFFFF]/gu;

/** `text` with every hidden character replaced by HIDDEN_MARK; line breaks (as \n) and tabs stay. */
export function markHidden(text: string): string {
  // A carriage return is a line break to the tester and to XML (which reads CR LF as LF).
  return text.replace(/\r\n?/g, '\n').replace(HIDDEN, (c) => (c === '\n' || c === '\t' ? c : HIDDEN_MARK));
}

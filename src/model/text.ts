/**
 * Text a tester types or imports (names, labels, org names): normalised and checked the same
 * way wherever it enters, so two spellings of one name compare equal and no name displays as
 * something it is not.
 */

/** Characters that change how text around them is shown but are themselves invisible. */
const INVISIBLE: Record<string, string> = {
  '\u202A': 'left-to-right embedding',
  '\u202B': 'right-to-left embedding',
  '\u202C': 'pop directional formatting',
  '\u202D': 'left-to-right override',
  '\u202E': 'right-to-left override',
  '\u2066': 'left-to-right isolate',
  '\u2067': 'right-to-left isolate',
  '\u2068': 'first strong isolate',
  '\u2069': 'pop directional isolate',
  '\u200E': 'left-to-right mark',
  '\u200F': 'right-to-left mark',
  '\u061C': 'Arabic letter mark',
  '\u200B': 'zero-width space',
  '\u200C': 'zero-width non-joiner',
  '\u200D': 'zero-width joiner',
  '\u2060': 'word joiner',
  '\uFEFF': 'zero-width no-break space',
  '\u180E': 'Mongolian vowel separator',
  '\u00AD': 'soft hyphen',
};
const INVISIBLE_RE = new RegExp(`[${Object.keys(INVISIBLE).join('')}]`);

/** Why `text` is refused, if it is: it holds an invisible formatting or control character. */
export function textProblem(text: string): string | undefined {
  const found = INVISIBLE_RE.exec(text)?.[0];
  if (found !== undefined) {
    const code = `U+${(found.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    return `contains ${code} (${INVISIBLE[found]}), an invisible character that makes text display as something it is not: remove it.`;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  const control = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/.exec(text)?.[0];
  if (control !== undefined) return `contains the control character U+${(control.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}: remove it.`;
  return undefined;
}

/** Trimmed and in Unicode NFC, so "é" typed two ways is one name. */
export function normaliseText(text: string): string {
  return text.normalize('NFC').trim();
}

/** Account names (an org, a workspace) compare without case: the page's and a setting's may differ in it (subdomains). */
export function sameAccount(a: string, b: string): boolean {
  return normaliseText(a).toLowerCase() === normaliseText(b).toLowerCase();
}

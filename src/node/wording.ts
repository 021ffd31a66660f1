/**
 * The extension's sentences in a Node caller's words. The shared code (session/, vendors/)
 * speaks to a tester at the popup: "Enter an External ID", "the secret of environment "Acme"".
 * A test or a terminal has no form and, unless it passed an Options export, no environment: it
 * has chatLogin's options or the tool's flags, and a secret from an option, a variable or a
 * file. Only the words that name those change; what a sentence says stays the vendor's.
 */
import type { Outcome } from '../model/outcome';
import type { VendorSetting } from '../model/vendor';

/** Who reads: a test calling chatLogin (options such as externalId) or the command line (flags such as --external-id). */
export type Audience = 'api' | 'cli';

/** An option or identity field as the caller passes it: `externalId` to chatLogin, `--external-id` to the tool. */
export function optionName(key: string, audience: Audience): string {
  return audience === 'api' ? key : `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A vendor's claim error with the form's request ("Enter an External ID or an Email to log in
 * as.") as the caller's ("Pass --external-id or --email: the customer the token is for."). `fields`
 * are the vendor's identity fields (their labels are what the popup's sentences name).
 */
export function askedInCallerWords(text: string, fields: readonly { key: string; label: string; flag?: string }[], audience: Audience): string {
  // A field with a flag of its own (--identifier) is asked for by it on the command line.
  const names = new Map(fields.map((f) => [f.label, audience === 'cli' && f.flag ? f.flag : optionName(f.key, audience)]));
  if (names.size === 0) return text;
  const label = `(?:an? )?(?:${[...names.keys()].map(escaped).join('|')})`;
  const ask = new RegExp(`^Enter (${label}(?: or ${label})*)( to log in as| to check| for this identity)?`);
  return text.replace(ask, (_whole, asked: string, purpose: string | undefined) => {
    const named = asked.split(' or ').map((part) => names.get(part.replace(/^an? /, '')) ?? part);
    // The popup's purpose ("to log in as") leans on the form's field; the caller's sentence names the customer.
    return `Pass ${named.join(' or ')}${purpose ? ': the customer the token is for' : ''}`;
  });
}

/** What the shared sentences call the caller's environment and its secret, and what to say instead. */
export interface CallerWords {
  /** The name the shared code was given for the environment. */
  environmentName: string;
  /** Where the secret came from, to follow "the secret": "in CHAT_IDENTITY_LAB_SECRET", "passed as chatLogin's secret option". */
  secretFrom: string;
  /**
   * True when the environment was made up for the call (from chatLogin's options or the tool's
   * flags): its name and the Options page that would fix it are nothing the caller has. False
   * for an environment of an Options export, which is the caller's own.
   */
  madeUp: boolean;
  audience: Audience;
  /** The vendor's settings: the popup's advice to enter one in Options becomes its option or flag. */
  settings?: readonly Pick<VendorSetting, 'key' | 'label' | 'flag'>[];
}

/** The popup's advice to change a setting in Options, and the option or flag that does it from Node. */
const IN_OPTIONS: readonly [popup: string, setting: string, node: (name: string) => string][] = [
  ['Pick the right chat vendor for this environment in Options', 'vendor', (name) => `Pass the page's chat vendor as ${name}`],
  ["list it as the environment's API origin in Options", 'apiOrigins', (name) => `pass it as ${name}`],
  ['raise the SDK timeout in Options', 'timeoutSeconds', (name) => `raise ${name}`],
];

/** The tool's flags where they are not the option's name in kebab case. */
const FLAGS: Record<string, string> = { apiOrigins: '--api-origin', timeoutSeconds: '--timeout' };

/** `text` with the secret named by where it came from, and no environment or Options page the caller does not have. */
export function inCallerWords(text: string, words: CallerWords): string {
  const quoted = `environment "${words.environmentName}"`;
  // The caller's own environment keeps its name; one made up for the call is not theirs to look for.
  let result = text.replaceAll(`the secret of ${quoted}`, words.madeUp ? `the secret ${words.secretFrom}` : `the secret of ${quoted} (${words.secretFrom})`);
  if (!words.madeUp) return result;
  for (const [popup, setting, node] of IN_OPTIONS) {
    result = result.replaceAll(popup, node(words.audience === 'cli' ? (FLAGS[setting] ?? optionName(setting, 'cli')) : setting));
  }
  // The vendor's own settings ("enter the Key ID in Options"): its option, or its flag.
  for (const setting of words.settings ?? []) {
    result = result.replaceAll(`enter the ${setting.label} in Options`, `pass ${words.audience === 'cli' ? setting.flag : setting.key}`);
  }
  // The command line has no environment: the origin is one of its --api-origin flags.
  if (words.audience === 'cli') result = result.replaceAll("this environment's API origin", 'an --api-origin you passed');
  // "…, but environment X is for <vendor>": the caller named the vendor, not an environment.
  return result.replaceAll(`environment ${words.environmentName} is for`, 'you asked for').replaceAll(quoted, 'the vendor you passed');
}

/** An outcome's message and notes in the caller's words. */
export function outcomeInCallerWords<T extends Pick<Outcome, 'message' | 'notes'>>(outcome: T, words: CallerWords): T {
  return { ...outcome, message: inCallerWords(outcome.message, words), notes: outcome.notes.map((note) => inCallerWords(note, words)) };
}

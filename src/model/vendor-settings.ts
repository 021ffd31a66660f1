/**
 * An environment's vendor settings (Kustomer's org, Zendesk's key id, Intercom's app id): read
 * through here, so that where they are stored can change in one place. Not secret: the page
 * command may be given them.
 */
import type { Environment } from './schema';
import { normaliseText, textProblem } from './text';
import type { VendorSetting } from './vendor';

/** Every setting key an environment may hold today; the vendor's profile says which one is its own. */
const KEYS = ['orgName', 'keyId', 'appId'] as const;

/** The environment's vendor settings that have a value, by key. */
export function settingsOf(environment: Partial<Pick<Environment, (typeof KEYS)[number]>>): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const key of KEYS) {
    const value = environment[key];
    if (typeof value === 'string' && value !== '') settings[key] = value;
  }
  return settings;
}

/** One setting of the environment, or undefined when it has none. */
export const settingOf = (environment: Partial<Pick<Environment, (typeof KEYS)[number]>>, key: string): string | undefined => settingsOf(environment)[key];

/**
 * A value given for a vendor's setting (typed in the options form, passed to the Node package),
 * normalised as stored, and what is wrong with it: `missing` when the vendor cannot sign
 * without it, `problem` when it is refused (invisible characters, the vendor's own rule).
 */
export function checkSetting(setting: VendorSetting, raw: string): { value: string; missing?: true; problem?: string } {
  const text = normaliseText(raw);
  const value = setting.normalise ? setting.normalise(text) : text;
  if (value === '') return setting.required ? { value, missing: true } : { value };
  const invisible = textProblem(text);
  const problem = invisible ? `The ${setting.label} ${invisible}` : setting.problem?.(value);
  return problem ? { value, problem } : { value };
}

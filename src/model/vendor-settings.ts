/**
 * An environment's vendor settings: read through here, so that where they are stored can change
 * in one place (under `settings`, by the vendor's keys). Not secret: the page command may be
 * given them.
 */
import { httpOrigin } from './api-origin';
import type { Environment } from './schema';
import { normaliseText, textProblem } from './text';
import type { SettingChoice, VendorSetting } from './vendor';

/** The environment's vendor settings that have a value, by key. */
export function settingsOf(environment: Pick<Environment, 'settings'>): Record<string, string> {
  return { ...(environment.settings ?? {}) };
}

/** One setting of the environment, or undefined when it has none. */
export const settingOf = (environment: Pick<Environment, 'settings'>, key: string): string | undefined => environment.settings?.[key];

/**
 * A value given for a vendor's setting (typed in the options form, passed to the Node package),
 * normalised as stored, and what is wrong with it: `missing` when the vendor cannot sign
 * without it, `problem` when it is refused (invisible characters, the vendor's own rule).
 */
export function checkSetting(setting: VendorSetting, raw: string): { value: string; missing?: true; problem?: string } {
  const text = normaliseText(raw);
  const value = setting.normalise ? setting.normalise(text) : text;
  if (setting.choices) return checkChoice(setting, setting.choices, value);
  if (value === '') return setting.required ? { value, missing: true } : { value };
  const invisible = textProblem(text);
  const problem = invisible ? `The ${setting.label} ${invisible}` : setting.problem?.(value);
  return problem ? { value, problem } : { value };
}

/** "jwt or user_hash": the values a setting with choices takes. */
export function choiceWords(choices: readonly SettingChoice[]): string {
  const values = choices.map((c) => c.value);
  return values.length > 1 ? `${values.slice(0, -1).join(', ')} or ${values.at(-1)}` : (values[0] ?? '');
}

/**
 * A setting with choices: one of their values, in any case. The first (the default) is not
 * stored, so an environment saved before the setting existed and one left at the default read alike.
 */
function checkChoice(setting: VendorSetting, choices: readonly SettingChoice[], value: string): { value: string; problem?: string } {
  const chosen = choices.find((c) => c.value.toLowerCase() === value.toLowerCase());
  if (value === '' || chosen === choices[0]) return { value: '' };
  if (!chosen) return { value, problem: `The ${setting.label} is ${choiceWords(choices)}, not ${JSON.stringify(value.slice(0, 40))}.` };
  return { value: chosen.value };
}

/** The value of a setting with choices in an environment's settings: the stored one when it is a choice, else the default. */
export function choiceOf(setting: VendorSetting, settings: Record<string, string> | undefined): string {
  const choices = setting.choices ?? [];
  const stored = settings?.[setting.key];
  return choices.find((c) => c.value === stored)?.value ?? choices[0]?.value ?? '';
}

/**
 * The environment's API origins: the ones it lists, and the origins of its vendor settings that
 * name one (`VendorSetting.apiOrigin`: a self-hosted server's base URL). Only these and the
 * vendor's known hosts answer for the vendor.
 */
export function environmentApiOrigins(environment: Pick<Environment, 'settings' | 'apiOrigins'>, settings: readonly Pick<VendorSetting, 'key' | 'apiOrigin'>[]): string[] {
  const origins = [...(environment.apiOrigins ?? [])];
  for (const setting of settings) {
    const value = setting.apiOrigin ? settingOf(environment, setting.key) : undefined;
    const origin = value === undefined ? undefined : httpOrigin(value);
    if (origin !== undefined && !origins.includes(origin)) origins.push(origin);
  }
  return origins;
}

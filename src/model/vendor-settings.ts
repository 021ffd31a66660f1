/**
 * An environment's vendor settings (Kustomer's org, Zendesk's key id, Intercom's app id): read
 * through here, so that where they are stored can change in one place. Not secret: the page
 * command may be given them.
 */
import type { Environment } from './schema';

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

import type { FeatureSetting } from './vendor';

/**
 * A feature's settings as it uses them: what is stored when the setting takes it, its default
 * otherwise (nothing stored, or a value it refuses: a stored value is read as data, never
 * trusted).
 */
export function featureValues(settings: readonly FeatureSetting[], stored: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(
    settings.map((setting) => {
      const value = stored[setting.key];
      return [setting.key, value !== undefined && setting.problem?.(value) === undefined ? value : setting.default];
    }),
  );
}

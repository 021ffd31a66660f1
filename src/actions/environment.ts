import { profileOf } from '../vendors/registry';
import type { VendorId, VendorProfile } from '../model/vendor';
import type { Environment, Sealed } from '../model/schema';
import { parseSites, type SiteProblem } from '../sites/site-patterns';
import { normaliseText, textProblem } from '../model/text';
import { parseApiOrigins } from '../model/api-origin';
import { checkSetting } from '../model/vendor-settings';

export { type EnvironmentMatch, environmentsFor } from '../model/environment-match';

/** What the options form holds while a tester edits an environment. */
export interface EnvironmentDraft {
  id?: string;
  name: string;
  sites: string;
  secret: string;
  /** List the tokens the site's own code logs in with (default on). */
  observeLogins?: boolean;
  /** The chat vendor (the first in the list unless chosen). */
  vendor?: VendorId;
  /** The vendor settings as typed, by key (its profile's `settings`); another vendor's are kept while the tester switches back and forth. */
  settings?: Record<string, string>;
  /** API origins as typed: one per line. */
  apiOrigins?: string;
  /** The stored sealed secret, kept when the secret field is left empty while locked. */
  sealedSecret?: Sealed;
}

export type DraftResult =
  | { ok: true; environment: Environment }
  | { ok: false; nameError?: string; siteProblems: SiteProblem[]; sitesError?: string; settingErrors: Record<string, string>; apiOriginsError?: string };

export function newEnvironmentId(): string {
  return crypto.randomUUID();
}

/** Validates and normalises the form; every problem is reported at once. */
export function environmentFromDraft(draft: EnvironmentDraft, existing: Environment[]): DraftResult {
  const name = normaliseText(draft.name);
  const { patterns, problems } = parseSites(draft.sites);
  let nameError: string | undefined;
  const nameProblem = textProblem(name);
  if (name === '') nameError = 'Give the environment a name, such as "Staging EU".';
  else if (nameProblem) nameError = `The name ${nameProblem}`;
  else if (existing.some((e) => e.id !== draft.id && e.name.toLowerCase() === name.toLowerCase())) {
    nameError = `An environment named "${name}" already exists: choose another name.`;
  }
  const sitesError =
    problems.length === 0 && patterns.length === 0
      ? 'List at least one site, such as https://staging.example.com.'
      : undefined;
  const vendor = profileOf(draft.vendor);
  const { settings, errors: settingErrors } = settingsFromDraft(vendor, draft.settings ?? {});
  const origins = parseApiOrigins(draft.apiOrigins ?? '');
  const apiOriginsError = origins.ok ? undefined : origins.error;
  if (nameError || sitesError || Object.keys(settingErrors).length > 0 || apiOriginsError || problems.length > 0) {
    return { ok: false, nameError, sitesError, settingErrors, apiOriginsError, siteProblems: problems };
  }
  return {
    ok: true,
    environment: {
      id: draft.id ?? newEnvironmentId(),
      name,
      vendor: vendor.id,
      sites: patterns,
      secret: draft.secret.trim(),
      ...(draft.observeLogins === false ? { observeLogins: false } : {}),
      // Only the chosen vendor's settings are kept: another vendor's would mislead later.
      ...(Object.keys(settings).length > 0 ? { settings } : {}),
      ...(origins.ok && origins.origins.length > 0 ? { apiOrigins: origins.origins } : {}),
      ...(draft.secret.trim() === '' && draft.sealedSecret ? { secretSealed: draft.sealedSecret } : {}),
    },
  };
}

/**
 * The vendor's settings from what was typed, each normalised and checked as its profile says:
 * the values to keep (empty ones left out), and why any is refused, by key.
 */
export function settingsFromDraft(vendor: VendorProfile, typed: Record<string, string>): { settings: Record<string, string>; errors: Record<string, string> } {
  const settings: Record<string, string> = {};
  const errors: Record<string, string> = {};
  for (const setting of vendor.settings) {
    // The one check of a setting (model/vendor-settings), as the Node package's.
    const checked = checkSetting(setting, typed[setting.key] ?? '');
    const error = checked.missing ? `Enter the ${setting.label}: ${vendor.name} needs it to accept tokens.` : checked.problem;
    if (error) errors[setting.key] = error;
    else if (checked.value !== '') settings[setting.key] = checked.value;
  }
  return { settings, errors };
}

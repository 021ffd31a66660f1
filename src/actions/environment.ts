import { profileOf } from '../vendors/registry';
import type { VendorId } from '../model/vendor';
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
  /** The chat vendor (Kustomer unless chosen). */
  vendor?: VendorId;
  /** The vendor's one setting, under its key: Kustomer's org name, Zendesk's key id, Intercom's app id. */
  orgName?: string;
  keyId?: string;
  appId?: string;
  /** API origins as typed: one per line. */
  apiOrigins?: string;
  /** The stored sealed secret, kept when the secret field is left empty while locked. */
  sealedSecret?: Sealed;
}

export type DraftResult =
  | { ok: true; environment: Environment }
  | { ok: false; nameError?: string; siteProblems: SiteProblem[]; sitesError?: string; settingError?: string; apiOriginsError?: string };

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
  const { setting } = vendor;
  const checked = checkSetting(setting, draft[setting.key] ?? '');
  const settingValue = checked.value;
  const settingError = checked.missing ? `Enter the ${setting.label}: ${vendor.name} needs it to accept tokens.` : checked.problem;
  const origins = parseApiOrigins(draft.apiOrigins ?? '');
  const apiOriginsError = origins.ok ? undefined : origins.error;
  if (nameError || sitesError || settingError || apiOriginsError || problems.length > 0) {
    return { ok: false, nameError, sitesError, settingError, apiOriginsError, siteProblems: problems };
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
      // Only the chosen vendor's setting is kept: another vendor's would mislead later.
      ...(settingValue !== '' ? { [setting.key]: settingValue } : {}),
      ...(origins.ok && origins.origins.length > 0 ? { apiOrigins: origins.origins } : {}),
      ...(draft.secret.trim() === '' && draft.sealedSecret ? { secretSealed: draft.sealedSecret } : {}),
    },
  };
}

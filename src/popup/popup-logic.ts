/**
 * The popup's decisions that need no browser: pure functions, unit-tested without mocks.
 */
import type { Environment, Identity } from '../model/schema';
import { type Outcome, type OutcomeAction, reachOutcome, noSecretOutcome, hasSecret } from '../model/outcome';
import type { IdentityFields, VendorProfile } from '../model/vendor';
import { sameAccount } from '../model/text';
import { profileOf } from '../vendors/registry';
import type { PopupContext } from './target';

export const ACTION_LABELS: Record<Exclude<OutcomeAction['kind'], 'unlock'>, string> = {
  'open-options': 'Open options',
  'grant-access': 'Grant access',
  'start-sdk': 'Start chat SDK',
};

export { messageOf } from '../model/errors';

/**
 * The options page's query for an "Open options" action: the site to add, or the environment to
 * edit; for a new one, the account the page's chat names (`?org=acme`, in its vendor's word) and that vendor.
 */
export function optionsQuery(action: Extract<OutcomeAction, { kind: 'open-options' }>, page?: { account?: string; vendor: VendorProfile }): string {
  const params = new URLSearchParams();
  if (action.site) params.set('site', action.site);
  if (action.site && page?.account && page.vendor.account) {
    params.set('vendor', page.vendor.id);
    params.set(page.vendor.account.noun, page.account);
  }
  if (action.environmentId) params.set('edit', action.environmentId);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/**
 * When the account the page's chat belongs to (its vendor's `account`: an org) and the
 * environment's disagree, or another environment of the vendor is for that account.
 */
export function accountWarning(account: string, environment: Environment | undefined, all: Environment[], vendor: VendorProfile = profileOf(environment?.vendor)): string | undefined {
  if (!vendor.account) return undefined;
  const { noun, setting } = vendor.account;
  const expected = environment?.settings?.[setting];
  if (environment && expected && !sameAccount(expected, account)) {
    return `This page's chat belongs to ${noun} ${account}, but ${environment.name} is for ${noun} ${expected}: tokens signed with its secret will be refused.`;
  }
  if (!environment) {
    const owner = all.find((e) => e.vendor === vendor.id && e.settings?.[setting] !== undefined && sameAccount(e.settings[setting], account));
    if (owner) return `This page's chat belongs to ${noun} ${account}, which environment ${owner.name} is for: add this site to it in Options.`;
  }
  return undefined;
}

/** The environment the tester picked among those covering the page, else the most specific. */
export function chosenEnvironment(context: PopupContext | undefined, environmentId: string | undefined): Environment | undefined {
  return (context?.matches.find((m) => m.environment.id === environmentId) ?? context?.matches[0])?.environment;
}

/** Why a login cannot start here, before anything is signed. */
export function loginBlocked(context: PopupContext, environment: Environment | undefined): Outcome | undefined {
  if (!context.target || !environment) return context.problem ?? reachOutcome({ kind: 'no-tab' });
  if (!hasSecret(environment)) return noSecretOutcome(environment);
  return undefined;
}

/** The saved identity the typed fields are, if any (its last result is kept after a login). */
export function savedIdentityFor(identities: Identity[], fields: IdentityFields): Identity | undefined {
  const name = (fields.name ?? '').trim();
  return identities.find((i) => i.externalId === fields.externalId.trim() && i.email === fields.email.trim() && (i.name ?? '') === name);
}

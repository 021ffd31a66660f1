/**
 * The extension's login: session/login's one login (secret → credential → run on the page →
 * outcome → remember), with what the extension keeps behind its ports:
 *
 *   - the secret: plain, or sealed under the passphrase lock and unsealed in memory only
 *     (storage/vault), or the passphrase is asked for;
 *   - who is logged in on a tab, for the next switch (storage/tab-logins);
 *   - the page: the tab, through chrome.scripting and webRequest (page-bridge/extension-page).
 *
 * Afterwards the saved identity's last result is kept (storage.local). Every login in the
 * extension comes here: a click in the popup, the keyboard shortcut, history sync, the
 * integration check.
 */
import type { ChatVendor, IdentityFields } from '../model/vendor';
import { loadVendor } from '../vendors/registry';
import { store } from '../storage/extension-store';
import { PassphraseError, vault } from '../storage/extension-vault';
import { resultOf } from '../model/identity';
import { error, lockedOutcome, noSecretOutcome, type Outcome } from '../model/outcome';
import type { WaitOptions } from '../model/chat-page';
import type { Environment, Identity, Settings } from '../model/schema';
import { originOf } from '../sites/sites';
import { forgetLogins, lastLoginOn, rememberLogin } from '../storage/tab-logins';
import type { TargetPage } from '../page-bridge/target-page';
import { extensionPage } from '../page-bridge/extension-page';
import { type LoginMemory, type LoginPorts, logIn as logInOn } from '../session/login';

export interface LoginRequest {
  target: TargetPage;
  /** As stored: its secret may be sealed. */
  environment: Environment;
  fields: IdentityFields;
  settings: Settings;
  /** The saved identity this login is for, if any: remembered for the next switch, and its last result kept. */
  identityId?: string;
  /** Keep the saved identity's last result (default true). The history sync check keeps its own. */
  recordUse?: boolean;
  wait?: WaitOptions;
  /** The environment's vendor, when the calling action has resolved it already. */
  vendor?: ChatVendor;
}

/** The outcome, and the saved identity as updated with this result (for the popup's list). */
export type LoginResult = Outcome & { used?: Identity };

/** The plain secret, or why there is none. */
async function secretOf(environment: Environment): Promise<string | Outcome> {
  if (!environment.secretSealed) return environment.secret === '' ? noSecretOutcome(environment) : environment.secret;
  try {
    return await vault.secretOf(environment);
  } catch (caught) {
    if (caught instanceof PassphraseError) return caught.kind === 'locked' ? lockedOutcome() : error(caught.message);
    throw caught;
  }
}

/** The environment with its secret in plain text (in memory only), or why it cannot be had. */
export async function unsealed(environment: Environment): Promise<Environment | Outcome> {
  if (environment.secret !== '') return environment;
  const secret = await secretOf(environment);
  return typeof secret === 'string' ? { ...environment, secret, secretSealed: undefined } : secret;
}

/** Who is logged in on the tab, per environment and origin (storage/tab-logins); `identityId` is kept with a login for the popup's list. */
function tabMemory(target: TargetPage, environment: Environment, identityId?: string): LoginMemory {
  const origin = target.url ? originOf(target.url) : undefined;
  return {
    last: () => lastLoginOn(target.tabId, environment.id, origin),
    async remember({ lookup, fields }) {
      if (origin) await rememberLogin(target.tabId, { environmentId: environment.id, origin, fields, lookup, identityId });
      else await forgetLogins(target.tabId, '');
    },
    forget: () => forgetLogins(target.tabId, origin ?? ''),
  };
}

/** The extension's ports for a login on the tab. */
export function extensionPorts(target: TargetPage, environment: Environment, identityId?: string): LoginPorts {
  return { secret: secretOf, memory: tabMemory(target, environment, identityId) };
}

export async function logIn(request: LoginRequest): Promise<LoginResult> {
  const { target, environment, fields, settings, identityId, wait } = request;
  const vendor = request.vendor ?? (await loadVendor(environment.vendor));
  const { outcome, ran } = await logInOn({ page: extensionPage(target), vendor, environment, fields, settings, wait }, extensionPorts(target, environment, identityId));
  // Only a login that ran on the page has a result to keep.
  if (!ran || !identityId || request.recordUse === false) return outcome;
  try {
    const used = await store.recordUse(environment.id, identityId, resultOf(outcome));
    return { ...outcome, used };
  } catch {
    // Storage full or unavailable: the login itself stands; only the list's history line is not kept.
    return outcome;
  }
}

/**
 * The one login path, from a click (popup, keyboard shortcut, history sync, integration check)
 * to the page under test. Read it top to bottom with the vendor's folder beside it:
 *
 *   1. the environment has a secret (plain, or sealed under the passphrase lock);
 *   2. unseal it, in memory only (storage/vault), or ask for the passphrase;
 *   3. the vendor turns the identity into claims and names the token header (src/vendors/<id>);
 *   4. sign: HS256 with jose (jwt/token);
 *   5. inject: the vendor's page command, once the page's chat is ready (page-bridge/page-runner), its
 *      answer checked against the protocol's types and caps (page-bridge/page-answer), while the tab's
 *      requests are watched for the one that carries the token (page-bridge/wire-watch);
 *   6. say what happened from the strongest evidence (actions/login-outcome: the vendor server's
 *      answer, a logged-in check, the widget's callback), and remember it: who is logged in on
 *      this tab (storage/tab-logins) and the saved identity's last result (storage.local).
 *
 * The secret never leaves this module except into jose: only the signed token goes to the page.
 */
import type { ChatVendor, IdentityFields, IdentityLookup } from '../model/vendor';
import { loadVendor } from '../vendors/registry';
import { store } from '../storage/extension-store';
import { PassphraseError, vault } from '../storage/extension-vault';
import { resultOf } from '../model/identity';
import { switchFailed } from './login-outcome';
import { error, lockedOutcome, noSecretOutcome, type Outcome } from '../model/outcome';
import type { WaitOptions } from '../model/chat-page';
import type { Environment, Identity, Settings } from '../model/schema';
import { logOut } from './page-commands';
import { originOf } from '../sites/sites';
import { forgetLogins, lastLoginOn, rememberLogin } from '../storage/tab-logins';
import type { TargetPage } from '../page-bridge/target-page';
import { extensionPage } from '../page-bridge/extension-page';
import { settingsOf } from '../model/vendor-settings';
import { logInOnPage, sameIdentity } from '../session/login-run';

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

/** Step 2: the plain secret, or why there is none. */
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

/**
 * A switch on a widget whose logout takes no callback (Zendesk's logoutUser): log the previous
 * user out and wait until the request that logout causes has been answered (bounded, in
 * actions/page-commands), so the next login does not race it. Returns a note, or the Outcome that stopped the switch.
 */
async function logOutFirst(target: TargetPage, environment: Environment, vendor: ChatVendor, settings: Settings, previous: IdentityLookup, wait: WaitOptions): Promise<string | Outcome> {
  const out = await logOut(target, settings, environment, wait, vendor);
  if (out.tone === 'error') return switchFailed(vendor, previous, out);
  return `Before the switch, for ${vendor.describe(previous)}: ${out.message}`;
}

export async function logIn(request: LoginRequest): Promise<LoginResult> {
  const { target, fields, settings, identityId, wait = {} } = request;
  // 1–2. The secret.
  const environment = await unsealed(request.environment);
  if ('tone' in environment) return environment;
  const secret = environment.secret;
  // 3. The vendor's claims and header.
  const vendor = request.vendor ?? (await loadVendor(environment.vendor));
  const claims = vendor.buildClaims(fields);
  if (!claims.ok) return error(claims.errors.join(' '));
  const origin = target.url ? originOf(target.url) : undefined;
  // 4. Sign, while reading who was logged in on this tab before (a switch logs them out first).
  const [credential, before] = await Promise.all([vendor.credential(claims, secret, settingsOf(environment)), lastLoginOn(target.tabId, environment.id, origin)]);
  const token = credential.value;
  let previous = before?.lookup;
  const switchNotes: string[] = [];
  if (previous && !vendor.capabilities.logoutAnswers && !sameIdentity(previous, claims.lookup)) {
    const first = await logOutFirst(target, environment, vendor, settings, previous, wait);
    if (typeof first !== 'string') return { ...first, notes: [...claims.warnings, ...first.notes], token };
    switchNotes.push(first);
    previous = undefined;
  }
  // 5–6. Inject once the page's chat is ready, watching the wire; say what happened (session/login-run).
  const done = await logInOnPage(extensionPage(target), { vendor, claims, credential, previous, environment, settings, wait });
  let outcome = done.outcome;
  if (done.remember !== undefined) {
    outcome = { ...outcome, notes: [...switchNotes, ...outcome.notes] };
    // Remember it: who is logged in on this tab, for the next switch.
    if (done.remember && origin) await rememberLogin(target.tabId, { environmentId: environment.id, origin, fields, lookup: claims.lookup, identityId });
    else await forgetLogins(target.tabId, origin ?? '');
  }
  if (!identityId || request.recordUse === false) return outcome;
  try {
    const used = await store.recordUse(environment.id, identityId, resultOf(outcome));
    return { ...outcome, used };
  } catch {
    // Storage full or unavailable: the login itself stands; only the list's history line is not kept.
    return outcome;
  }
}

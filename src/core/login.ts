/**
 * The one login path, from a click (popup, keyboard shortcut, history sync, integration check)
 * to the page under test. Read it top to bottom with the vendor's folder beside it:
 *
 *   1. the environment has a secret (plain, or sealed under the passphrase lock);
 *   2. unseal it, in memory only (core/vault), or ask for the passphrase;
 *   3. the vendor turns the identity into claims and names the token header (src/vendors/<id>);
 *   4. sign: HS256 with jose (core/token);
 *   5. inject: the vendor's page command, once the page's chat is ready (core/page-runner), its
 *      answer checked against the protocol's types and caps (core/page-answer);
 *   6. say what happened (core/login-outcome), and remember it: who is logged in on this tab
 *      (core/tab-session) and the saved identity's last result (storage.local).
 *
 * The secret never leaves this module except into jose: only the signed token goes to the page.
 */
import type { IdentityFields } from '../vendors/vendor';
import { loadVendor } from '../vendors/registry';
import { store } from './extension-store';
import { PassphraseError, vault } from './extension-vault';
import { resultOf } from './identity';
import { loginOutcome, switchFailed } from './login-outcome';
import { error, lockedOutcome, noSecretOutcome, type Outcome } from './outcome';
import type { WaitOptions } from './page-runner';
import type { Environment, Identity, Settings } from './schema';
import { isOutcome, run } from './session';
import { originOf } from './sites';
import { forgetLogins, lastLoginOn, rememberLogin } from './tab-session';
import type { TargetPage } from './target-page';
import { signToken } from './token';
import { problemOutcome } from './vendor-outcome';

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
}

/** The outcome, and the saved identity as updated with this result (for the popup's list). */
export type LoginResult = Outcome & { used?: Identity };

/** Step 2: the plain secret, or why there is none. */
async function secretOf(environment: Environment): Promise<string | Outcome> {
  if (!environment.secretSealed) return environment.secret === '' ? noSecretOutcome(environment) : environment.secret;
  try {
    return await vault.secretOf(environment);
  } catch (caught) {
    if (caught instanceof PassphraseError) return caught.message.startsWith('Secrets are locked') ? lockedOutcome() : error(caught.message);
    throw caught;
  }
}

/** The environment with its secret in plain text (in memory only), or why it cannot be had. */
export async function unsealed(environment: Environment): Promise<Environment | Outcome> {
  if (environment.secret !== '') return environment;
  const secret = await secretOf(environment);
  return typeof secret === 'string' ? { ...environment, secret, secretSealed: undefined } : secret;
}

export async function logIn(request: LoginRequest): Promise<LoginResult> {
  const { target, fields, settings, identityId, wait = {} } = request;
  // 1–2. The secret.
  const environment = await unsealed(request.environment);
  if ('tone' in environment) return environment;
  const secret = environment.secret;
  // 3. The vendor's claims and header.
  const vendor = await loadVendor(environment.vendor);
  const claims = vendor.buildClaims(fields);
  if (!claims.ok) return error(claims.errors.join(' '));
  const origin = target.url ? originOf(target.url) : undefined;
  // 4. Sign, while reading who was logged in on this tab before (a switch logs them out first).
  const [token, previous] = await Promise.all([
    signToken(claims.claims, secret, vendor.header(environment)),
    lastLoginOn(target.tabId, environment.id, origin),
  ]);
  // 5. Inject, once the page's chat is ready; the answer comes back checked.
  const result = await run(
    target,
    { command: 'login', token, lookup: claims.lookup, previous: previous?.lookup, appId: environment.appId, timeoutMs: settings.sdkTimeoutSeconds * 1000 },
    environment,
    wait,
  );
  // 6. What happened, remembered.
  let outcome: Outcome;
  if (isOutcome(result)) outcome = { ...result, notes: claims.warnings, token };
  else if (!result.ok) {
    const refused = problemOutcome(result, settings, environment);
    outcome = { ...(result.call === 'logout' && previous ? switchFailed(vendor, previous.lookup, refused) : refused), notes: claims.warnings, token };
  } else if (result.command !== 'login') outcome = error('The page answered a different command.');
  else {
    outcome = loginOutcome(vendor, claims, result, previous?.lookup, token);
    if (result.loggedIn && origin) await rememberLogin(target.tabId, { environmentId: environment.id, origin, fields, lookup: claims.lookup, identityId });
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

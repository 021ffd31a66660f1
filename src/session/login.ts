/**
 * One login, the same in the extension and the Node package. Read it top to bottom with the
 * vendor's folder beside it:
 *
 *   1. the secret, from wherever the caller keeps it (the extension's vault, which may ask for
 *      the passphrase; the Node package's options) — the `secret` port;
 *   2. the vendor turns the identity into claims (src/vendors/<id>: buildClaims);
 *   3. the vendor's credential: a JWT or an HMAC signature (`credential`, jwt/credential);
 *   4. a switch on a widget whose logout takes no callback logs the previous customer out first;
 *   5. run on the page, once its chat is ready, while the wire is watched (session/login-run);
 *   6. say what happened from the strongest evidence (session/login-outcome), and remember who
 *      the page holds now — the `memory` port (the extension's tab logins, the package's page).
 *
 * The page is reached through the ChatPage port (model/chat-page). The secret goes no further
 * than the vendor's credential: only the credential reaches the page.
 */
import type { ChatPage, WaitOptions } from '../model/chat-page';
import type { Credential } from '../model/credential';
import { error, type Outcome } from '../model/outcome';
import type { Environment, Settings } from '../model/schema';
import type { ChatVendor, IdentityFields, IdentityLookup } from '../model/vendor';
import { settingsOf } from '../model/vendor-settings';
import { switchFailed } from './login-outcome';
import { logInOnPage, type PageLoginResult, sameIdentity } from './login-run';
import { logOutOn } from './page-commands';

/** Who a login left logged in on a page: its lookup for the next switch, its fields to log in again. */
export interface RememberedLogin {
  lookup: IdentityLookup;
  fields: IdentityFields;
}

/** Where "who is logged in here" is kept: per tab and origin in the extension, per page in the Node package. */
export interface LoginMemory {
  last(): Promise<RememberedLogin | undefined>;
  remember(login: RememberedLogin): Promise<void>;
  forget(): Promise<void>;
}

/** What differs between the extension and the Node package, besides how the page is reached. */
export interface LoginPorts {
  /** The environment's secret in plain text (in memory only), or the Outcome that says why there is none (locked, not set). */
  secret(environment: Environment): Promise<string | Outcome>;
  memory: LoginMemory;
  /**
   * The outcome in the caller's words, where they are not the popup's (the Node package names
   * its options, not the form's fields); the popup's words stand when absent.
   */
  say?(outcome: Outcome): Outcome;
}

export interface Login {
  page: ChatPage;
  /** The environment's vendor, resolved by the caller. */
  vendor: ChatVendor;
  /** As the caller holds it: the `secret` port unseals it if need be. */
  environment: Environment;
  fields: IdentityFields;
  settings: Settings;
  wait?: WaitOptions;
  /** False: the server's answer alone is the evidence (no logged-in check, no conversations). */
  confirm?: boolean;
}

export interface LoginDone {
  outcome: Outcome;
  /** The credential signed for this login; absent when it stopped before (no secret, a refused identity). */
  credential?: Credential;
  /** What the page and the wire said, when the login ran on the page. */
  ran?: PageLoginResult;
}

export async function logIn(login: Login, ports: LoginPorts): Promise<LoginDone> {
  const done = await signAndRun(login, ports);
  return ports.say ? { ...done, outcome: ports.say(done.outcome) } : done;
}

async function signAndRun(login: Login, ports: LoginPorts): Promise<LoginDone> {
  const { page, vendor, environment, fields, settings, wait = {} } = login;
  // 1. The secret.
  const secret = await ports.secret(environment);
  if (typeof secret !== 'string') return { outcome: secret };
  // 2. The vendor's claims.
  const claims = vendor.buildClaims(fields, 'login', settingsOf(environment));
  if (!claims.ok) return { outcome: error(claims.errors.join(' ')) };
  // 3. The credential, while reading who was logged in here before.
  const [credential, before] = await Promise.all([vendor.credential(claims, secret, settingsOf(environment)), ports.memory.last()]);
  const token = credential.value;
  // 4. A switch where the widget's logout takes no callback: log the previous customer out and
  // wait for the request that logout causes (bounded), so the login does not race it.
  let previous = before?.lookup;
  const switchNotes: string[] = [];
  if (previous && !vendor.capabilities.logoutAnswers && !sameIdentity(previous, claims.lookup)) {
    const out = await logOutOn(page, settings, vendor, environment, wait);
    if (out.done) await ports.memory.forget();
    if (out.outcome.tone === 'error') {
      const failed = switchFailed(vendor, previous, out.outcome);
      return { outcome: { ...failed, notes: [...claims.warnings, ...failed.notes], token }, credential };
    }
    switchNotes.push(`Before the switch, for ${vendor.describe(previous)}: ${out.outcome.message}`);
    previous = undefined;
  }
  // 5–6. Run on the page while the wire is watched; say what happened.
  const ran = await logInOnPage(page, { vendor, claims, credential, previous, environment, settings, wait, confirm: login.confirm });
  // Remember who the page holds now (undefined: nothing was decided, keep what was known).
  if (ran.remember) await ports.memory.remember({ lookup: claims.lookup, fields });
  else if (ran.remember === false) await ports.memory.forget();
  return { outcome: { ...ran.outcome, notes: [...switchNotes, ...ran.outcome.notes] }, credential, ran };
}

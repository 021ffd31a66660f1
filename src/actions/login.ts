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
import type { PageRequest } from '../model/protocol';
import type { ChatVendor, IdentityFields, IdentityLookup } from '../model/vendor';
import { loadVendor } from '../vendors/registry';
import { store } from '../storage/extension-store';
import { PassphraseError, vault } from '../storage/extension-vault';
import { resultOf } from '../model/identity';
import { decideLogin, type PageWord, switchFailed } from './login-outcome';
import { error, lockedOutcome, noSecretOutcome, type Outcome } from '../model/outcome';
import type { WaitOptions } from '../page-bridge/page-runner';
import type { Environment, Identity, Settings } from '../model/schema';
import { isOutcome, logOut, type RunResult, run } from './page-commands';
import { originOf } from '../sites/sites';
import { forgetLogins, lastLoginOn, rememberLogin } from '../storage/tab-logins';
import type { TargetPage } from '../page-bridge/target-page';
import { signToken } from '../jwt/token';
import { problemOutcome } from './vendor-outcome';
import { accepted, verdictOf, type WireReport } from '../model/wire';
import { describeExchange } from '../model/wire-text';
import { type WireWatch, watchWire } from '../page-bridge/wire-watch';

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

/** After the server accepted, how long a widget's own callback is awaited before the server's answer stands alone. */
const ACCEPTED_GRACE_MS = 1_500;
/** After the server refused, how long the widget's own error message is awaited, to pair with the status. */
const REFUSED_GRACE_MS = 750;
/** A request event can reach the extension just after the page's answer: how long to look for one. */
const LATE_EVENT_MS = 250;
const sameIdentity = (a: IdentityLookup, b: IdentityLookup) =>
  ('email' in a && 'email' in b && a.email === b.email) || ('externalId' in a && 'externalId' in b && a.externalId === b.externalId);

/** Sleeps on the extension's own clock, ending early on abort. */
const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * Runs the login command while the wire is watched. The vendor server's answer makes the outcome
 * final: after it, the widget gets a short grace to add its own word (its error message, its
 * callback), and then is no longer waited for (Zendesk builds without loginCallback). Where the
 * widget has a logged-in check (Kustomer), an acceptance waits for it within the command's deadline.
 * Undefined: the server's answer came and the page's did not.
 */
async function runWatched(
  target: TargetPage,
  request: Extract<PageRequest, { command: 'login' }>,
  environment: Environment,
  vendor: ChatVendor,
  wire: WireWatch,
  wait: WaitOptions,
): Promise<RunResult | Outcome | undefined> {
  const early = new AbortController();
  const signal = wait.signal ? AbortSignal.any([wait.signal, early.signal]) : early.signal;
  let byServer = false;
  void wire.answered.then(async (exchange) => {
    if (accepted(exchange) && vendor.capabilities.check) return;
    await pause(accepted(exchange) ? ACCEPTED_GRACE_MS : REFUSED_GRACE_MS, signal);
    if (signal.aborted) return;
    byServer = true;
    early.abort();
  });
  const begun = Date.now();
  const result = await run(target, request, vendor, environment, { ...wait, signal });
  if (byServer && !wait.signal?.aborted) return undefined;
  early.abort();
  if (isOutcome(result)) return result;
  const heard = result.ok ? result.command === 'login' : result.call !== undefined;
  if (heard) {
    // The page has spoken; the server's answer may still be on its way (or, for a widget that
    // says nothing itself, is all there is): wait for it, within the command's deadline.
    const silent = result.ok && result.command === 'login' && result.said === 'none';
    const nothingYet = wire.watched && wire.exchanges().length === 0;
    const until = silent ? begun + request.timeoutMs : nothingYet ? Date.now() + LATE_EVENT_MS : begun + request.timeoutMs;
    await wire.settled(until, silent || nothingYet, wait.signal);
  }
  return result;
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
  const [token, before] = await Promise.all([
    signToken(claims.claims, secret, vendor.header(environment)),
    lastLoginOn(target.tabId, environment.id, origin),
  ]);
  let previous = before?.lookup;
  const switchNotes: string[] = [];
  if (previous && !vendor.capabilities.logoutAnswers && !sameIdentity(previous, claims.lookup)) {
    const first = await logOutFirst(target, environment, vendor, settings, previous, wait);
    if (typeof first !== 'string') return { ...first, notes: [...claims.warnings, ...first.notes], token };
    switchNotes.push(first);
    previous = undefined;
  }
  // 5. Inject, once the page's chat is ready, watching the wire for the vendor server's answer.
  const timeoutMs = settings.sdkTimeoutSeconds * 1000;
  const wire = watchWire({ tabId: target.tabId, token, apiHosts: vendor.apiHosts });
  let result: RunResult | Outcome | undefined;
  let report: WireReport;
  try {
    result = await runWatched(
      target,
      { command: 'login', token, lookup: claims.lookup, previous, appId: environment.appId, timeoutMs },
      environment,
      vendor,
      wire,
      wait,
    );
    report = await wire.report();
  } finally {
    wire.stop();
  }
  // 6. What happened, from the strongest evidence there is, remembered.
  let outcome: Outcome;
  if (result && isOutcome(result)) {
    const server = verdictOf(report.exchanges);
    const heard = server ? [`Meanwhile ${vendor.name}'s server answered the request that carried the token: ${describeExchange(server)}.`] : [];
    outcome = { ...result, notes: [...claims.warnings, ...heard], token };
  } else if (result?.ok && result.command !== 'login') outcome = error('The page answered a different command.');
  else if (result && !result.ok && result.call === 'logout' && previous) {
    outcome = { ...switchFailed(vendor, previous, problemOutcome(result, settings, environment, vendor)), notes: claims.warnings, token };
  } else {
    const decision = decideLogin({
      vendor,
      claims,
      page: result as PageWord,
      wire: report,
      previous,
      token,
      environmentName: environment.name,
      environmentId: environment.id,
      timeoutSeconds: settings.sdkTimeoutSeconds,
      problem: (refusal) => problemOutcome(refusal, settings, environment, vendor),
    });
    outcome = { ...decision.outcome, notes: [...switchNotes, ...decision.outcome.notes] };
    if (decision.remember && origin) await rememberLogin(target.tabId, { environmentId: environment.id, origin, fields, lookup: claims.lookup, identityId });
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

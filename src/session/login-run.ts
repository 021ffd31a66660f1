/**
 * Steps 5 and 6 of a login (actions/login.ts has the rest), through the ChatPage port: run the
 * vendor's login command once the page's chat is ready while the wire is watched for the
 * request that carries the token, then say what happened from the strongest evidence there is
 * (decideLogin). The same code for the extension and the Node package.
 */
import type { ChatPage, WaitOptions, WireWatch } from '../model/chat-page';
import { type Credential, pageCredential } from '../model/credential';
import type { PageRequest, WidgetWord } from '../model/protocol';
import type { ChatVendor, CheckedIdentity, IdentityLookup } from '../model/vendor';
import { environmentApiOrigins, settingsOf } from '../model/vendor-settings';
import { error, type Outcome } from '../model/outcome';
import { pause } from '../model/deadline';
import type { Environment, Settings } from '../model/schema';
import { accepted, verdictOf, type WireReport } from '../model/wire';
import { describeExchange } from '../model/wire-text';
import { decideLogin, type PageWord, switchFailed } from './login-outcome';
import { isOutcome, type RunResult, run } from './page-commands';
import { problemOutcome } from './vendor-outcome';

type LoginRequest = Extract<PageRequest, { command: 'login' }>;

/** After the server accepted, how long a widget's own callback is awaited before the server's answer stands alone. */
const ACCEPTED_GRACE_MS = 1_500;
/** After the server refused, how long the widget's own error message is awaited, to pair with the status. */
const REFUSED_GRACE_MS = 750;
/** A request event can reach the watcher just after the page's answer: how long to look for one. */
const LATE_EVENT_MS = 250;

/**
 * Runs the login command while the wire is watched. The vendor server's answer makes the outcome
 * final: after it, the widget gets a short grace to add its own word (its error message, its
 * callback), and then is no longer waited for (widget builds without a login callback). Where the
 * widget has a logged-in check (loggedInCheck), an acceptance waits for it within the command's deadline.
 * Undefined: the server's answer came and the page's did not.
 */
async function runWatched(
  page: ChatPage,
  request: LoginRequest,
  environment: Environment,
  vendor: ChatVendor,
  wire: WireWatch,
  wait: WaitOptions,
): Promise<RunResult | Outcome | undefined> {
  const early = new AbortController();
  const signal = wait.signal ? AbortSignal.any([wait.signal, early.signal]) : early.signal;
  let byServer = false;
  void wire.answered.then(async (exchange) => {
    if (accepted(exchange) && vendor.features.loggedInCheck) return;
    await pause(accepted(exchange) ? ACCEPTED_GRACE_MS : REFUSED_GRACE_MS, signal);
    if (signal.aborted) return;
    byServer = true;
    early.abort();
  });
  const begun = Date.now();
  const result = await run(page, request, vendor, environment, { ...wait, signal });
  if (byServer && !wait.signal?.aborted) return undefined;
  early.abort();
  if (isOutcome(result)) return result;
  // The page's widget names its API origin (an api_base setting): its answers count, said as the page's.
  if (result.ok && result.command === 'login' && result.apiOrigins) wire.trust(result.apiOrigins);
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

/** Whether two lookups name the same customer (a switch to the same one logs nobody out). */
export const sameIdentity = (a: IdentityLookup, b: IdentityLookup) =>
  ('email' in a && 'email' in b && a.email === b.email) || ('externalId' in a && 'externalId' in b && a.externalId === b.externalId);

export interface PageLogin {
  vendor: ChatVendor;
  claims: CheckedIdentity;
  /** Signed already (the vendor's credential): the secret never reaches this module. */
  credential: Credential;
  /** Who was logged in before, to log out first where the widget does so itself. */
  previous?: IdentityLookup;
  /** Its name and id for the words, its vendor settings for the page command. */
  environment: Environment;
  settings: Settings;
  wait?: WaitOptions;
  /** False: skip the widget's own logged-in check and conversations (see the login request's `confirm`). */
  confirm?: boolean;
}

export interface PageLoginResult {
  outcome: Outcome;
  /** Whether the page now holds this identity (undefined: nothing was decided, keep what was known). */
  remember?: boolean;
  /** What the watcher saw of the request that carried the token. */
  wire: WireReport;
  /** What the widget itself said (undefined: it did not answer). */
  said?: WidgetWord;
}

/** The login command for the page: the credential and what the vendor's page command needs with it (the identity, the settings). */
export function loginRequest(input: Pick<PageLogin, 'claims' | 'credential' | 'previous' | 'environment' | 'settings' | 'confirm'>): LoginRequest {
  const { claims, credential, previous, environment, settings, confirm } = input;
  const pageSettings = settingsOf(environment);
  return {
    command: 'login',
    credential: pageCredential(credential),
    identity: claims.claims,
    lookup: claims.lookup,
    ...(previous ? { previous } : {}),
    ...(Object.keys(pageSettings).length > 0 ? { settings: pageSettings } : {}),
    ...(confirm === false ? { confirm } : {}),
    timeoutMs: settings.sdkTimeoutSeconds * 1000,
  };
}

export async function logInOnPage(page: ChatPage, input: PageLogin): Promise<PageLoginResult> {
  const { vendor, claims, credential, previous, environment, settings, wait = {}, confirm } = input;
  const token = credential.value;
  const wire = page.watchWire(token, { known: vendor.apiHosts, listed: environmentApiOrigins(environment, vendor.settings) }, vendor.credentialRequest);
  let result: RunResult | Outcome | undefined;
  let report: WireReport;
  try {
    const request = loginRequest({ claims, credential, previous, environment, settings, confirm });
    result = await runWatched(page, request, environment, vendor, wire, wait);
    report = await wire.report();
  } finally {
    wire.stop();
  }
  if (result && isOutcome(result)) {
    const server = verdictOf(report.exchanges);
    const heard = server ? [`Meanwhile ${vendor.name}'s server answered the request that carried the token: ${describeExchange(server)}.`] : [];
    // A token is offered for copying only when it went out (the wire saw it).
    const sent = report.exchanges.length > 0 || report.elsewhere.length > 0;
    return { outcome: { ...result, notes: [...claims.warnings, ...heard], ...(sent ? { token } : {}) }, wire: report };
  }
  if (result?.ok && result.command !== 'login') return { outcome: error('The page answered a different command.'), wire: report };
  if (result && !result.ok && result.call === 'logout' && previous) {
    return { outcome: { ...switchFailed(vendor, previous, problemOutcome(result, settings, environment, vendor)), notes: claims.warnings, token }, wire: report };
  }
  const decision = decideLogin({
    vendor,
    claims,
    page: result as PageWord,
    wire: report,
    previous,
    token,
    environmentName: environment.name,
    environmentId: environment.id,
    environmentSettings: settingsOf(environment),
    timeoutSeconds: settings.sdkTimeoutSeconds,
    problem: (refusal) => problemOutcome(refusal, settings, environment, vendor),
  });
  return { outcome: decision.outcome, remember: decision.remember, wire: report, said: result?.ok ? result.said : undefined };
}

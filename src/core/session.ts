import { buildClaims, describeLookup, type IdentityFields, type IdentityLookup } from '../kustomer/claims';
import type { ConversationsView, LoginResponse, PageRequest, PageResult } from '../page/protocol';
import type { Environment, Settings } from './schema';
import { originOf, permissionOrigins } from './sites';
import { lastLoginOn, rememberLogin } from './tab-session';
import { ReachError, type ReachProblem, runInPage, type TargetPage } from './target-page';
import { signToken } from './token';

/** Something the status region can offer to do next. */
export type OutcomeAction =
  | { kind: 'open-options'; site?: string; environmentId?: string }
  | { kind: 'grant-access'; origins: string[] };

/** What the page's SDK says after a login or check: the session panel shows it. */
export interface SessionView {
  lookup: IdentityLookup;
  loggedIn: boolean;
  response?: LoginResponse;
  conversations?: ConversationsView;
  /** Unix milliseconds. */
  at: number;
}

/** What the tester sees after a click: one sentence, and what to do when it went wrong. */
export interface Outcome {
  tone: 'success' | 'warning' | 'error';
  message: string;
  notes: string[];
  action?: OutcomeAction;
  /** The token that was signed for this login, if any. */
  token?: string;
  session?: SessionView;
}

const error = (message: string, action?: OutcomeAction): Outcome => ({ tone: 'error', message, notes: [], action });

export function noEnvironmentOutcome(url: string | undefined): Outcome {
  const site = url ? originOf(url) : undefined;
  return error(
    site
      ? `No environment covers ${site}. Add one for this site in Options, then log in.`
      : 'No environment covers this page. Add one for its site in Options, then log in.',
    { kind: 'open-options', site },
  );
}

export function noSecretOutcome(environment: Environment): Outcome {
  return error(`Environment "${environment.name}" has no secret. Add the org's chat signing secret in Options.`, {
    kind: 'open-options',
    environmentId: environment.id,
  });
}

export function reachOutcome(problem: ReachProblem, environment?: Environment): Outcome {
  switch (problem.kind) {
    case 'no-tab':
      return error('No tab to act on. Open the site you are testing and try again.');
    case 'tab-closed':
      return error('The tab under test was closed. Open the site again and reopen this popup.');
    case 'forbidden':
      return error(
        'The browser does not let extensions work on this page (browser pages such as chrome:// and the Web Store). Switch to a tab of the site you are testing.',
      );
    case 'no-access': {
      const origins = environment ? permissionOrigins(environment.sites) : [];
      return error(
        problem.url
          ? `Chat Identity Lab has no access to ${originOf(problem.url)}. Click "Grant access", then try again.`
          : 'Chat Identity Lab has no access to this page. Add an environment for its site in Options (saving asks the browser for access).',
        origins.length > 0 ? { kind: 'grant-access', origins } : { kind: 'open-options' },
      );
    }
    case 'navigated':
      return error('The page reloaded or navigated away while this ran. Wait for it to load, then try again.');
    case 'failed':
      return error(`Could not run in the page: ${problem.message}`);
  }
}

export function pageProblemOutcome(result: Extract<PageResult, { ok: false }>, settings: Settings): Outcome {
  const seconds = settings.sdkTimeoutSeconds;
  const call = result.call ? `Kustomer.${result.call}` : 'The Kustomer SDK';
  switch (result.problem) {
    case 'no-sdk':
      return error('No Kustomer chat SDK on this page (no window.Kustomer and no chat widget.js loader). Open a page that loads the Kustomer chat widget.');
    case 'sdk-not-loaded':
      return error(`The Kustomer chat loader is on this page but the SDK did not finish loading within ${seconds} s. Check the page's console and network, then try again.`);
    case 'cards-sdk':
      return error("This page has Kustomer's Cards SDK (Kustomer.initialize), which has no login. Logging in needs the chat widget (chat-web/widget.js).");
    case 'unknown-sdk':
      return error('window.Kustomer on this page is not the Kustomer chat SDK: it has no login function.');
    case 'not-started':
      return error(`The Kustomer chat SDK loaded but Kustomer.start did not finish within ${seconds} s. The page must call Kustomer.start before anyone can log in.`);
    case 'sdk-error':
      return error(`${call} answered with an error: ${result.message ?? 'no message'}`);
    case 'sdk-threw':
      return error(`${call} threw an exception: ${result.message ?? 'no message'}`);
    case 'sdk-timeout':
      return error(`${call} did not answer within ${seconds} s. Reload the page and try again, or raise the SDK timeout in Options.`);
  }
}

/** Runs a page command; a failure to reach the page comes back as an Outcome. */
export async function run(target: TargetPage, request: PageRequest, environment?: Environment): Promise<PageResult | Outcome> {
  try {
    return await runInPage(target, request);
  } catch (caught) {
    if (caught instanceof ReachError) return reachOutcome(caught.problem, environment);
    return error(`Could not run in the page: ${String((caught as Error)?.message ?? caught)}`);
  }
}

export const isOutcome = (value: PageResult | Outcome): value is Outcome => 'tone' in value;

function who(lookup: IdentityLookup, response?: LoginResponse): string {
  const name = describeLookup(lookup);
  return response?.customerId ? `${name} (customer ${response.customerId})` : name;
}

function conversationNote(view: ConversationsView | undefined): string | undefined {
  if (!view) return undefined;
  if (!view.ok) return `Kustomer.getOpenConversations answered with an error: ${view.message}`;
  return undefined;
}

export interface LoginOptions {
  /** The saved identity this login is for, if any (remembered for the next switch). */
  identityId?: string;
}

/**
 * Signs a fresh token and logs it in on the page. When the extension logged someone else in
 * on this tab before and they are still there, they are logged out first (a switch).
 */
export async function logIn(
  target: TargetPage,
  environment: Environment,
  fields: IdentityFields,
  settings: Settings,
  options: LoginOptions = {},
): Promise<Outcome> {
  if (environment.secret === '') return noSecretOutcome(environment);
  const claims = buildClaims(fields);
  if (!claims.ok) return error(claims.errors.join(' '));
  const [token, previous] = await Promise.all([signToken(claims.claims, environment.secret), lastLoginOn(target.tabId)]);
  const result = await run(
    target,
    { command: 'login', token, lookup: claims.lookup, previous: previous?.lookup, timeoutMs: settings.sdkTimeoutSeconds * 1000 },
    environment,
  );
  if (isOutcome(result)) return { ...result, notes: claims.warnings, token };
  if (!result.ok) {
    const outcome = pageProblemOutcome(result, settings);
    if (result.call === 'logout' && previous) {
      outcome.message = `Could not log out ${describeLookup(previous.lookup)} before the switch: ${outcome.message}`;
    }
    return { ...outcome, notes: claims.warnings, token };
  }
  if (result.command !== 'login') return error('The page answered a different command.');
  const session: SessionView = {
    lookup: claims.lookup,
    loggedIn: result.loggedIn,
    response: result.response,
    conversations: result.conversations,
    at: Date.now(),
  };
  await rememberLogin(target.tabId, result.loggedIn ? { environmentId: environment.id, fields, lookup: claims.lookup, identityId: options.identityId } : undefined);
  const notes = [...claims.warnings];
  if (result.loggedOutPrevious && previous) notes.unshift(`Logged out ${describeLookup(previous.lookup)} first.`);
  const conversationProblem = conversationNote(result.conversations);
  if (conversationProblem) notes.push(conversationProblem);
  if (!result.loggedIn) {
    return {
      tone: 'warning',
      message: `Kustomer.login answered, but Kustomer.isLoggedIn says ${describeLookup(claims.lookup)} is not logged in.`,
      notes,
      token,
      session,
    };
  }
  return {
    tone: conversationProblem ? 'warning' : 'success',
    message: `Logged in as ${who(claims.lookup, result.response)}.`,
    notes,
    token,
    session,
  };
}

export async function logOut(target: TargetPage, settings: Settings, environment?: Environment): Promise<Outcome> {
  const result = await run(target, { command: 'logout', timeoutMs: settings.sdkTimeoutSeconds * 1000 }, environment);
  if (isOutcome(result)) return result;
  if (!result.ok) return pageProblemOutcome(result, settings);
  await rememberLogin(target.tabId, undefined);
  return { tone: 'success', message: 'Logged out: the chat on this page is anonymous now.', notes: [] };
}

export async function checkLogin(
  target: TargetPage,
  fields: IdentityFields,
  settings: Settings,
  environment?: Environment,
): Promise<Outcome> {
  const claims = buildClaims(fields);
  if (!claims.ok) return error(claims.errors.join(' ').replace('to log in as', 'to check'));
  const result = await run(
    target,
    { command: 'check', lookup: claims.lookup, timeoutMs: settings.sdkTimeoutSeconds * 1000 },
    environment,
  );
  if (isOutcome(result)) return { ...result, notes: claims.warnings };
  if (!result.ok) return { ...pageProblemOutcome(result, settings), notes: claims.warnings };
  if (result.command !== 'check') return error('The page answered a different command.');
  const session: SessionView = { lookup: claims.lookup, loggedIn: result.loggedIn, conversations: result.conversations, at: Date.now() };
  const notes = [...claims.warnings];
  const conversationProblem = conversationNote(result.conversations);
  if (conversationProblem) notes.push(conversationProblem);
  return result.loggedIn
    ? { tone: 'success', message: `${describeLookup(claims.lookup)} is logged in on this page.`, notes, session }
    : { tone: 'warning', message: `${describeLookup(claims.lookup)} is not logged in on this page.`, notes, session };
}

import { buildClaims, describeLookup, type IdentityFields, type IdentityLookup } from '../kustomer/claims';
import type { ConversationsView, LoginResponse, PageRequest, PageResult } from '../page/protocol';
import { error, noSecretOutcome, type Outcome, pageProblemOutcome, reachOutcome, type SessionView } from './outcome';
import type { Environment, Settings } from './schema';
import { forgetLogins, lastLoginOn, rememberLogin } from './tab-session';
import { originOf } from './sites';
import { readyNote } from './chat-readiness';
import { runWhenReady, type WaitOptions } from './page-runner';
import { ReachError, type TargetPage } from './target-page';
import { signToken } from './token';


/** A page command's result, with how long it waited for the page's chat to be ready. */
export type RunResult = PageResult & { waitedMs?: number };

export const cancelledOutcome = (sent = false): Outcome => ({
  tone: 'warning',
  message: sent
    ? 'Cancelled: stopped waiting for the page. What was sent may still complete there; use "Check login" to see where it stands.'
    : 'Cancelled: nothing was sent to the page.',
  notes: [],
});

/**
 * Runs a page command once the page's chat is ready (waiting for a late widget or a start
 * under way, as `wait` lets the tester follow and cancel); a failure to reach the page comes
 * back as an Outcome.
 */
export async function run(target: TargetPage, request: PageRequest, environment?: Environment, wait: WaitOptions = {}): Promise<RunResult | Outcome> {
  try {
    const ran = await runWhenReady(target, request, wait);
    if (ran.kind === 'cancelled') return cancelledOutcome(ran.sent);
    return { ...ran.result, waitedMs: ran.waitedMs };
  } catch (caught) {
    if (caught instanceof ReachError) return reachOutcome(caught.problem, environment);
    return error(`Could not run in the page: ${String((caught as Error)?.message ?? caught)}`);
  }
}

export const isOutcome = (value: RunResult | Outcome): value is Outcome => 'tone' in value;

function who(lookup: IdentityLookup, response?: LoginResponse): string {
  const name = describeLookup(lookup);
  return response?.customerId ? `${name} (customer ${response.customerId})` : name;
}

function conversationNote(view: ConversationsView | undefined): string | undefined {
  if (!view) return undefined;
  if (!view.ok) return `Kustomer.getOpenConversations answered with an error: ${view.message}`;
  return undefined;
}

export interface LoginOptions extends WaitOptions {
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
  // `environment.secret` is the plain secret here: callers unseal it (core/vault) first.
  if (environment.secret === '') return noSecretOutcome(environment);
  const claims = buildClaims(fields);
  if (!claims.ok) return error(claims.errors.join(' '));
  const origin = target.url ? originOf(target.url) : undefined;
  const [token, previous] = await Promise.all([signToken(claims.claims, environment.secret), lastLoginOn(target.tabId, environment.id, origin)]);
  const result = await run(
    target,
    { command: 'login', token, lookup: claims.lookup, previous: previous?.lookup, timeoutMs: settings.sdkTimeoutSeconds * 1000 },
    environment,
    options,
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
  if (result.loggedIn && origin) {
    await rememberLogin(target.tabId, { environmentId: environment.id, origin, fields, lookup: claims.lookup, identityId: options.identityId });
  } else await forgetLogins(target.tabId, origin ?? '');
  const notes = [...claims.warnings];
  if (result.loggedOutPrevious && previous) notes.unshift(`Logged out ${describeLookup(previous.lookup)} first.`);
  const conversationProblem = conversationNote(result.conversations);
  if (conversationProblem) notes.push(conversationProblem);
  notes.push(readyNote(result.ready, result.waitedMs));
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

export async function logOut(target: TargetPage, settings: Settings, environment?: Environment, wait: WaitOptions = {}): Promise<Outcome> {
  const result = await run(target, { command: 'logout', timeoutMs: settings.sdkTimeoutSeconds * 1000 }, environment, wait);
  if (isOutcome(result)) return result;
  if (!result.ok) return pageProblemOutcome(result, settings);
  if (result.command !== 'logout') return error('The page answered a different command.');
  await forgetLogins(target.tabId, target.url ? originOf(target.url) : '');
  return { tone: 'success', message: 'Logged out: the chat on this page is anonymous now.', notes: [readyNote(result.ready, result.waitedMs)] };
}

export async function checkLogin(
  target: TargetPage,
  fields: IdentityFields,
  settings: Settings,
  environment?: Environment,
  wait: WaitOptions = {},
): Promise<Outcome> {
  const claims = buildClaims(fields);
  if (!claims.ok) return error(claims.errors.join(' ').replace('to log in as', 'to check'));
  const result = await run(
    target,
    { command: 'check', lookup: claims.lookup, timeoutMs: settings.sdkTimeoutSeconds * 1000 },
    environment,
    wait,
  );
  if (isOutcome(result)) return { ...result, notes: claims.warnings };
  if (!result.ok) return { ...pageProblemOutcome(result, settings), notes: claims.warnings };
  if (result.command !== 'check') return error('The page answered a different command.');
  const session: SessionView = { lookup: claims.lookup, loggedIn: result.loggedIn, conversations: result.conversations, at: Date.now() };
  const notes = [...claims.warnings];
  const conversationProblem = conversationNote(result.conversations);
  if (conversationProblem) notes.push(conversationProblem);
  notes.push(readyNote(result.ready, result.waitedMs));
  return result.loggedIn
    ? { tone: 'success', message: `${describeLookup(claims.lookup)} is logged in on this page.`, notes, session }
    : { tone: 'warning', message: `${describeLookup(claims.lookup)} is not logged in on this page.`, notes, session };
}

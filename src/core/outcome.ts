import type { IdentityLookup } from '../kustomer/claims';
import type { ConversationsView, LoginResponse, PageResult } from '../page/protocol';
import type { Environment, Settings } from './schema';
import { originOf, permissionOrigins } from './sites';
import type { ReachProblem } from './target-page';

/**
 * What a tester reads after a click, in one place: the sentences for every way a login can
 * go wrong. No signing or page code here, so the popup can show these before loading those.
 */

/** Something the status region can offer to do next. */
export type OutcomeAction =
  | { kind: 'open-options'; site?: string; environmentId?: string }
  | { kind: 'grant-access'; origins: string[] }
  | { kind: 'unlock' }
  /** The page loads the chat SDK but has not started it: start it, then do what was asked. */
  | { kind: 'start-sdk' };

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

export const error = (message: string, action?: OutcomeAction): Outcome => ({ tone: 'error', message, notes: [], action });

export function noEnvironmentOutcome(url: string | undefined): Outcome {
  const site = url ? originOf(url) : undefined;
  return error(
    site
      ? `No environment covers ${site}. Add one for this site in Options, then log in.`
      : 'No environment covers this page. Add one for its site in Options, then log in.',
    { kind: 'open-options', site },
  );
}

export function lockedOutcome(): Outcome {
  return error('Secrets are locked with a passphrase: enter it to sign.', { kind: 'unlock' });
}

/** True when the environment has a secret, plain or sealed. */
export function hasSecret(environment: Environment): boolean {
  return environment.secret !== '' || environment.secretSealed !== undefined;
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
    case 'other-page':
      return error(
        `The page navigated away before the ${problem.command === 'login' ? 'login' : 'command'}; nothing was sent. The tab now shows another site: reopen this popup on the page you are testing.`,
      );
    case 'untrusted':
      return error(`The page returned an answer the extension cannot trust: ${problem.reason}. Nothing of it was shown or kept.`);
    case 'no-answer':
      return error(
        `The page did not answer within ${Math.round(problem.waitedMs / 1000)} s (it may have replaced its timers, or be stuck). Reload it and try again.`,
      );
    case 'failed':
      return error(`Could not run in the page: ${problem.message}`);
  }
}

export function pageProblemOutcome(result: Extract<PageResult, { ok: false }>, settings: Settings): Outcome {
  const seconds = settings.sdkTimeoutSeconds;
  const call = result.call ? `Kustomer.${result.call}` : 'The Kustomer SDK';
  switch (result.problem) {
    case 'no-sdk': {
      const waited = (result.waitedMs ?? 0) >= 100 ? `, and none appeared in ${((result.waitedMs ?? 0) / 1000).toFixed(1)} s` : '';
      return error(
        `No Kustomer chat SDK on this page (no window.Kustomer and no chat widget.js loader${waited}). Open a page that loads the Kustomer chat widget; if the site adds it later (after a consent banner, on another route), do that first and try again.`,
      );
    }
    case 'sdk-not-loaded':
      return error(`The Kustomer chat loader is on this page but the SDK did not finish loading within ${seconds} s. Check the page's console and network, then try again.`);
    case 'cards-sdk':
      return error("This page has Kustomer's Cards SDK (Kustomer.initialize), which has no login. Logging in needs the chat widget (chat-web/widget.js).");
    case 'unknown-sdk':
      return error('window.Kustomer on this page is not the Kustomer chat SDK: it has no login function.');
    case 'not-started':
      if (result.report?.startCalled === true) {
        return error(`The page called Kustomer.start, but it did not finish within ${seconds} s. Check the page's console and network, then reload it and try again.`);
      }
      return error(
        'The page has not started the Kustomer chat SDK: it is loaded, but Kustomer.start has not run (some sites start the chat only when a visitor clicks their own chat button). Click "Start chat SDK" to start it and carry on.',
        { kind: 'start-sdk' },
      );
    case 'other-page':
      return error('The page navigated away before this ran; nothing was sent. Reopen this popup on the page you are testing.');
    case 'not-ready':
      return error('The chat SDK on this page was not ready: the page changed while this ran. Wait for it to load, then try again.');
    case 'sdk-error':
      return error(`${call} answered with an error: ${result.message ?? 'no message'}`);
    case 'sdk-threw':
      return error(`${call} threw an exception: ${result.message ?? 'no message'}`);
    case 'sdk-timeout':
      return error(`${call} did not answer within ${seconds} s. Reload the page and try again, or raise the SDK timeout in Options.`);
  }
}


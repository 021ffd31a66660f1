import type { ConversationsView, IdentityLookup, LoginResponse } from './protocol';
import type { Environment } from './schema';
import { originOf, permissionOrigins } from '../sites/sites';
import type { ReachProblem } from './reach';
import type { WireExchange } from './wire-text';

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
  /** The requests that carried the token to the vendor's API origins, and their answers (never the signature). */
  requests?: WireExchange[];
  /** Requests that carried the token to any other host: never evidence, listed as a finding. */
  elsewhere?: WireExchange[];
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
  /**
   * The outcome read at a glance, where it has one (a login): a short headline ("Logged in as
   * External ID cust-1", "Refused by Example Chat"), the evidence in one line, and the likely
   * cause. `message` keeps the whole sentence (the Node package and reports say it).
   */
  verdict?: Verdict;
}

export interface Verdict {
  headline: string;
  evidence?: string;
  cause?: string;
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

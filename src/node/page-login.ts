/**
 * The Node package's ports for session/login's one login: the secret it was given (checked by
 * node/setup before anything runs), and who it logged in on each page, in memory for as long as
 * the page lives. The page itself is node/browser-page.
 */
import type { Environment } from '../model/schema';
import { noSecretOutcome, type Outcome } from '../model/outcome';
import type { LoginMemory, LoginPorts, RememberedLogin } from '../session/login';
import { type CallerWords, outcomeInCallerWords } from './wording';

/** Who the last login left logged in on one page, for the next switch (the extension's tab-logins). */
export function pageMemory(): LoginMemory {
  let held: RememberedLogin | undefined;
  return {
    last: async () => held,
    async remember(login) {
      held = login;
    },
    async forget() {
      held = undefined;
    },
  };
}

const givenSecret = async (environment: Environment): Promise<string | Outcome> => (environment.secret === '' ? noSecretOutcome(environment) : environment.secret);

/** The secret as given, the page's memory, and every outcome in the caller's words (node/wording). */
export function nodePorts(memory: LoginMemory, words: CallerWords): LoginPorts {
  return { secret: givenSecret, memory, say: (outcome) => outcomeInCallerWords(outcome, words) };
}

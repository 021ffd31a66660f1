import { error, type Outcome } from '../../model/outcome';
import type { PageResult } from '../../model/protocol';

type Refusal = Extract<PageResult, { ok: false }>;

/** Kustomer's own sentences for the page's refusals; the shared ones are in model/outcome. */
export function problemOutcome(result: Refusal, seconds: number): Outcome | undefined {
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
    default:
      return undefined;
  }
}

/** Why Kustomer's server refuses a token, most likely first (the "valid on jwt.io, still 401" cases). */
export function refusalCauses(status: number, environmentName: string): string[] {
  if (status === 401 || status === 403) {
    return [
      `the secret of environment "${environmentName}" is not this org's chat signing secret (it is another org's, or was pasted incompletely)`,
      "the token's iat is more than 15 minutes old or in the future: check this computer's clock",
      'the secret was decoded as base64 somewhere: Kustomer uses it as a plain string',
    ];
  }
  if (status === 400 || status === 422) return ['the token has neither externalId nor email, or a claim of the wrong type'];
  if (status === 404) return ["the page's chat key names an org this API host does not know (another pod or region)"];
  if (status === 429) return ['too many logins in a short time: wait a minute and try again'];
  return [];
}

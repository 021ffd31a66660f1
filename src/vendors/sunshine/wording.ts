import { error, type Outcome } from '../../model/outcome';
import type { PageResult } from '../../model/protocol';

type Refusal = Extract<PageResult, { ok: false }>;

/** Sunshine Conversations' own sentences for the page's refusals; the shared ones are in model/outcome. */
export function problemOutcome(result: Refusal, seconds: number): Outcome | undefined {
  if (result.problem === 'no-sdk') {
    const waited = (result.waitedMs ?? 0) >= 100 ? `, and none appeared in ${((result.waitedMs ?? 0) / 1000).toFixed(1)} s` : '';
    return error(
      `No Sunshine Conversations Web Messenger on this page (no window.Smooch and no cdn.smooch.io loader${waited}). Open a page that loads the Web Messenger; if the site adds it later, do that first and try again.`,
    );
  }
  if (result.problem === 'sdk-error' && result.call === 'login') {
    // A rejection with no HTTP status is what the page sees of an answer without CORS headers
    // (an expired token's 401): only the request's own answer can say more.
    return error(
      `Smooch.login rejected: ${result.message ?? 'no message'}. No answer from Sunshine Conversations' server was seen: if the page's network panel shows a 401 for the login request, the token was refused (an expired token's 401 reaches the page only as a network error).`,
    );
  }
  if (result.problem === 'sdk-timeout' && result.call === 'login') {
    return error(`Smooch.login did not settle within ${seconds} s: the Web Messenger may not have been initialised (Smooch.init), or it is slow: raise the SDK timeout in Options.`);
  }
  return undefined;
}

/** What the page sees of an answer without CORS headers: fetch's network error, no HTTP status. */
const NETWORK_ERROR = /failed to fetch|networkerror|load failed|network request failed/i;

/** What the widget's error says (its `description`), and the cause (an index in the list below) it names. */
const NAMED: [RegExp, number][] = [
  [/invalid jwt signature/i, 0],
  [NETWORK_ERROR, 1],
  [/expired jwt/i, 1],
  [/key id \(kid\)/i, 2],
  [/invalid jwt body|does not match the jwt/i, 3],
];

/**
 * Why Sunshine Conversations refuses a token, most likely first (the "valid on jwt.io, still 401"
 * cases); the one the widget's error names leads. A 401 the page saw only as a network error is
 * the expired token's: the API answers it without CORS headers.
 */
export function refusalCauses(status: number, environmentName: string, said = ''): string[] {
  if (status === 401 || status === 403) {
    const causes = [
      `the secret of environment "${environmentName}" is not the secret of the app key its Key ID names (a wrong secret: invalid_auth)`,
      "the token's exp has passed (or this machine's clock is behind the server's): Sunshine answers an expired token with a 401 that carries no CORS header, so the page sees only a network error and onInvalidAuth never runs; mint a fresh token",
      `the Key ID (kid) of environment "${environmentName}" is missing or is not this app's key id (401 invalid_auth "Invalid JWT header. Missing key id (kid)")`,
      'the token lacks scope "user" or external_id, or external_id is not the id Smooch.login was given',
      'the secret was decoded as base64 somewhere: Sunshine uses it as a plain string',
    ];
    const named = NAMED.find(([pattern]) => pattern.test(said))?.[1];
    return named === undefined ? causes : [causes[named] as string, ...causes.filter((_, i) => i !== named)];
  }
  if (status === 404) return ["the app id in the login request's path is not an app this API host knows (Smooch.init names another app, or another region's API)"];
  if (status === 409) return ['the external_id is already linked to another user of this app: the token is valid; log in with another External ID'];
  if (status === 429) return ['too many logins in a short time: wait a minute and try again'];
  return [];
}

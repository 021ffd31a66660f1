import { error, type Outcome } from '../../model/outcome';
import type { PageResult } from '../../model/protocol';

type Refusal = Extract<PageResult, { ok: false }>;

/**
 * Zendesk answers 409 Conflict when the token's external_id is already linked to another
 * identity: the token is good (secret and Key ID are not the cause), the account's users are.
 */
const CONFLICT =
  'the External ID is already linked to another identity in this Zendesk account (HTTP 409 Conflict): the token itself is valid, so the secret and Key ID are not the cause; log in with another External ID, or merge or unlink that user in Zendesk';

/** Zendesk Messaging's own sentences for the page's refusals; the shared ones are in model/outcome. */
export function problemOutcome(result: Refusal): Outcome | undefined {
  if (result.problem === 'no-sdk') {
    const waited = (result.waitedMs ?? 0) >= 100 ? `, and none appeared in ${((result.waitedMs ?? 0) / 1000).toFixed(1)} s` : '';
    return error(
      `No Zendesk Messaging widget on this page (no window.zE and no ze-snippet loader${waited}). Open a page that loads the widget; if the site adds it later (after a consent banner, on another route), do that first and try again.`,
    );
  }
  if (result.problem === 'sdk-error' && result.call === 'login' && /\bconflict\b/i.test(result.message ?? '')) {
    return error(`Zendesk did not log this user in (zE('messenger', 'loginUser') called back with an error: ${result.message}): ${CONFLICT}.`);
  }
  if (result.problem === 'sdk-error' && result.call === 'login') {
    return error(`Zendesk refused the login (zE('messenger', 'loginUser') called back with an error): ${result.message ?? 'no message'}`);
  }
  if (result.problem === 'sdk-timeout' && result.call === 'login') {
    return error(
      "zE('messenger', 'loginUser') never called back: the Zendesk widget may not have booted (check the page's console and network for the widget's requests), or it is slow: raise the SDK timeout in Options.",
    );
  }
  return undefined;
}

/** The error codes Zendesk's login answers with (the widget's LoginFailedError names one), and the cause each means. */
const NAMED: [RegExp, number][] = [
  [/\binvalid_kid\b/, 0],
  [/\binvalid_signature\b/, 1],
  [/\b(invalid_scope|expired_token|invalid_external_id)\b/, 2],
];

/** Why Zendesk's server refuses a token, most likely first (the "valid on jwt.io, still 401" cases); the one the widget's error code names leads. */
export function refusalCauses(status: number, environmentName: string, said = ''): string[] {
  if (status === 401 || status === 403) {
    const causes = [
      `the Key ID (kid) of environment "${environmentName}" is not the app_… id shown beside this signing key, or is missing`,
      `the secret of environment "${environmentName}" is not this signing key's secret`,
      'the token lacks scope "user" or external_id, or its exp has passed',
      'the secret was decoded as base64 somewhere: Zendesk uses it as a plain string',
    ];
    const named = NAMED.find(([code]) => code.test(said))?.[1];
    return named === undefined ? causes : [causes[named] as string, ...causes.filter((_, i) => i !== named)];
  }
  if (status === 400 || status === 422) return ['a claim has the wrong type: external_id must be a string of at most 255 characters'];
  if (status === 409) return [CONFLICT];
  if (status === 404) return ["the widget's key names an account this API host does not know"];
  if (status === 429) return ['too many logins in a short time: wait a minute and try again'];
  return [];
}

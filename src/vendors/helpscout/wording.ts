import { error, type Outcome } from '../../model/outcome';
import type { PageResult } from '../../model/protocol';

type Refusal = Extract<PageResult, { ok: false }>;

/** Help Scout's Beacon's own sentences for the page's refusals; the shared ones are in model/outcome. */
export function problemOutcome(result: Refusal, seconds: number): Outcome | undefined {
  if (result.problem === 'no-sdk') {
    const waited = (result.waitedMs ?? 0) >= 100 ? `, and none appeared in ${((result.waitedMs ?? 0) / 1000).toFixed(1)} s` : '';
    return error(`No Help Scout Beacon on this page (no window.Beacon and no beacon-v2.helpscout.net loader${waited}). Open a page that loads the Beacon; if the site adds it later, do that first and try again.`);
  }
  if (result.problem === 'sdk-timeout') {
    return error(
      `The Beacon did not answer within ${seconds} s. Beacon('identify') tells the page nothing when Help Scout refuses a signature: check the page's network panel for a refused request to Help Scout.`,
    );
  }
  return undefined;
}

/**
 * Why Help Scout's server refuses a signed identity, most likely first. The extension signs the
 * email in lower-case hex, so for its own logins the key comes first; the traps of a site's own
 * server code follow, the base64 one named: one crawl of Help Scout's docs shows a Python sample
 * that base64-encodes the digest, which the Beacon refuses.
 */
export function refusalCauses(status: number, environmentName: string): string[] {
  if (status === 401 || status === 403) {
    return [
      `the secret of environment "${environmentName}" is not this Beacon's secure-mode key (another Beacon's or another Help Scout account's key)`,
      "the signature signs another field than the email the Beacon is given (a user id, or the email with other case or spaces)",
      "the signature is base64 where the Beacon compares hex: a copy of the docs' Python sample that base64-encodes the digest (use hexdigest())",
      'the signature is in capital hex where the Beacon compares lower case',
    ];
  }
  if (status === 400 || status === 422) return ['the email is not an email address'];
  if (status === 404) return ["the Beacon ID names no Beacon: copy it from the page's Beacon('init') call"];
  if (status === 429) return ['too many identifications in a short time: wait a minute and try again'];
  return [];
}

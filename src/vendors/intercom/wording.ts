import { error, type Outcome } from '../../model/outcome';
import type { PageResult } from '../../model/protocol';
import type { VendorEnvironment } from '../../model/vendor';
import { usesUserHash } from './claims';

type Refusal = Extract<PageResult, { ok: false }>;

/** Intercom's own sentences for the page's refusals; the shared ones are in model/outcome. */
export function problemOutcome(result: Refusal, seconds: number): Outcome | undefined {
  if (result.problem === 'no-sdk') {
    const waited = (result.waitedMs ?? 0) >= 100 ? `, and none appeared in ${((result.waitedMs ?? 0) / 1000).toFixed(1)} s` : '';
    return error(
      `No Intercom Messenger on this page (no window.Intercom and no widget.intercom.io loader${waited}). Open a page that loads the Messenger; if the site adds it later, do that first and try again.`,
    );
  }
  if (result.problem === 'sdk-timeout' && (result.call === 'boot' || result.call === 'login')) {
    return error(
      `The Intercom Messenger did not boot with this token within ${seconds} s. Intercom tells the page nothing when it refuses a token: check the User ID and the environment's secret, and look for a refused "ping" request in the page's network panel.`,
    );
  }
  if (result.problem === 'sdk-error' && result.call === 'boot') return error(`Intercom could not boot: ${result.message ?? 'no message'}`);
  return undefined;
}

/** Why Intercom's server refuses a token or user_hash, most likely first (the "valid on jwt.io, still 401" cases). */
export function refusalCauses(status: number, environmentName: string, _said?: string, settings?: VendorEnvironment): string[] {
  if ((status === 401 || status === 403) && usesUserHash(settings)) {
    // This tool signs the right field in lower-case hex itself: for its own logins the secret is
    // the likely cause; then the traps of hand-written identity verification code, then the setup.
    return [
      `the secret of environment "${environmentName}" is not this workspace's identity verification secret (another workspace's, or the Messenger API secret for JWTs)`,
      'the user_hash signs the wrong field: Intercom hashes the user_id when the boot names one, the email only when there is no user_id',
      'the user_hash is base64: Intercom compares the hex digest (digest(\'hex\') in Node, hexdigest() in Python)',
      'the user_hash is upper-case hex: send it in lower case, as the digest writes it',
      'this workspace verifies by JWT, not user_hash (Intercom → Settings → Channels → Messenger → Security): set Identity verification to JWT in Options',
    ];
  }
  if (status === 401 || status === 403) {
    return [
      `the secret of environment "${environmentName}" is not this workspace's Messenger API secret (Settings → Security → Messenger)`,
      "the token's user_id is missing or not a string, or its exp has passed",
      'the Messenger booted another workspace (app_id), or the workspace does not enforce JWT identity for this app',
      'the secret was decoded as base64 somewhere: Intercom uses it as a plain string',
      'this workspace verifies by user_hash (identity verification), not JWT: set Identity verification to user_hash in Options',
    ];
  }
  if (status === 400 || status === 422) return ['a user attribute has the wrong type: user_id and email must be strings'];
  if (status === 404) {
    return ["the workspace lives in another region: the page's api_base (window.intercomSettings) must name the region's API host"];
  }
  if (status === 429) return ['too many boots in a short time: wait a minute and try again'];
  return [];
}

import { error, type Outcome } from '../../model/outcome';
import type { PageResult } from '../../model/protocol';

type Refusal = Extract<PageResult, { ok: false }>;

/** Chatwoot's own sentences for the page's refusals; the shared ones are in model/outcome. */
export function problemOutcome(result: Refusal, seconds: number): Outcome | undefined {
  if (result.problem === 'no-sdk') {
    return error(
      'No Chatwoot widget on this page (no window.$chatwoot and no Chatwoot sdk.js loader). Open a page that runs the Chatwoot snippet (window.chatwootSDK.run); if the site adds it later, do that first and try again.',
    );
  }
  if (result.problem === 'not-started') {
    return error(
      `The Chatwoot widget did not finish loading within ${seconds} s ($chatwoot.hasLoaded stayed false): its frame never said it had loaded. Check that the page's Base URL and website token are right, and the page's network panel for the /widget frame.`,
    );
  }
  if (result.problem === 'sdk-threw' && result.call === 'setUser') {
    return error(`$chatwoot.setUser refused the user before sending anything: ${result.message ?? 'no message'}. Enter an Identifier and an Email or a Name.`);
  }
  if (result.problem === 'sdk-error' && result.call === 'reset') {
    return error(
      `$chatwoot.reset() did not log the user out: ${result.message ?? 'no message'}. The widget's session stays on this page; check the site's Chatwoot SDK version and whether the page keeps its own cookies.`,
    );
  }
  if (result.problem === 'sdk-error' && result.call === 'setUser' && result.message?.includes('sent nothing')) {
    return error(
      "$chatwoot.setUser sent nothing: the widget already holds this user (its cw_user_… cookie) and skips an identical setUser, so there is no server answer to judge. Log out first, then log in again.",
    );
  }
  if (result.problem === 'sdk-timeout' && result.call === 'reset') {
    return error(`$chatwoot.reset() was called, but the widget's frame did not load again within ${seconds} s: the previous user may still be set. Reload the page and try again.`);
  }
  return undefined;
}

/** Why Chatwoot's server refuses an identifier_hash, most likely first (the HMAC traps). */
export function refusalCauses(status: number, environmentName: string): string[] {
  if (status === 401) {
    // This tool always signs the identifier in lower-case hex: for its own logins the key is the
    // likely cause; the traps after it are what a site's own server code gets wrong.
    return [
      `the secret of environment "${environmentName}" is another inbox's HMAC token (each website inbox has its own: Settings → Inboxes → Configuration → Identity validation)`,
      'the hash is of the wrong field: Chatwoot signs the identifier, not the email',
      'the hash is base64: Chatwoot compares the hex digest (64 characters, 0-9 a-f)',
      'the hex is upper case: Chatwoot compares it as lower-case text',
      'no identifier_hash was sent and the inbox enforces identity validation',
    ];
  }
  if (status === 404) return ["the website token names no inbox on this Chatwoot server: compare the snippet's websiteToken and BASE_URL with the inbox's"];
  if (status === 422) return ['the email is taken by another contact of this inbox, or a field has the wrong type'];
  return [];
}

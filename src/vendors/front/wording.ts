import { error, type Outcome } from '../../model/outcome';
import type { PageResult } from '../../model/protocol';

type Refusal = Extract<PageResult, { ok: false }>;

/** Front Chat's own sentences for the page's refusals; the shared ones are in model/outcome. */
export function problemOutcome(result: Refusal, seconds: number): Outcome | undefined {
  if (result.problem === 'no-sdk') {
    const waited = (result.waitedMs ?? 0) >= 100 ? `, and none appeared in ${((result.waitedMs ?? 0) / 1000).toFixed(1)} s` : '';
    return error(
      `No Front Chat widget on this page (no window.FrontChat and no chat-assets.frontapp.com loader${waited}). Open a page that loads the widget; if the site adds it later, do that first and try again.`,
    );
  }
  if (result.problem === 'sdk-error' && result.call === 'init') return error(`Front Chat could not start: ${result.message ?? 'no message'}`);
  if (result.problem === 'sdk-timeout') {
    return error(
      `Front Chat did not answer within ${seconds} s. FrontChat('init') tells the page nothing when Front refuses a user hash: check the page's network panel for a refused request to Front.`,
    );
  }
  return undefined;
}

/**
 * Why Front's server refuses a signed identity, most likely first. The extension signs the right
 * field in lower-case hex, so for its own logins the secret comes first; the traps of a site's
 * own server code follow, as the inspector names them.
 */
export function refusalCauses(status: number, environmentName: string): string[] {
  if (status === 401 || status === 403) {
    return [
      `the secret of environment "${environmentName}" is not this chat channel's verification secret (another inbox's or workspace's key)`,
      'the user hash signs the wrong field: Front signs the User ID when one is given, and the email only when there is none',
      'the user hash is base64 where Front compares hex',
      'the user hash is in capital hex where Front compares lower case',
    ];
  }
  if (status === 400 || status === 422) return ['the email is not an email address, or the chatId names no chat channel'];
  if (status === 404) return ["the Chat ID names no Front chat channel: copy it from the page's FrontChat('init') call"];
  if (status === 429) return ['too many identifications in a short time: wait a minute and try again'];
  return [];
}

import { error, type Outcome } from '../../core/outcome';
import type { PageResult } from '../../page/protocol';

type Refusal = Extract<PageResult, { ok: false }>;

/** Zendesk Messaging's own sentences for the page's refusals; the shared ones are in core/outcome. */
export function problemOutcome(result: Refusal): Outcome | undefined {
  if (result.problem === 'no-sdk') {
    const waited = (result.waitedMs ?? 0) >= 100 ? `, and none appeared in ${((result.waitedMs ?? 0) / 1000).toFixed(1)} s` : '';
    return error(
      `No Zendesk Messaging widget on this page (no window.zE and no ze-snippet loader${waited}). Open a page that loads the widget; if the site adds it later (after a consent banner, on another route), do that first and try again.`,
    );
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

import type { PageResult } from '../model/protocol';
import type { ChatVendor } from '../model/vendor';
import { loadedVendor, vendorName } from '../vendors/registry';
import { error, type Outcome } from '../model/outcome';
import type { Environment, Settings } from '../model/schema';

/**
 * What a page's refusal means for the environment's vendor: in the vendor's words where they
 * are its own (no widget, not started), in shared words otherwise. `vendor` is the one the
 * action resolved (its page command is what answered); without it, the loaded one is asked for.
 */
export function problemOutcome(
  result: Extract<PageResult, { ok: false }>,
  settings: Settings,
  environment?: Environment,
  vendor: ChatVendor | undefined = loadedVendor(environment?.vendor),
): Outcome {
  if (!vendor) throw new Error('A page answered before its chat vendor was loaded.');
  const seconds = settings.sdkTimeoutSeconds;
  const others = result.report?.others ?? [];
  if ((result.problem === 'no-sdk' || result.problem === 'sdk-not-loaded') && others.length > 0) {
    const names = others.map(vendorName).join(' and ');
    return error(
      `This page has ${names}, not the ${vendor.widget}${environment ? `, but environment ${environment.name} is for ${vendor.name}` : ''}. Pick the right chat vendor for this environment in Options, or open a page with the ${vendor.widget}.`,
      environment ? { kind: 'open-options', environmentId: environment.id } : undefined,
    );
  }
  const own = vendor.problemOutcome(result, seconds);
  if (own) return own;
  const call = vendor.callName(result.call);
  switch (result.problem) {
    case 'no-sdk':
      return error(`No ${vendor.widget} on this page. Open a page that loads it; if the site adds it later (after a consent banner, on another route), do that first and try again.`);
    case 'sdk-not-loaded':
    case 'unknown-sdk':
    case 'not-started':
      return error(`The ${vendor.widget} on this page is not ready to log anyone in within ${seconds} s. Check the page's console and network, then try again.`);
    case 'other-page':
      return error('The page navigated away before this ran; nothing was sent. Reopen this popup on the page you are testing.');
    case 'not-ready':
      return error('The chat SDK on this page was not ready: the page changed while this ran. Wait for it to load, then try again.');
    case 'sdk-error':
      return error(`${call} answered with an error: ${result.message ?? 'no message'}`);
    case 'sdk-threw':
      return error(`${call} threw an exception: ${result.message ?? 'no message'}`);
    case 'sdk-timeout':
      return error(`${call} did not answer within ${seconds} s. Reload the page and try again, or raise the SDK timeout in Options.`);
    case 'unsupported':
      return error(`The ${vendor.widget} has no call for this.${vendor.limits ? ` ${vendor.limits}` : ''}`);
    default:
      // A state of the vendor's own SDK that its readiness data names and its wording did not take.
      return error(`The ${vendor.widget} on this page cannot log anyone in (${result.problem}). Check the page's console and network, then try again.`);
  }
}

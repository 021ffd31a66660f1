import type { PageResult } from '../page/protocol';
import { profileOf, vendorName } from '../vendors/registry';
import { type Outcome, pageProblemOutcome } from './outcome';
import type { Environment, Settings } from './schema';

/** What a page's refusal means for the environment's vendor (core/outcome has the sentences). */
export function problemOutcome(result: Extract<PageResult, { ok: false }>, settings: Settings, environment?: Environment): Outcome {
  return pageProblemOutcome(result, settings.sdkTimeoutSeconds, profileOf(environment?.vendor), vendorName, environment);
}

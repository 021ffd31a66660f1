import browser from 'webextension-polyfill';
import type { CheckReport } from '../model/check-report';
import { extensionPage } from '../page-bridge/extension-page';
import type { TargetPage } from '../page-bridge/target-page';
import { type CheckRunOptions as SessionCheckOptions, runIntegrationCheck as runOn } from '../session/integration-check';
import { originOf } from '../sites/sites';
import { seenOn } from '../storage/seen-tokens';
import { extensionPorts } from './login';

/**
 * The integration check on the tester's tab: session/integration-check's run, with the
 * extension's login ports (its secret, its memory of who is logged in on the tab) and what its
 * login observer saw. Runs on an extension page, so it keeps going when the popup closes.
 */
export { consentText, planned } from '../session/integration-check';

/** session/'s options, with the tab in place of the page and the ports the extension fills in. */
export type CheckRunOptions = Omit<SessionCheckOptions, 'page' | 'ports' | 'siteTokens' | 'version'> & { target: TargetPage };

export function runIntegrationCheck(options: CheckRunOptions): Promise<CheckReport> {
  const { target, environment } = options;
  const origin = target.url ? originOf(target.url) : undefined;
  return runOn({
    ...options,
    page: extensionPage(target),
    ports: extensionPorts(target, environment),
    siteTokens: () => seenOn(target.tabId, { origin, environmentId: environment.id }),
    version: browser.runtime.getManifest().version,
    secretWords: `the secret of environment "${environment.name}" (Options)`,
  });
}

/**
 * The integration check on a Playwright page: session/integration-check's run (the extension's
 * own), with the Node package's login ports. Nothing watches the site's own logins here, so "The site's own
 * tokens" is skipped (the extension's login observer does that check).
 */
import type { CheckReport, CheckResult } from '../model/check-report';
import type { Environment, Settings } from '../model/schema';
import { runIntegrationCheck } from '../session/integration-check';
import { type BrowserPage, browserPage } from './browser-page';
import { nodePorts, pageMemory } from './page-login';
import type { CallerWords } from './wording';

export interface SiteCheck {
  page: BrowserPage;
  /** With the plain secret, in memory only. */
  environment: Environment;
  settings: Settings;
  browserName: string;
  version: string;
  onUpdate?: (checks: CheckResult[]) => void;
  signal?: AbortSignal;
  /** Where the secret came from, for the sentences that name it. */
  words: CallerWords;
}

export function checkSite(options: SiteCheck): Promise<CheckReport> {
  const { environment, settings } = options;
  const page = browserPage(options.page);
  return runIntegrationCheck({
    page,
    environment,
    settings,
    browserName: options.browserName,
    version: options.version,
    onUpdate: options.onUpdate ?? (() => {}),
    signal: options.signal ?? new AbortController().signal,
    ports: nodePorts(pageMemory(), options.words),
    siteTokens: async () => undefined,
    secretWords: options.words.secretFrom ? `the secret ${options.words.secretFrom}` : undefined,
  });
}

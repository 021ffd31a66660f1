/**
 * The integration check on a Playwright page: session/integration-check's run (the extension's
 * own), with the Node login path. Nothing watches the site's own logins here, so "The site's own
 * tokens" is skipped (the extension's login observer does that check).
 */
import type { CheckReport, CheckResult } from '../model/check-report';
import type { Environment, Settings } from '../model/schema';
import { runIntegrationCheck } from '../session/integration-check';
import { type BrowserPage, browserPage } from './browser-page';
import { logInFromNode, type PageMemory } from './page-login';
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
  const memory: PageMemory = {};
  return runIntegrationCheck({
    page,
    environment,
    settings,
    browserName: options.browserName,
    version: options.version,
    onUpdate: options.onUpdate ?? (() => {}),
    signal: options.signal ?? new AbortController().signal,
    async logIn(fields, vendor, wait) {
      const claims = vendor.buildClaims(fields);
      if (!claims.ok) return { tone: 'error', message: claims.errors.join(' '), notes: [] };
      return (await logInFromNode({ page, vendor, environment, settings, claims, fields, memory, wait, words: options.words })).outcome;
    },
    loggedIn: async () => (memory.lookup && memory.fields ? { lookup: memory.lookup, fields: memory.fields } : undefined),
    siteTokens: async () => undefined,
  });
}

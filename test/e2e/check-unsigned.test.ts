/**
 * The integration check for a widget known only by its data: a made-up HMAC vendor, registered
 * at run time, that can be given an identity without a signature (features.unsignedLogin) and
 * keeps its session in the page (sessionKeys). On its enforced page every check passes (the
 * HMAC refusals too: the wrong field, base64 for hex); on `?fault=not-enforced` exactly
 * "Identity verification is enforced" fails, saying what that lets anyone do and where the
 * setting is. Through the Node package's check (node/site-check), in headless Chromium.
 */
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM } from '../../scripts/chromium.mjs';
import { reportJson, reportMarkdown } from '../../src/model/check-report';
import { checkSummary } from '../../src/node/check-summary';
import { reportJunit } from '../../src/node/junit';
import { settingsFor } from '../../src/node/setup';
import { checkSite } from '../../src/node/site-check';
import { registerVendor } from '../../src/vendors/registry';
import { OPEN_ID, type OpenSite, openVendor, startOpenSite } from '../fixtures/open-hmac-vendor/index';

const SECRET = 'open-chat-identity-secret-for-tests';
let browser: Browser;
let site: OpenSite;

beforeAll(async () => {
  registerVendor(openVendor);
  site = await startOpenSite(SECRET);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function runCheck(query = '') {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${site.url}${query}`);
  const environment = { id: 'open', name: 'Open staging', vendor: OPEN_ID, sites: [site.url], secret: SECRET, apiOrigins: [site.apiOrigin] };
  const report = await checkSite({
    page,
    environment,
    settings: settingsFor(10),
    browserName: 'Chromium (headless)',
    version: 'test',
    words: { environmentName: environment.name, secretFrom: 'in CHAT_IDENTITY_LAB_SECRET', madeUp: true, audience: 'cli' },
  });
  await page.context().close();
  return { report, results: Object.fromEntries(report.checks.map((c) => [c.title, c.status])) };
}

describe('the integration check from a vendor’s data alone', () => {
  it('on the enforced page every check passes, the HMAC refusals included; nothing in the report is a signature', async () => {
    const { report, results } = await runCheck();
    expect(results).toEqual({
      Widget: 'passed',
      Login: 'passed',
      'Refusals are real': 'passed',
      'Identity verification is enforced': 'passed',
      'Logout forgets': 'passed',
      'A switch carries nothing of the previous customer': 'passed',
      "The site's own credentials": 'skipped',
    });
    const refusals = report.checks.find((c) => c.id === 'refusals')?.observed.join('\n') ?? '';
    expect(refusals).toMatch(/signing another of its values than the one the vendor signs is refused: Open Chat refused the token \(HTTP 401 from /);
    expect(refusals).toMatch(/in base64 where hex is wanted is refused: Open Chat refused the token \(HTTP 401 from /);
    // Wrong on purpose: no advice about the tester's secret.
    expect(refusals).not.toContain('Most often');
    expect(report.checks.find((c) => c.id === 'enforced')?.observed.join(' ')).toMatch(/OpenChat\.identify with .* and no signature: Open Chat's server answered POST .* HTTP 401.*refused, as it must be/);
    expect(report.checks.find((c) => c.id === 'logout')?.observed.join(' ')).toContain('None of the widget');
    for (const text of [reportMarkdown(report), reportJson(report), reportJunit(report), checkSummary(report)]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toMatch(/\b[0-9a-f]{64}\b/);
    }
  }, 120_000);

  it('on ?fault=not-enforced exactly "Identity verification is enforced" fails: anyone can chat as anyone, and where the setting is', async () => {
    const { report, results } = await runCheck('?fault=not-enforced');
    expect(results['Identity verification is enforced']).toBe('failed');
    for (const [name, status] of Object.entries(results)) if (name !== 'Identity verification is enforced') expect([name, status]).toEqual([name, expect.stringMatching(/passed|skipped/)]);
    const said = report.checks.find((c) => c.id === 'enforced')?.observed.join(' ') ?? '';
    expect(said).toContain('ACCEPTED. Anyone can open this chat as any customer by typing their id.');
    expect(said).toContain('Open Chat → Settings → Security → "Require signed identities"');
  }, 120_000);
});

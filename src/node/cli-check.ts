import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { version } from '../../package.json';
import { counts, reportJson, reportMarkdown } from '../model/check-report';
import { messageOf } from '../model/errors';
import { checkSummary } from './check-summary';
import { asUsage, type Command, EXIT, forTerminal, readSecret, UsageError } from './cli-kit';
import { findBrowser } from './find-browser';
import { loadFailureJunit, reportJunit } from './junit';
import { environmentFor, settingsFor, vendorFor } from './setup';
import { checkSite } from './site-check';
import { checkable, type SettingFlags, settingFlags, vendorChoice } from './cli-settings';

function help(flags: SettingFlags): string {
  return `chat-identity-lab check: run the integration check on a site in headless Chromium, as the extension's check page does

Usage:
  chat-identity-lab check URL --vendor ${checkable().join('|')} [--api-origin ORIGIN]… [--junit FILE] [--json FILE] [--markdown FILE] [--browser PATH] [--timeout SECONDS]

  URL                 the staging page with the chat widget (http or https)
  --vendor V          ${vendorChoice(checkable())} (the check tests the vendor's own promises)
${flags.help.join('\n')}
  --api-origin ORIGIN an origin that answers for the vendor besides its own hosts (a self-hosted
                      server, a proxy, a test server); repeat for more. Only the vendor's hosts'
                      and these answers are evidence of a login
  --name NAME         the environment's name in the report (default: the site's host)
  --junit FILE        write JUnit XML: one test case per check, a failure per failed check
  --json FILE         write the report as JSON
  --markdown FILE     write the report as Markdown, for a ticket (the terminal gets a plain summary)
  --browser PATH      the Chromium or Chrome to drive (default: CHAT_IDENTITY_LAB_BROWSER,
                      /usr/bin/chromium, Chrome, Playwright's own browsers)
  --timeout SECONDS   how long each step waits for the chat (default 10)
  --secret-env NAME   read the secret from NAME instead of CHAT_IDENTITY_LAB_SECRET
  --secret-file PATH  read the secret from a file

It creates a few test customers (ids qa-check-…; conversations too where the widget's checks
start chats) and leaves the page as a new visitor. One JUnit test case per check, named after
its promise. Reports hold no secret and no token or signature. Needs playwright-core installed beside
this package. Exit codes: 0 no check failed, 1 a check failed or the page did not load, 2 a
usage error (bad input, no secret, no browser).
`;
}

export const check: Command = async (args, io) => {
  const flags = await settingFlags();
  const { values, positionals } = parseArgs({
    args,
    options: {
      vendor: { type: 'string' },
      ...flags.options,
      'api-origin': { type: 'string', multiple: true },
      name: { type: 'string' },
      junit: { type: 'string' },
      json: { type: 'string' },
      markdown: { type: 'string' },
      browser: { type: 'string' },
      timeout: { type: 'string' },
      'secret-env': { type: 'string' },
      'secret-file': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) {
    io.out(help(flags));
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError('Pass one URL: the page with the chat widget (chat-identity-lab check --help).');
  const url = siteUrl(positionals[0] as string);
  const vendor = await asUsage(() => vendorFor(values.vendor, 'cli'));
  const seconds = values.timeout === undefined ? undefined : Number(values.timeout);
  if (seconds !== undefined && !(Number.isFinite(seconds) && seconds >= 1 && seconds <= 120)) throw new UsageError('--timeout takes a number of seconds from 1 to 120 (default 10).');
  const settings = settingsFor(seconds);
  const secret = readSecret(values, io.env);
  const options = { vendor: vendor.id, ...flags.values(vendor, values), apiOrigins: values['api-origin'] };
  const environment = { ...(await asUsage(async () => environmentFor(vendor, options, secret.value, true, 'cli'))), name: values.name ?? new URL(url).host };
  const executablePath = findBrowser(values.browser, io.env);

  const { chromium } = await loadPlaywright();
  const browser = await chromium.launch({ executablePath, headless: true }).catch((caught: unknown) => {
    throw new UsageError(`Could not start the browser at ${executablePath}: ${messageOf(caught).split('\n')[0]}. Name another with --browser PATH.`);
  });
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  try {
    const page = await browser.newPage();
    try {
      await page.goto(url, { waitUntil: 'load', timeout: Math.max(settings.sdkTimeoutSeconds * 1000, 30_000) });
    } catch (caught) {
      const why = `The page did not load: ${messageOf(caught).split('\n')[0]}`;
      io.err(`chat-identity-lab: ${forTerminal(why)}. Check the URL and that the site is up.\n`);
      if (values.junit) writeFileSync(values.junit, loadFailureJunit(url, why, vendor.name));
      return EXIT.failed;
    }
    io.err(`Checking ${url} in ${executablePath} (${browser.version()})…\n`);
    const shown = new Set<string>();
    const report = await checkSite({
      page,
      environment,
      settings,
      browserName: `Chromium ${browser.version()} (headless)`,
      version,
      // The report's name is the site's (or --name): no environment of the caller's.
      words: { environmentName: environment.name, secretFrom: secret.from, madeUp: true, audience: 'cli', settings: vendor.settings },
      signal: stop.signal,
      onUpdate: (checks) => {
        for (const c of checks) {
          if ((c.status === 'passed' || c.status === 'failed' || c.status === 'skipped') && !shown.has(c.id)) {
            shown.add(c.id);
            io.err(`  ${c.status.padEnd(7)} ${c.title}\n`);
          }
        }
      },
    });
    io.out(checkSummary(report));
    if (values.markdown) writeFileSync(values.markdown, reportMarkdown(report));
    if (values.json) writeFileSync(values.json, reportJson(report));
    if (values.junit) writeFileSync(values.junit, reportJunit(report));
    return counts(report.checks).failed === 0 && !report.stopped ? EXIT.ok : EXIT.failed;
  } finally {
    process.removeListener('SIGINT', onSignal);
    await browser.close();
  }
};

function siteUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${JSON.stringify(text.slice(0, 80))} is not a URL: pass the page's full address, such as https://staging.example.com/help.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError('Pass an http or https URL.');
  return url.href;
}

/** playwright-core is an optional peer dependency: loaded only here, and named when missing. */
async function loadPlaywright(): Promise<typeof import('playwright-core')> {
  try {
    return await import('playwright-core');
  } catch {
    throw new UsageError('check needs playwright-core: npm install --save-dev playwright-core (it downloads no browser).');
  }
}

// @vitest-environment node
/**
 * The command-line tool's sign and inspect, its usage errors and exit codes, the secret's
 * sources (never argv), and what leaves it: terminal text and JUnit XML made safe. Its words
 * and the package's are the caller's (flags and options, the secret's source), never the
 * popup's (a form's fields, an environment the caller does not have).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { type CheckReport, pendingChecks } from '../../src/model/check-report';
import type { PageResult } from '../../src/model/protocol';
import type { Environment } from '../../src/model/schema';
import type { WireExchange } from '../../src/model/wire';
import { checkSummary } from '../../src/node/check-summary';
import { main } from '../../src/node/cli';
import { forTerminal } from '../../src/node/cli-kit';
import { findBrowser } from '../../src/node/find-browser';
import { reportJunit } from '../../src/node/junit';
import { claimsFor, environmentFor, environmentNameFor, vendorFor } from '../../src/node/setup';
import { outcomeInCallerWords } from '../../src/node/wording';
import { decideLogin } from '../../src/session/login-outcome';
import { problemOutcome } from '../../src/session/vendor-outcome';

const SECRET = 'cli-test-secret-0123456789';

async function cli(argv: string[], env: NodeJS.ProcessEnv = { CHAT_IDENTITY_LAB_SECRET: SECRET }, stdin = '') {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t), env, stdin: async () => stdin });
  return { code, out, err };
}

describe('chat-identity-lab --help', () => {
  it('has help for the tool and each command', async () => {
    expect((await cli(['--help'])).out).toContain('chat-identity-lab check URL --vendor kustomer');
    for (const command of ['sign', 'inspect', 'check']) {
      const { code, out } = await cli([command, '--help']);
      expect(code).toBe(0);
      expect(out).toContain(`chat-identity-lab ${command}`);
      expect(out).toMatch(/Exit codes/);
    }
    const none = await cli([]);
    expect(none.code).toBe(2);
  });

  it('names an unknown command and an unknown option (exit 2)', async () => {
    expect(await cli(['frobnicate'])).toMatchObject({ code: 2, err: expect.stringContaining('Unknown command "frobnicate"') });
    expect(await cli(['sign', '--vendor', 'kustomer', '--external-id', 'a', '--colour'])).toMatchObject({ code: 2, err: expect.stringContaining('--colour') });
  });
});

describe('sign', () => {
  it("signs under each vendor's claim rules, as the popup does", async () => {
    const kustomer = await cli(['sign', '--vendor', 'kustomer', '--external-id', 'cust-1']);
    expect(kustomer.code).toBe(0);
    expect(jwt.verify(kustomer.out.trim(), SECRET, { algorithms: ['HS256'] })).toMatchObject({ externalId: 'cust-1', iat: expect.any(Number) });
    const zendesk = await cli(['sign', '--vendor', 'zendesk', '--user-id', 'zd-1', '--name', 'Zed', '--key-id', 'app_123', '--expires-in', '10m']);
    const decoded = jwt.verify(zendesk.out.trim(), SECRET, { algorithms: ['HS256'], complete: true });
    expect(decoded).toMatchObject({ header: { kid: 'app_123' }, payload: { external_id: 'zd-1', name: 'Zed', scope: 'user' } });
    const payload = decoded.payload as { exp: number; iat: number };
    expect(payload.exp - payload.iat).toBe(600);
    const intercom = await cli(['sign', '--vendor', 'intercom', '--external-id', 'ic-1', '--email', 'ic@example.test', '--json']);
    const json = JSON.parse(intercom.out);
    expect(json).toMatchObject({ header: { alg: 'HS256' }, claims: { user_id: 'ic-1', email: 'ic@example.test' } });
    expect(jwt.verify(json.token, SECRET)).toMatchObject({ user_id: 'ic-1' });
  });

  it('refuses --secret VALUE, saying why, and prints nothing of it', async () => {
    for (const argv of [['sign', '--vendor', 'kustomer', '--secret', 'hunter2'], ['sign', '--secret=hunter2', '--vendor', 'kustomer']]) {
      const { code, out, err } = await cli(argv);
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toContain('shell history');
      expect(err).toContain('CHAT_IDENTITY_LAB_SECRET');
      expect(err).not.toContain('hunter2');
    }
  });

  it('a missing secret names CHAT_IDENTITY_LAB_SECRET; --secret-env and --secret-file are read', async () => {
    expect(await cli(['sign', '--vendor', 'kustomer', '--external-id', 'a'], {})).toMatchObject({ code: 2, err: expect.stringContaining('set CHAT_IDENTITY_LAB_SECRET') });
    expect(await cli(['sign', '--vendor', 'kustomer', '--external-id', 'a', '--secret-env', 'MY_SECRET'], {})).toMatchObject({ code: 2, err: expect.stringContaining('MY_SECRET') });
    const viaEnv = await cli(['sign', '--vendor', 'kustomer', '--external-id', 'a', '--secret-env', 'MY_SECRET'], { MY_SECRET: 'other-secret' });
    expect(jwt.verify(viaEnv.out.trim(), 'other-secret')).toMatchObject({ externalId: 'a' });
    const file = join(mkdtempSync(join(tmpdir(), 'cil-secret-')), 'secret');
    writeFileSync(file, 'file-secret\n');
    const viaFile = await cli(['sign', '--vendor', 'kustomer', '--external-id', 'a', '--secret-file', file], {});
    expect(jwt.verify(viaFile.out.trim(), 'file-secret')).toMatchObject({ externalId: 'a' });
    expect(await cli(['sign', '--vendor', 'kustomer', '--external-id', 'a', '--secret-file', `${file}.missing`], {})).toMatchObject({ code: 2, err: expect.stringContaining('ENOENT') });
  });

  it('unknown vendor, no vendor, bad email, no identity, no Zendesk key id: usage errors that say what to pass', async () => {
    expect(await cli(['sign', '--vendor', 'acme', '--external-id', 'a'])).toMatchObject({ code: 2, err: expect.stringContaining("Unknown vendor \"acme\": pass one of 'kustomer', 'zendesk', 'intercom'") });
    expect(await cli(['sign', '--external-id', 'a'])).toMatchObject({ code: 2, err: expect.stringContaining('Pass --vendor') });
    expect(await cli(['sign', '--vendor', 'kustomer', '--email', 'not-an-email'])).toMatchObject({ code: 2, err: expect.stringContaining('is not an email address') });
    expect((await cli(['sign', '--vendor', 'kustomer'])).code).toBe(2);
    expect(await cli(['sign', '--vendor', 'zendesk', '--external-id', 'a'])).toMatchObject({ code: 2, err: expect.stringContaining('Pass --key-id') });
    expect(await cli(['sign', '--vendor', 'kustomer', '--external-id', 'a', '--expires-in', 'soon'])).toMatchObject({ code: 2, err: expect.stringContaining('--expires-in takes a duration') });
  });
});

describe("sign and chatLogin speak the caller's words, not the popup's", () => {
  it('no identity names the flags (sign) or the options (chatLogin), never the form\'s fields', async () => {
    const none = await cli(['sign', '--vendor', 'kustomer']);
    expect(none).toMatchObject({ code: 2, err: 'chat-identity-lab: Pass --external-id or --email: the customer the token is for.\n' });
    expect((await cli(['sign', '--vendor', 'zendesk', '--key-id', 'app_1', '--email', 'a@example.test'])).err).toBe(
      'chat-identity-lab: Pass --external-id: Zendesk Messaging identifies the user by external_id.\n',
    );
    expect((await cli(['sign', '--vendor', 'intercom'])).err).toBe('chat-identity-lab: Pass --external-id: Intercom identifies the user by user_id.\n');
    expect(() => claimsFor(kustomerVendor, {})).toThrow(new TypeError('Pass externalId or email: the customer the token is for.'));
    for (const said of [none.err, (await cli(['sign', '--vendor', 'intercom'])).err]) expect(said).not.toMatch(/Enter|External ID|User ID/);
  });

  it('a missing Zendesk key id: the flag or option, then the help as a sentence of its own (no brackets inside brackets)', async () => {
    const { code, err } = await cli(['sign', '--vendor', 'zendesk', '--external-id', 'a']);
    expect(code).toBe(2);
    expect(err).toMatch(/^chat-identity-lab: Pass --key-id for Zendesk Messaging, its Key ID\. The key id shown beside the signing secret \(app_…\)/);
    expect(err).not.toMatch(/\([^)]*\(/);
    expect(() => environmentFor(zendeskVendor, { vendor: 'zendesk' }, 's')).toThrow(/^Pass keyId for Zendesk Messaging, its Key ID\. /);
    expect(await cli(['sign', '--vendor', 'zendesk', '--external-id', 'a', '--key-id', 'app 1'])).toMatchObject({ code: 2, err: expect.stringContaining('--key-id: The Key ID has no spaces') });
  });

  it('--vendor takes the vendor in any case', async () => {
    for (const [given, claim] of [['Kustomer', 'externalId'], ['KUSTOMER', 'externalId'], ['Intercom', 'user_id']] as const) {
      const signed = await cli(['sign', '--vendor', given, '--external-id', 'cust-1']);
      expect(signed.code, signed.err).toBe(0);
      expect(jwt.verify(signed.out.trim(), SECRET)).toMatchObject({ [claim]: 'cust-1' });
    }
    expect((await cli(['sign', '--vendor', 'Zendesk', '--external-id', 'a', '--key-id', 'app_1'])).code).toBe(0);
    expect(await cli(['inspect', '--vendor', 'Kustomer', (await cli(['sign', '--vendor', 'kustomer', '--external-id', 'a'])).out.trim()])).toMatchObject({ code: 0, out: expect.stringContaining('Vendor: Kustomer (as given)') });
    expect(await cli(['sign', '--vendor', 'Acme', '--external-id', 'a'])).toMatchObject({ code: 2, err: expect.stringContaining('Unknown vendor "Acme"') });
  });

  it.each(['kustomer', 'zendesk', 'intercom'] as const)("%s: a refusal names where the secret came from, never the made-up environment", async (id) => {
    const vendor = await vendorFor(id);
    const environmentName = environmentNameFor(vendor);
    const refused = refusal(vendor, environmentName);
    // The shared sentence names the environment it was given…
    expect(`${refused.message} ${refused.notes.join(' ')}`).toContain(`the secret of environment "${environmentName}"`);
    // …which chatLogin and the tool put in their own words.
    for (const [secretFrom, shown] of [
      ["passed as chatLogin's secret option", "the secret passed as chatLogin's secret option is not"],
      ['in CHAT_IDENTITY_LAB_SECRET', 'the secret in CHAT_IDENTITY_LAB_SECRET is not'],
      ['in MY_SECRET (--secret-env)', 'the secret in MY_SECRET (--secret-env) is not'],
    ]) {
      const said = outcomeInCallerWords(refused, { environmentName, secretFrom: secretFrom as string, madeUp: true, audience: 'api' });
      const text = `${said.message} ${said.notes.join(' ')}`;
      expect(text).toContain(shown);
      expect(text).not.toContain('chat-identity-lab)');
      expect(text).not.toMatch(/environment "/);
    }
    // An environment of the caller's own (an Options export) keeps its name, with the variable the secret came from.
    const own = outcomeInCallerWords(refusal(vendor, 'Acme staging'), { environmentName: 'Acme staging', secretFrom: 'in CHAT_IDENTITY_LAB_SECRET_ACME_STAGING', madeUp: false, audience: 'api' });
    expect(`${own.message} ${own.notes.join(' ')}`).toContain('the secret of environment "Acme staging" (in CHAT_IDENTITY_LAB_SECRET_ACME_STAGING)');
  });

  it('a page with another vendor: no environment and no Options in the sentence', async () => {
    const vendor = await vendorFor('kustomer');
    const environment = environmentFor(vendor, { vendor: 'kustomer' }, 's');
    const result = { ok: false, problem: 'no-sdk', report: { others: ['zendesk'] } } as unknown as Extract<PageResult, { ok: false }>;
    const popup = problemOutcome(result, { sdkTimeoutSeconds: 4, kustomerApiUrl: '' } as never, environment, vendor);
    expect(popup.message).toContain(`environment ${environment.name} is for Kustomer`);
    const said = outcomeInCallerWords(popup, { environmentName: environment.name, secretFrom: 'in CHAT_IDENTITY_LAB_SECRET', madeUp: true, audience: 'cli' });
    expect(said.message).toMatch(/^This page has Zendesk Messaging, not the .*, but you asked for Kustomer\. Pass the page's chat vendor as --vendor, or open a page/);
    expect(said.message).not.toMatch(/environment|Options/);
    // The popup's other "in Options" advice, as the option or flag that does it.
    const advice = "only to other hosts; if this site's widget talks to a server of its own, list it as the environment's API origin in Options. Or raise the SDK timeout in Options.";
    expect(outcomeInCallerWords({ message: advice, notes: [] }, { environmentName: 'x', secretFrom: '', madeUp: true, audience: 'api' }).message).toBe(
      "only to other hosts; if this site's widget talks to a server of its own, pass it as apiOrigins. Or raise timeoutSeconds.",
    );
    expect(outcomeInCallerWords({ message: advice, notes: [] }, { environmentName: 'x', secretFrom: '', madeUp: true, audience: 'cli' }).message).toContain('pass it as --api-origin. Or raise --timeout.');
  });
});

describe('inspect', () => {
  it('prints the findings under the guessed vendor; exit 1 on an error finding; - reads standard input', async () => {
    const token = (await cli(['sign', '--vendor', 'intercom', '--external-id', 'ic-1'])).out.trim();
    const fine = await cli(['inspect', token]);
    expect(fine).toMatchObject({ code: 0, out: expect.stringContaining('Vendor: Intercom (guessed from the claims)') });
    expect(fine.out).not.toContain(token.split('.')[2]);
    const viaStdin = await cli(['inspect', '-', '--json'], undefined, `${token}\n`);
    expect(JSON.parse(viaStdin.out)).toMatchObject({ vendor: 'intercom', payload: { user_id: 'ic-1' } });
    const rs256 = `${Buffer.from('{"alg":"RS256","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"externalId":"x","iat":1}').toString('base64url')}.c2ln`;
    const bad = await cli(['inspect', rs256, '--vendor', 'kustomer']);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('error: The header says alg "RS256"');
    expect((await cli(['inspect'])).code).toBe(2);
  });

  it('strips control characters from what it prints (a hostile token cannot drive the terminal)', async () => {
    const hostile = `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"externalId":"\\u001b]0;pwned\\u0007x","iat":1}').toString('base64url')}.c2ln`;
    const { out } = await cli(['inspect', hostile, '--vendor', 'kustomer']);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for what must not be there.
    expect(out).not.toMatch(/[\u001b\u0007]/);
    expect(forTerminal('a\u001b[2Jb\u202ec\nd')).toBe('a\uFFFD[2Jb\uFFFDc\nd');
  });
});

describe('inspect: the signature, with the secret when there is one', () => {
  const token = () => jwt.sign({ externalId: 'cust-1', iat: Math.floor(Date.now() / 1000) }, SECRET, { algorithm: 'HS256' });

  it('valid with the given secret (CHAT_IDENTITY_LAB_SECRET, --secret-env, --secret-file)', async () => {
    expect(await cli(['inspect', token()])).toMatchObject({ code: 0, out: expect.stringContaining('Signature: valid with the given secret (the secret in CHAT_IDENTITY_LAB_SECRET).') });
    expect(await cli(['inspect', token(), '--secret-env', 'MY_SECRET'], { MY_SECRET: SECRET })).toMatchObject({ code: 0, out: expect.stringContaining('Signature: valid with the given secret (the secret in MY_SECRET (--secret-env)).') });
    const file = join(mkdtempSync(join(tmpdir(), 'cil-secret-')), 'secret');
    writeFileSync(file, `${SECRET}\n`);
    expect(await cli(['inspect', token(), '--secret-file', file], {})).toMatchObject({ code: 0, out: expect.stringContaining('Signature: valid with the given secret') });
    expect(JSON.parse((await cli(['inspect', token(), '--json'])).out)).toMatchObject({ signature: { verdict: 'valid' } });
  });

  it('not made with the given secret: says the likely causes, exit 1; a secret taken for base64 is caught', async () => {
    const wrong = await cli(['inspect', token()], { CHAT_IDENTITY_LAB_SECRET: 'another-secret' });
    expect(wrong.code).toBe(1);
    expect(wrong.out).toContain('Signature: NOT made with the given secret (the secret in CHAT_IDENTITY_LAB_SECRET): most often the wrong secret, or a secret taken for base64.');
    expect(wrong.out).not.toContain(token().split('.')[2]);
    const b64 = jwt.sign({ externalId: 'cust-1', iat: Math.floor(Date.now() / 1000) }, Buffer.from(SECRET, 'base64'), { algorithm: 'HS256' });
    expect(await cli(['inspect', b64])).toMatchObject({ code: 1, out: expect.stringContaining('Signature: NOT made with the given secret') });
    expect(JSON.parse((await cli(['inspect', b64, '--json'])).out)).toMatchObject({ signature: { verdict: 'invalid' } });
  });

  it('without a secret: not checked, and how to check it (exit 0); a named source that is missing is a usage error', async () => {
    const unchecked = await cli(['inspect', token()], {});
    expect(unchecked.code).toBe(0);
    expect(unchecked.out).toContain('Signature: not checked: no secret. To check it, set CHAT_IDENTITY_LAB_SECRET to the chat signing secret (or pass --secret-env NAME or --secret-file PATH).');
    expect(JSON.parse((await cli(['inspect', token(), '--json'], {})).out)).toMatchObject({ signature: { verdict: 'not-checked' } });
    expect(await cli(['inspect', token(), '--secret-env', 'MISSING'], {})).toMatchObject({ code: 2, err: expect.stringContaining('MISSING (named by --secret-env) is not set') });
    const rs256 = `${Buffer.from('{"alg":"RS256","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"externalId":"x","iat":1}').toString('base64url')}.c2ln`;
    expect((await cli(['inspect', rs256, '--vendor', 'kustomer'])).out).toContain('Signature: not checked: only HS256 signatures are checked');
  });
});

describe('check: the terminal summary', () => {
  const report = (checks: CheckReport['checks'], extra: Partial<CheckReport> = {}): CheckReport => ({
    format: 'chat-identity-lab-check',
    version: 1,
    environment: { name: 'staging.example.com', site: 'https://staging.example.com/help', org: 'acme' },
    startedAt: new Date(0).toISOString(),
    durationMs: 12_345,
    browser: 'Chromium 140 (headless)',
    extension: '0.1.0',
    idPrefix: 'qa-check-abc',
    checks,
    ...extra,
  });

  it('a headline per check (passed, failed or skipped and its promise), what was seen indented under it; no Markdown', () => {
    const checks = pendingChecks({ features: { integrationCheck: {} } }).map((c, i) => ({ ...c, status: i === 1 ? ('failed' as const) : c.id === 'site-tokens' ? ('skipped' as const) : ('passed' as const), observed: [`seen for ${c.title}`], durationMs: 1_000 }));
    const text = checkSummary(report(checks));
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('Kustomer chat integration check: 9 passed, 1 failed, 1 skipped');
    expect(lines[1]).toBe('  https://staging.example.com/help, org acme');
    expect(checkSummary(report(checks, { environment: { name: 'Acme staging', site: 'https://staging.example.com/help' } })).split('\n')[1]).toBe('  https://staging.example.com/help (Acme staging)');
    expect(lines[2]).toBe("  Chromium 140 (headless), 12.3 s; test customers' ids start qa-check-abc");
    expect(lines.slice(4, 8)).toEqual(['passed   Widget (1.0 s)', '         seen for Widget', 'failed   Login (1.0 s)', '         seen for Login']);
    expect(text).toContain("skipped  The site's own credentials (1.0 s)\n         seen for The site's own credentials\n");
    expect(text).not.toMatch(/[`*#]/);
  });

  it('long lines wrap at spaces under the indent, so nothing runs back to the margin', () => {
    const long = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    const checks = pendingChecks({ features: { integrationCheck: {} } }).map((c) => ({ ...c, status: 'passed' as const, observed: c.id === 'widget' ? [long] : [] }));
    const block = checkSummary(report(checks)).split('\n').filter((line) => line.includes('word'));
    expect(block.length).toBeGreaterThan(2);
    for (const line of block) {
      expect(line).toMatch(/^ {9}word/);
      expect(line.length).toBeLessThanOrEqual(100);
    }
    expect(block.join(' ').replace(/ +/g, ' ').trim()).toBe(long);
  });

  it('page text stays data: hidden characters marked, no signature, and a line break cannot start a headline of its own', () => {
    const hostile = 'SDK said: ok\npassed   Refusals are real\u2028\u001b[2J\u202egnp.exe eyJhbGciOiJIUzI1NiJ9.eyJ4IjoxfQ.abcdefghijklmnopqrstuvwxyz0123456789';
    const checks = pendingChecks({ features: { integrationCheck: {} } }).map((c) => ({ ...c, status: 'skipped' as const, observed: c.id === 'login' ? [hostile] : [] }));
    const text = checkSummary(report(checks, { environment: { name: 'evil\nfailed   Widget', site: 'https://x.test/', org: 'org\u001b]0;t\u0007' } }));
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for what must not be there.
    expect(text).not.toMatch(/[\u001b\u0007\u202e]/);
    expect(text).not.toContain('abcdefghijklmnopqrstuvwxyz0123456789');
    // Every line at the margin is one of ours: the summary's first line, or a check's headline.
    const margin = text.split('\n').filter((line) => /^\S/.test(line));
    expect(margin).toHaveLength(1 + 11);
    expect(margin.filter((line) => line.startsWith('passed'))).toEqual([]);
    expect(text).toContain('         passed   Refusals are real');
    expect(text).toContain('\uFFFD[2J\uFFFDgnp.exe');
  });
});

describe('check: what it needs', () => {
  it('no browser found: says what to install; --browser that does not exist; a bad URL; another vendor', async () => {
    expect(() => findBrowser(undefined, {}, [], [])).toThrow(/No Chromium or Chrome found. Install one \(Debian\/Ubuntu: sudo apt-get install chromium; or npx playwright install chromium\)/);
    expect(await cli(['check', 'http://127.0.0.1:9/', '--vendor', 'kustomer', '--browser', '/no/such/chrome'])).toMatchObject({ code: 2, err: expect.stringContaining('No browser at /no/such/chrome') });
    expect(await cli(['check', 'not a url', '--vendor', 'kustomer'])).toMatchObject({ code: 2, err: expect.stringContaining('is not a URL') });
    expect(await cli(['check', 'http://127.0.0.1:9/', '--vendor', 'kustomer', '--timeout', 'soon'])).toMatchObject({ code: 2, err: expect.stringContaining('--timeout takes a number of seconds') });
    expect(await cli(['check', 'http://127.0.0.1:9/', '--vendor', 'no-such-chat'])).toMatchObject({ code: 2, err: expect.stringContaining('zendesk') });
    expect(await cli(['check', 'http://127.0.0.1:9/', '--vendor', 'kustomer'], {})).toMatchObject({ code: 2, err: expect.stringContaining('CHAT_IDENTITY_LAB_SECRET') });
  });

  it('JUnit: one test case per check named after its promise, failures and skips, page text escaped, no signature', () => {
    const checks = pendingChecks({ features: { integrationCheck: {} } });
    const hostile = 'SDK said: </failure><x a="1"> ]]> \u0000\u001b eyJhbGciOiJIUzI1NiJ9.eyJ4IjoxfQ.abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
    checks[0] = { ...checks[0], status: 'passed', observed: ['ok'] } as (typeof checks)[0];
    checks[1] = { ...checks[1], status: 'failed', observed: [hostile] } as (typeof checks)[1];
    const xml = reportJunit({ format: 'chat-identity-lab-check', version: 1, environment: { name: 'n', site: 'http://127.0.0.1:1' }, startedAt: new Date(0).toISOString(), durationMs: 1, browser: 'b', extension: '0', idPrefix: 'qa-check-x', checks });
    expect(xml.match(/<testcase /g)).toHaveLength(11);
    expect(xml).toContain('name="Login"');
    expect(xml).toContain('name="Logout forgets"');
    expect(xml.match(/<failure /g)).toHaveLength(1);
    expect(xml.match(/<skipped\/>/g)).toHaveLength(9);
    // Well-formed, and the page's text is text: no element of its making.
    const doc = new JSDOM(xml, { contentType: 'text/xml' }).window.document;
    expect(doc.getElementsByTagName('x')).toHaveLength(0);
    expect(doc.querySelector('testcase[name="Login"] failure')?.getAttribute('message')).toContain('SDK said: </failure><x a="1"> ]]>');
    expect(doc.querySelector('testcase[name="Login"] system-out')?.textContent).toContain('</failure><x a="1"> ]]>');
    expect(xml).not.toContain('abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for what must not be there.
    expect(xml).not.toMatch(/[\u0000\u001b]/);
  });
});

const kustomerVendor = await vendorFor('kustomer');
const zendeskVendor = await vendorFor('zendesk');

/** The shared code's refusal for a 401 from the vendor's server, as the popup words it for `environmentName`. */
function refusal(vendor: Awaited<ReturnType<typeof vendorFor>>, environmentName: string) {
  const claims = vendor.buildClaims({ externalId: 'user-1', email: '' });
  if (!claims.ok) throw new Error('no claims');
  const exchange: WireExchange = { method: 'POST', host: 'api.example.test', path: '/login', carried: 'body', at: 1, status: 401, ms: 12, source: 'vendor' };
  const environment: Environment = { id: 'e', name: environmentName, vendor: vendor.id, sites: [], secret: 's' };
  return decideLogin({
    vendor,
    claims,
    page: { ok: false, problem: 'sdk-error', call: 'login', message: 'Invalid token signature' },
    wire: { exchanges: [exchange], elsewhere: [], watched: true, hiddenHosts: [] },
    token: 't',
    environmentName,
    environmentId: 'e',
    timeoutSeconds: 4,
    problem: (r) => problemOutcome(r, { sdkTimeoutSeconds: 4, kustomerApiUrl: '' } as never, environment, vendor),
  }).outcome;
}

// @vitest-environment node
/**
 * The command-line tool's sign and inspect, its usage errors and exit codes, the secret's
 * sources (never argv), and what leaves it: terminal text and JUnit XML made safe.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { pendingChecks } from '../../src/model/check-report';
import { main } from '../../src/node/cli';
import { forTerminal } from '../../src/node/cli-kit';
import { findBrowser } from '../../src/node/find-browser';
import { reportJunit } from '../../src/node/junit';

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

describe('check: what it needs', () => {
  it('no browser found: says what to install; --browser that does not exist; a bad URL; another vendor', async () => {
    expect(() => findBrowser(undefined, {}, [], [])).toThrow(/No Chromium or Chrome found. Install one \(Debian\/Ubuntu: sudo apt-get install chromium; or npx playwright install chromium\)/);
    expect(await cli(['check', 'http://127.0.0.1:9/', '--vendor', 'kustomer', '--browser', '/no/such/chrome'])).toMatchObject({ code: 2, err: expect.stringContaining('No browser at /no/such/chrome') });
    expect(await cli(['check', 'not a url', '--vendor', 'kustomer'])).toMatchObject({ code: 2, err: expect.stringContaining('is not a URL') });
    expect(await cli(['check', 'http://127.0.0.1:9/', '--vendor', 'kustomer', '--timeout', 'soon'])).toMatchObject({ code: 2, err: expect.stringContaining('--timeout takes a number of seconds') });
    expect(await cli(['check', 'http://127.0.0.1:9/', '--vendor', 'zendesk'])).toMatchObject({ code: 2, err: expect.stringContaining('Use --vendor kustomer') });
    expect(await cli(['check', 'http://127.0.0.1:9/', '--vendor', 'kustomer'], {})).toMatchObject({ code: 2, err: expect.stringContaining('CHAT_IDENTITY_LAB_SECRET') });
  });

  it('JUnit: one test case per check named after its promise, failures and skips, page text escaped, no signature', () => {
    const checks = pendingChecks();
    const hostile = 'SDK said: </failure><x a="1"> ]]> \u0000\u001b eyJhbGciOiJIUzI1NiJ9.eyJ4IjoxfQ.abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
    checks[0] = { ...checks[0], status: 'passed', observed: ['ok'] } as (typeof checks)[0];
    checks[1] = { ...checks[1], status: 'failed', observed: [hostile] } as (typeof checks)[1];
    const xml = reportJunit({ format: 'chat-identity-lab-check', version: 1, environment: { name: 'n', site: 'http://127.0.0.1:1' }, startedAt: new Date(0).toISOString(), durationMs: 1, browser: 'b', extension: '0', idPrefix: 'qa-check-x', checks });
    expect(xml.match(/<testcase /g)).toHaveLength(8);
    expect(xml).toContain('name="Login"');
    expect(xml.match(/<failure /g)).toHaveLength(1);
    expect(xml.match(/<skipped\/>/g)).toHaveLength(6);
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

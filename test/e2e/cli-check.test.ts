/**
 * `chat-identity-lab check` against the simulator in headless Chromium (Debian's, found by the
 * tool itself), for every widget: every check passes (or does not apply) on each widget's
 * healthy page (exit 0), and each fault page fails exactly the check for its promise, named in
 * the JUnit file (exit 1). Reports and output hold no secret and no token or signature.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/node/cli';
import { startSimulator } from '../../simulator/server.mjs';

let sim: Awaited<ReturnType<typeof startSimulator>>;
const dir = mkdtempSync(join(tmpdir(), 'cil-check-'));

beforeAll(async () => {
  sim = await startSimulator();
});

afterAll(async () => {
  await sim?.close();
});

/** Each widget's page on the simulator, its secret and its settings' flags: one line per widget. */
const WIDGETS = {
  kustomer: () => ({ page: `${sim.url}/`, secret: sim.secret, flags: [] as string[] }),
  zendesk: () => ({ page: `${sim.url}/zendesk/`, secret: sim.zendesk.secret, flags: ['--key-id', sim.zendesk.keyId] }),
  intercom: () => ({ page: `${sim.url}/intercom/`, secret: sim.intercom.secret, flags: ['--app-id', sim.intercom.appId] }),
} as const;
type Widget = keyof typeof WIDGETS;

async function check(vendor: Widget, query: string, name: string, extra: string[] = []) {
  let out = '';
  let err = '';
  const widget = WIDGETS[vendor]();
  const files = { junit: join(dir, `${name}.xml`), json: join(dir, `${name}.json`), markdown: join(dir, `${name}.md`) };
  const origins = sim.apiOrigins[vendor].flatMap((o) => ['--api-origin', o]);
  const args = ['check', `${widget.page}${query}`, '--vendor', vendor, ...widget.flags, ...origins, '--junit', files.junit, '--json', files.json, '--markdown', files.markdown, ...extra];
  const code = await main(args, {
    out: (t) => (out += t),
    err: (t) => (err += t),
    env: { CHAT_IDENTITY_LAB_SECRET: widget.secret },
    stdin: async () => '',
  });
  return { code, out, err, files, secret: widget.secret };
}

/** Each test case's name and whether it failed or was skipped, from the JUnit XML. */
function cases(xml: string): Record<string, 'passed' | 'failed' | 'skipped'> {
  const result: Record<string, 'passed' | 'failed' | 'skipped'> = {};
  for (const [, name, body] of xml.matchAll(/<testcase [^>]*name="([^"]+)"[^>]*?(?:\/>|>([\s\S]*?)<\/testcase>)/g)) {
    result[(name as string).replace(/&apos;/g, "'")] = body?.includes('<failure') ? 'failed' : body?.includes('<skipped') ? 'skipped' : 'passed';
  }
  return result;
}

const EVERY_WIDGET = ['Widget', 'Login', 'Refusals are real', 'Identity verification is enforced', 'Logout forgets', 'A switch carries nothing of the previous customer', "The site's own credentials"];
const CONVERSATIONS = ['Chats before login are kept', 'No leak between customers', 'History follows the customer', 'Email wins'];

/** No secret, no JWT, no 64-hex signature anywhere. */
function clean(texts: string[], secret: string) {
  for (const text of texts) {
    expect(text).not.toContain(secret);
    expect(text).not.toMatch(/eyJ[\w-]*\.[\w-]*\.[\w-]{10,}/);
    expect(text).not.toMatch(/\b[0-9a-f]{64}\b/);
  }
}

describe('chat-identity-lab check', () => {
  it.each([
    ['kustomer', 'Kustomer', [...EVERY_WIDGET, ...CONVERSATIONS]],
    ['zendesk', 'Zendesk Messaging', EVERY_WIDGET],
  ] as const)('passes on the healthy %s page: exit 0, one test case per promise, Markdown, JSON, no secret or signature', async (vendor, name, promises) => {
    const started = Date.now();
    const { code, out, err, files, secret } = await check(vendor, '', `healthy-${vendor}`);
    expect(err).toContain('passed  Refusals are real');
    expect(out).toMatch(new RegExp(`^${name} chat integration check: `));
    const xml = readFileSync(files.junit, 'utf8');
    expect(Object.keys(cases(xml))).toEqual(promises);
    expect(Object.entries(cases(xml)).filter(([, s]) => s === 'failed')).toEqual([]);
    expect(code).toBe(0);
    // Does not apply (a JWT widget takes no identity without a token) is said, and is no failure.
    expect(out).toMatch(/^n\/a {6}Identity verification is enforced/m);
    expect(out).toContain('1 does not apply');
    // Nothing watches the site's own logins from the command line: that one is skipped.
    expect(out).toMatch(/^skipped {2}The site's own credentials/m);
    // No environment the command line's user does not have: the origin is their --api-origin.
    expect(out).toContain('an --api-origin you passed');
    expect(out).not.toMatch(/this environment|Options/);
    expect(readFileSync(files.markdown, 'utf8')).toContain(`# ${name} chat integration check`);
    expect(JSON.parse(readFileSync(files.json, 'utf8'))).toMatchObject({ format: 'chat-identity-lab-check', checks: expect.any(Array) });
    clean([out, err, xml, readFileSync(files.json, 'utf8'), readFileSync(files.markdown, 'utf8')], secret);
    console.log(`${vendor}: the whole check took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 120_000);

  it('runs what applies on the Intercom page (JWT) and fails nothing', async () => {
    const { code, out, files } = await check('intercom', '', 'healthy-intercom');
    const results = cases(readFileSync(files.junit, 'utf8'));
    expect(Object.keys(results)).toEqual(EVERY_WIDGET);
    expect(results).toMatchObject({ Widget: 'passed', Login: 'passed', 'Refusals are real': 'passed', 'A switch carries nothing of the previous customer': 'passed' });
    expect(Object.entries(results).filter(([, s]) => s === 'failed')).toEqual([]);
    expect(code).toBe(0);
    // Enforcement passes where the widget takes an unsigned identity (features.unsignedLogin); otherwise it does not apply.
    expect(out).toMatch(/^(passed|n\/a) +Identity verification is enforced/m);
  }, 120_000);

  // One line per widget and fault: every widget's simulator page takes the same ?fault= names.
  it.each([
    { vendor: 'kustomer', fault: 'accepts-expired', failing: 'Refusals are real' },
    { vendor: 'kustomer', fault: 'logout-keeps', failing: 'Logout forgets' },
    { vendor: 'kustomer', fault: 'sticky-identity', failing: 'A switch carries nothing of the previous customer' },
    { vendor: 'kustomer', fault: 'leak', failing: 'No leak between customers' },
    { vendor: 'zendesk', fault: 'accepts-expired', failing: 'Refusals are real' },
    { vendor: 'zendesk', fault: 'logout-keeps', failing: 'Logout forgets' },
    { vendor: 'zendesk', fault: 'sticky-identity', failing: 'A switch carries nothing of the previous customer' },
  ] as const)('$vendor ?fault=$fault: exactly "$failing" fails in the JUnit file (exit 1)', async ({ vendor, fault, failing }) => {
    const { code, files, out, err, secret } = await check(vendor, `?fault=${fault}`, `${vendor}-${fault}`);
    const xml = readFileSync(files.junit, 'utf8');
    const results = cases(xml);
    expect(results[failing]).toBe('failed');
    for (const [name, result] of Object.entries(results)) if (name !== failing) expect([name, result]).toEqual([name, expect.stringMatching(/passed|skipped/)]);
    expect(xml).toContain(`<failure message="${failing.replace(/'/g, '&apos;')} failed: `);
    expect(code).toBe(1);
    clean([out, err, xml, readFileSync(files.json, 'utf8'), readFileSync(files.markdown, 'utf8')], secret);
  }, 120_000);

  it('a wrong secret: Login fails naming the variable the secret came from, and Refusals are real is skipped, not blamed on the site', async () => {
    let out = '';
    const files = { junit: join(dir, 'wrong.xml') };
    const code = await main(['check', `${sim.url}/zendesk/`, '--vendor', 'zendesk', '--key-id', sim.zendesk.keyId, ...sim.apiOrigins.zendesk.flatMap((o) => ['--api-origin', o]), '--junit', files.junit], {
      out: (t) => (out += t),
      err: () => {},
      env: { CHAT_IDENTITY_LAB_SECRET: 'not-the-zendesk-secret' },
      stdin: async () => '',
    });
    expect(code).toBe(1);
    expect(cases(readFileSync(files.junit, 'utf8'))).toMatchObject({ Login: 'failed', 'Refusals are real': 'skipped' });
    expect(out).toContain('the secret in CHAT_IDENTITY_LAB_SECRET');
    expect(out).toMatch(/likely cause/);
    expect(out).not.toContain('Options');
    expect(out).not.toContain('not-the-zendesk-secret');
    expect(out).not.toMatch(/refuses without checking/);
  }, 120_000);

  it('a URL that does not load: exit 1, says so, and the JUnit file has that one failure', async () => {
    const closed = await startSimulator();
    const url = `${closed.url}/`;
    await closed.close();
    let err = '';
    const junit = join(dir, 'down.xml');
    const code = await main(['check', url, '--vendor', 'kustomer', '--junit', junit, '--timeout', '3'], { out: () => {}, err: (t) => (err += t), env: { CHAT_IDENTITY_LAB_SECRET: sim.secret }, stdin: async () => '' });
    expect(code).toBe(1);
    expect(err).toMatch(/The page did not load: .*ERR_CONNECTION_REFUSED/);
    expect(cases(readFileSync(junit, 'utf8'))).toEqual({ 'The page loads': 'failed' });
  });
});

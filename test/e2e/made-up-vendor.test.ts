/**
 * A chat vendor is one folder: Acme Chat, made up in test/fixtures/acme-hmac-vendor/ (a profile
 * with one setting, identity fields, an HMAC-SHA256 signature of the email, a self-contained
 * page command, its wording), is registered at run time and then signs (checked here with
 * node:crypto), logs in on its fixture page through the Node package's chatLogin (its server's
 * 200 the evidence), and is refused with a wrong secret (the 401 named). No shared source file
 * names it.
 */
import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM } from '../../scripts/chromium.mjs';
import { main } from '../../src/node/cli';
import { chatLogin, chatLogout } from '../../src/node/playwright';
import { registerVendor } from '../../src/vendors/registry';
import acme from '../fixtures/acme-hmac-vendor/index';
import { ACME_ID } from '../fixtures/acme-hmac-vendor/profile';
import { type AcmeSite, signatureValid, startAcmeSite } from '../fixtures/acme-hmac-vendor/site';

const SECRET = 'acme-secure-mode-key-for-tests';
let browser: Browser;
let site: AcmeSite;

beforeAll(async () => {
  registerVendor(acme);
  site = await startAcmeSite(SECRET);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function open(): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(site.url);
  return page;
}

const apiHost = () => new URL(site.apiOrigin).host;
const hmac = (email: string, secret = SECRET) => createHmac('sha256', secret).update(email).digest('hex');

describe('a made-up HMAC vendor, registered at run time', () => {
  it("signs: its credential is the HMAC-SHA256 (hex) of the email, as node:crypto and the fixture's server compute it", async () => {
    const identity = acme.buildClaims({ externalId: '', email: 'ada@example.test', name: 'Ada' });
    if (!identity.ok) throw new Error(identity.errors.join(' '));
    const credential = await acme.credential(identity, SECRET, {});
    expect(credential).toEqual({ kind: 'hmac', value: hmac('ada@example.test'), signed: 'ada@example.test', field: 'email' });
    expect(signatureValid('ada@example.test', credential.value, SECRET)).toBe(true);
    expect(signatureValid('ada@example.test', credential.value, 'another-secret')).toBe(false);

    // The command-line tool signs it too, by its id: nothing but the registration made it known.
    let out = '';
    let err = '';
    const code = await main(['sign', '--vendor', ACME_ID, '--email', 'ada@example.test', '--json'], { out: (t) => (out += t), err: (t) => (err += t), env: { CHAT_IDENTITY_LAB_SECRET: SECRET }, stdin: async () => '' });
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(JSON.parse(out)).toEqual({ signature: hmac('ada@example.test'), signed: 'ada@example.test', field: 'email' });
  });

  it("logs in on its fixture page through chatLogin: its server's 200 is the evidence; then logs out", async () => {
    const page = await open();
    const result = await chatLogin(page, { vendor: ACME_ID, secret: SECRET, email: 'ada@example.test', name: 'Ada', apiOrigins: [site.apiOrigin] });
    expect(result.message).toBe(`Logged in as ada@example.test: Acme Chat's server accepted the token (HTTP 200 from ${apiHost()}, this environment's API origin).`);
    expect(result).toMatchObject({ loggedIn: true, token: hmac('ada@example.test'), credential: { kind: 'hmac', signed: 'ada@example.test', field: 'email' }, evidence: { server: { status: 200, method: 'POST', host: apiHost(), source: 'environment' }, widget: 'callback' } });
    expect(JSON.stringify(result.evidence)).not.toContain(result.token);
    expect(await page.locator('#customer').textContent()).toBe('ada@example.test');
    expect(site.identified.at(-1)).toEqual({ email: 'ada@example.test', status: 200 });
    expect(await chatLogout(page, { vendor: ACME_ID })).toMatchObject({ loggedOut: true });
    expect(await page.locator('#customer').textContent()).toBe('anonymous');
    await page.context().close();
  });

  it('a wrong secret is refused: the 401 is named, and nobody is logged in', async () => {
    const page = await open();
    const result = await chatLogin(page, { vendor: ACME_ID, secret: 'not-the-secure-mode-key', email: 'bob@example.test', apiOrigins: [site.apiOrigin] });
    expect(result.loggedIn).toBe(false);
    expect(result.message).toBe(
      `Acme Chat refused the token (HTTP 401 from ${apiHost()}, this environment's API origin): Invalid signature. Most often the secret passed as chatLogin's secret option is not this site's secure-mode key.`,
    );
    expect(result.evidence.server?.status).toBe(401);
    expect(site.identified.at(-1)).toEqual({ email: 'bob@example.test', status: 401 });
    expect(await page.locator('#customer').textContent()).toBe('anonymous');
    await page.context().close();
  });

  it('no shared source file names it', () => {
    const files: string[] = [];
    (function walk(dir: string) {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else files.push(path);
      }
    })('src');
    const naming = files.filter((file) => /acme-hmac|AcmeChat|Acme Chat/.test(readFileSync(file, 'utf8')));
    expect(naming).toEqual([]);
  });
});

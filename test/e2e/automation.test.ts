/**
 * chat-identity-lab/playwright against the simulator, with playwright-core driving Debian's
 * Chromium headless (no extension): for each vendor an accepted token (verified with
 * jsonwebtoken), a refused one (HTTP 401, loggedIn false) and a widget that never answers
 * (settles within timeoutSeconds). The same page commands and evidence rules as the extension.
 */
import jwt from 'jsonwebtoken';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatLogin, chatLogout } from '../../src/node/playwright';
import { startSimulator } from '../../simulator/server.mjs';
import { CHROMIUM } from '../../scripts/chromium.mjs';

let browser: Browser;
let sim: Awaited<ReturnType<typeof startSimulator>>;

beforeAll(async () => {
  sim = await startSimulator();
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
});

afterAll(async () => {
  await browser?.close();
  await sim?.close();
});

async function open(path: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${sim.url}${path}`);
  return page;
}

/** The vendor's own origin in the simulator (Kustomer's API host). */
const host = () => new URL(sim.vendorUrl).host;

describe('chatLogin and chatLogout: Kustomer', () => {
  it("accepted: logged in on Kustomer's server answer; the token verifies; then logged out", async () => {
    const page = await open('/');
    const result = await chatLogin(page, { vendor: 'kustomer', apiOrigins: sim.apiOrigins.kustomer, secret: sim.secret, externalId: 'cust-vip', timeoutSeconds: 10 });
    expect(result.message).toMatch(new RegExp(`^Logged in as External ID cust-vip \\(customer cus_\\d+\\): Kustomer's server accepted the token \\(HTTP 200 from ${host()}, this environment's API origin\\)\\.$`));
    expect(result).toMatchObject({ loggedIn: true, customerId: expect.stringMatching(/^cus_/), evidence: { server: { status: 200, method: 'POST' }, widget: 'callback' } });
    expect(result.conversations).toBeUndefined();
    expect(jwt.verify(result.token, sim.secret, { algorithms: ['HS256'] })).toMatchObject({ externalId: 'cust-vip' });
    expect(JSON.stringify(result.evidence)).not.toContain(result.token.split('.')[2]);
    const out = await chatLogout(page, { vendor: 'kustomer' });
    expect(out).toMatchObject({ loggedOut: true, message: 'Logged out: the chat on this page is anonymous now.' });
    expect(await page.locator('#chat-customer').textContent()).toBe('anonymous');
    await page.context().close();
  });

  it('confirm: true also asks Kustomer.isLoggedIn and lists the conversations, as the popup does', async () => {
    const page = await open('/');
    const result = await chatLogin(page, { vendor: 'kustomer', apiOrigins: sim.apiOrigins.kustomer, secret: sim.secret, externalId: 'cust-vip', confirm: true });
    expect(result.message).toMatch(new RegExp(`^Logged in as External ID cust-vip \\(customer cus_\\d+\\): Kustomer's server accepted the token \\(HTTP 200 from ${host()}, this environment's API origin\\) and Kustomer\\.isLoggedIn confirms it\\.`));
    expect(result).toMatchObject({ loggedIn: true, evidence: { server: { status: 200 }, widget: 'check' } });
    expect(result.conversations).toHaveLength(3);
    await page.context().close();
  });

  it('refused: HTTP 401 is no login, and the message names the status', async () => {
    const page = await open('/');
    const result = await chatLogin(page, { vendor: 'kustomer', apiOrigins: sim.apiOrigins.kustomer, secret: 'not-the-org-secret', externalId: 'cust-refused' });
    expect(result.loggedIn).toBe(false);
    expect(result.message).toContain(`Kustomer refused the token (HTTP 401 from ${host()}, this environment's API origin)`);
    expect(result.evidence.server?.status).toBe(401);
    await page.context().close();
  });

  it('logs in again after the page reloads and after it navigates: the page command is put in each new document', async () => {
    const page = await open('/');
    const options = { vendor: 'kustomer' as const, apiOrigins: sim.apiOrigins.kustomer, secret: sim.secret };
    expect((await chatLogin(page, { ...options, externalId: 'cust-before' })).loggedIn).toBe(true);
    await page.reload();
    const afterReload = await chatLogin(page, { ...options, externalId: 'cust-reloaded' });
    expect(afterReload).toMatchObject({ loggedIn: true, evidence: { server: { status: 200 } } });
    await page.goto(`${sim.url}/?again=1`);
    const afterNavigation = await chatLogin(page, { ...options, externalId: 'cust-navigated' });
    expect(afterNavigation).toMatchObject({ loggedIn: true, evidence: { server: { status: 200 } } });
    expect(await page.locator('#chat-customer').textContent()).toContain('cust-navigated');
    await page.context().close();
  });

  it('never answering: settles within timeoutSeconds, not logged in', async () => {
    const page = await open('/?fault=silent');
    const started = Date.now();
    const result = await chatLogin(page, { vendor: 'kustomer', apiOrigins: sim.apiOrigins.kustomer, secret: sim.secret, externalId: 'cust-silent', timeoutSeconds: 3 });
    expect(Date.now() - started).toBeLessThan(3_000 + 2_500);
    expect(result.loggedIn).toBe(false);
    expect(result.message).not.toMatch(/^Logged in/);
    await page.context().close();
  });
});

describe('chatLogin and chatLogout: Zendesk Messaging', () => {
  const zendesk = () => ({ vendor: 'zendesk' as const, apiOrigins: sim.apiOrigins.zendesk, secret: sim.zendesk.secret, keyId: sim.zendesk.keyId });

  it('accepted: the server answer is the evidence; token verifies; a switch logs the first user out first; logout', async () => {
    const page = await open('/zendesk/');
    const result = await chatLogin(page, { ...zendesk(), externalId: 'zd-1', name: 'Zed One' });
    expect(result).toMatchObject({ loggedIn: true, evidence: { server: { status: 200 } } });
    expect(result.message).toMatch(/^Logged in as .*zd-1.*Zendesk Messaging's server accepted the token \(HTTP 200/);
    const claims = jwt.verify(result.token, sim.zendesk.secret, { algorithms: ['HS256'], complete: true });
    expect(claims).toMatchObject({ header: { kid: sim.zendesk.keyId }, payload: { external_id: 'zd-1', scope: 'user' } });
    const second = await chatLogin(page, { ...zendesk(), externalId: 'zd-2' });
    expect(second.loggedIn).toBe(true);
    expect(second.notes.join(' ')).toContain('Before the switch');
    const out = await chatLogout(page, { vendor: 'zendesk' });
    expect(out.loggedOut).toBe(true);
    await page.context().close();
  });

  it('refused: HTTP 401, loggedIn false', async () => {
    const page = await open('/zendesk/');
    const result = await chatLogin(page, { ...zendesk(), secret: 'not-the-signing-secret', externalId: 'zd-refused' });
    expect(result.loggedIn).toBe(false);
    expect(result.message).toContain('Zendesk Messaging refused the token (HTTP 401');
    await page.context().close();
  });

  it('never answering (the widget never boots): settles within timeoutSeconds', async () => {
    const page = await open('/zendesk/?fault=never-boot');
    const started = Date.now();
    const result = await chatLogin(page, { ...zendesk(), externalId: 'zd-silent', timeoutSeconds: 3 });
    expect(Date.now() - started).toBeLessThan(3_000 + 2_500);
    expect(result.loggedIn).toBe(false);
    await page.context().close();
  });
});

describe('chatLogin and chatLogout: Intercom', () => {
  const intercom = () => ({ vendor: 'intercom' as const, apiOrigins: sim.apiOrigins.intercom, secret: sim.intercom.secret, appId: sim.intercom.appId });

  it('accepted: the server answer is the only evidence; token verifies; logout', async () => {
    const page = await open('/intercom/');
    const result = await chatLogin(page, { ...intercom(), externalId: 'ic-1', email: 'ic-1@example.test' });
    expect(result).toMatchObject({ loggedIn: true, evidence: { server: { status: 200 }, widget: 'none' } });
    expect(jwt.verify(result.token, sim.intercom.secret, { algorithms: ['HS256'] })).toMatchObject({ user_id: 'ic-1' });
    const out = await chatLogout(page, { vendor: 'intercom' });
    expect(out.loggedOut).toBe(true);
    await page.context().close();
  });

  it('refused: HTTP 401, loggedIn false, though Intercom.booted is true', async () => {
    const page = await open('/intercom/');
    const result = await chatLogin(page, { ...intercom(), secret: 'not-the-messenger-secret', externalId: 'ic-refused' });
    expect(result.loggedIn).toBe(false);
    expect(result.message).toContain('Intercom refused the token (HTTP 401');
    await page.context().close();
  });

  it('never answering (the Messenger never boots): settles within timeoutSeconds', async () => {
    const page = await open('/intercom/?fault=never-boot');
    const started = Date.now();
    const result = await chatLogin(page, { ...intercom(), externalId: 'ic-silent', timeoutSeconds: 3 });
    expect(Date.now() - started).toBeLessThan(3_000 + 2_500);
    expect(result.loggedIn).toBe(false);
    await page.context().close();
  });
});

describe('environments exported from the Options', () => {
  it('pick the vendor and its setting by the page URL; the secret from CHAT_IDENTITY_LAB_SECRET_<NAME>', async () => {
    const exported = {
      format: 'chat-identity-lab',
      schemaVersion: 4,
      exportedAt: new Date().toISOString(),
      includesSecrets: false,
      environments: [
        { name: 'Acme staging', vendor: 'kustomer', sites: [`${sim.url}/*`], apiOrigins: sim.apiOrigins.kustomer, identities: [] },
        { name: 'Initech staging', vendor: 'intercom', sites: [`${sim.url}/intercom/*`], appId: sim.intercom.appId, apiOrigins: sim.apiOrigins.intercom, identities: [] },
      ],
    };
    process.env.CHAT_IDENTITY_LAB_SECRET_INITECH_STAGING = sim.intercom.secret;
    try {
      const page = await open('/intercom/');
      const result = await chatLogin(page, { environments: exported, externalId: 'ic-env' });
      expect(result).toMatchObject({ loggedIn: true, evidence: { server: { status: 200 } } });
      expect(jwt.verify(result.token, sim.intercom.secret)).toMatchObject({ user_id: 'ic-env' });
      expect((await chatLogout(page, { environments: exported })).loggedOut).toBe(true);
      const kustomerPage = await open('/');
      await expect(chatLogin(kustomerPage, { environments: exported, externalId: 'x' })).rejects.toThrow(/CHAT_IDENTITY_LAB_SECRET_ACME_STAGING/);
      await page.context().close();
      await kustomerPage.context().close();
    } finally {
      delete process.env.CHAT_IDENTITY_LAB_SECRET_INITECH_STAGING;
    }
  });
});

describe('programming errors throw, saying what to pass', () => {
  it('no vendor, an unknown vendor, no secret, a bad email', async () => {
    const page = await open('/no-sdk.html');
    await expect(chatLogin(page, { secret: 's', externalId: 'x' } as never)).rejects.toThrow(/Pass vendor: one of 'kustomer', 'zendesk', 'intercom'/);
    await expect(chatLogin(page, { vendor: 'acme' as never, secret: 's', externalId: 'x' })).rejects.toThrow(/Unknown vendor "acme"/);
    await expect(chatLogin(page, { vendor: 'kustomer', secret: undefined as never, externalId: 'x' })).rejects.toThrow(/Pass secret/);
    await expect(chatLogin(page, { vendor: 'kustomer', secret: 's', email: 'not-an-email' })).rejects.toThrow(TypeError);
    await expect(chatLogin(page, { vendor: 'zendesk', secret: 's', externalId: 'x' })).rejects.toThrow(/Pass keyId/);
    // A page without a widget is no programming error: an answer, not a throw.
    const none = await chatLogin(page, { vendor: 'kustomer', secret: 's', externalId: 'x', timeoutSeconds: 4 });
    expect(none).toMatchObject({ loggedIn: false, message: expect.stringContaining('No Kustomer chat SDK') });
    await page.context().close();
  });
});

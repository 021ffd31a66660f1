/**
 * chatLogin and chatLogout take a Puppeteer page too (puppeteer-core driving Debian's Chromium
 * headless): the same evidence, from Puppeteer's own request/response events.
 */
import jwt from 'jsonwebtoken';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatLogin, chatLogout } from '../../src/node/playwright';
import { CHROMIUM } from '../../scripts/chromium.mjs';
import { startSimulator } from '../../simulator/server.mjs';

let browser: Browser;
let sim: Awaited<ReturnType<typeof startSimulator>>;

beforeAll(async () => {
  sim = await startSimulator();
  // As root (CI, containers) Chromium needs --no-sandbox; Playwright passes it by default.
  browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
});

afterAll(async () => {
  await browser?.close();
  await sim?.close();
});

describe('chatLogin with a Puppeteer page', () => {
  it('Kustomer: accepted on the server answer, refused with HTTP 401, then logged out', async () => {
    const page = await browser.newPage();
    await page.goto(`${sim.url}/`, { waitUntil: 'load' });
    const result = await chatLogin(page, { vendor: 'kustomer', apiOrigins: sim.apiOrigins.kustomer, secret: sim.secret, externalId: 'pptr-1' });
    expect(result).toMatchObject({ loggedIn: true, evidence: { server: { status: 200 } } });
    expect(jwt.verify(result.token, sim.secret, { algorithms: ['HS256'] })).toMatchObject({ externalId: 'pptr-1' });
    const refused = await chatLogin(page, { vendor: 'kustomer', apiOrigins: sim.apiOrigins.kustomer, secret: 'not-the-org-secret', externalId: 'pptr-2' });
    expect(refused.loggedIn).toBe(false);
    expect(refused.message).toContain('Kustomer refused the token (HTTP 401');
    expect((await chatLogout(page, { vendor: 'kustomer' })).loggedOut).toBe(true);
    await page.close();
  });
});

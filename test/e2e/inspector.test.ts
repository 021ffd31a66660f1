import jwt from 'jsonwebtoken';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../simulator/server.mjs';
import { act, addEnvironment, CHROMIUM, type Lab, lastLoginToken, launchLab, received, until } from './harness';

let lab: Lab;
let sim: Awaited<ReturnType<typeof startSimulator>>;

beforeAll(async () => {
  sim = await startSimulator();
  lab = await launchLab();
  // The clipboard is read back from a web page (Chromium will not grant an extension origin
  // clipboard-read here); the clipboard itself is the browser's, shared by both.
  await lab.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: sim.url });
  await addEnvironment(lab, { name: 'Acme staging', sites: sim.url, secret: sim.secret });
  await addEnvironment(lab, { name: 'Other org', sites: 'http://localhost:1', secret: 'another-org-secret' });
});

afterAll(async () => {
  await lab?.close();
  await sim?.close();
});

let reader: Page | undefined;
async function clipboard(): Promise<string> {
  if (!reader) {
    reader = await lab.context.newPage();
    await reader.goto(`${sim.url}/no-sdk.html`);
  }
  await reader.bringToFront();
  const text = await reader.evaluate(() => navigator.clipboard.readText());
  return text;
}

async function inspector(query = ''): Promise<Page> {
  const page = await lab.context.newPage();
  await page.goto(`chrome-extension://${lab.extensionId}/src/inspector/index.html${query}`);
  await page.getByRole('textbox', { name: 'Token' }).waitFor();
  return page;
}

const findingsOf = (page: Page) => page.getByRole('list', { name: 'Findings' }).getByRole('listitem').allTextContents();

describe('token inspector', () => {
  it('explains a badly made token: findings, times, and which secret signed it', async () => {
    const page = await inspector();
    const bad = jwt.sign({ external_id: 'cust-1', iat: Date.now() }, 'another-org-secret', { algorithm: 'HS256' });
    await page.getByRole('textbox', { name: 'Token' }).fill(bad);
    await until(async () => (await findingsOf(page)).length > 0, 'the findings');
    const findings = (await findingsOf(page)).join('\n');
    expect(findings).toContain('The claim "external_id" is not one Kustomer reads: rename it to "externalId"');
    expect(findings).toContain('looks like milliseconds');
    expect(findings).toContain('neither externalId nor email');
    expect(await page.getByRole('region', { name: 'Payload' }).textContent()).toContain('"external_id": "cust-1"');
    expect(await page.getByRole('region', { name: 'Header' }).textContent()).toContain('"alg": "HS256"');
    // Time claims also as local and relative time (a millisecond iat is read as such).
    expect(await page.getByRole('region', { name: 'Times' }).textContent()).toMatch(/iat\d+.*(now|second)/);
    const note = page.getByRole('note', { name: 'Signature check' });
    await until(async () => ((await note.textContent()) ?? '').includes('does not match'), 'the signature check');
    expect(await note.textContent()).toBe('Signature does not match the secret of Acme staging. It matches the secret of Other org.');
    // A mismatch stands out as an error: bold, in the error colour, not the body's grey.
    const look = await note.evaluate((el) => {
      const style = getComputedStyle(el);
      return { weight: Number(style.fontWeight), color: style.color, body: getComputedStyle(document.body).color };
    });
    expect(look.weight).toBeGreaterThanOrEqual(600);
    expect(look.color).not.toBe(look.body);
    // Each finding reads as "Error: …", not "errorThe …".
    const names = await page.getByRole('list', { name: 'Findings' }).getByRole('listitem').allTextContents();
    expect(names.find((n) => n.includes('external_id'))).toMatch(/^Error: The claim "external_id"/);

    // The server code mints a correct token, and says what it changed from this one.
    const code = page.getByRole('region', { name: 'Server code' });
    const changes = (await code.getByRole('list', { name: 'Changes in the server code' }).textContent()) ?? '';
    expect(changes).toContain('Renamed "external_id" to "externalId": Kustomer reads only that spelling.');
    expect(changes).toContain("iat is the moment of signing: the token's was in milliseconds.");
    const snippet = (await code.locator('pre').textContent()) ?? '';
    expect(snippet).toContain('"externalId": "cust-1"');
    expect(snippet).not.toContain('external_id');
    await page.getByRole('combobox', { name: 'Check with the secret of' }).selectOption({ label: 'Other org' });
    await until(async () => ((await note.textContent()) ?? '').includes('valid'), 'the re-check');
    expect(await note.textContent()).toBe('Signature valid with the secret of Other org.');
  });

  it('says what is wrong with text that is not a JWT', async () => {
    const page = await inspector();
    await page.getByRole('textbox', { name: 'Token' }).fill('hello.world');
    await until(async () => (await findingsOf(page)).length > 0, 'the findings');
    expect((await findingsOf(page)).join('\n')).toContain('A JWT has three base64url parts separated by dots (header.payload.signature); this has 2.');
    await page.getByRole('textbox', { name: 'Token' }).fill('eyJhbGciOiJIUzI1NiJ9.e30$.sig');
    await until(async () => (await findingsOf(page)).join('').includes('position'), 'the findings');
    expect((await findingsOf(page)).join('\n')).toContain('The payload is not valid base64url: "$" at position 4.');
  });

  it('copies the token and server code that mints the same payload without the secret', async () => {
    const page = await inspector();
    const token = jwt.sign({ externalId: 'cust-7', email: 'seven@example.test' }, sim.secret, { algorithm: 'HS256' });
    await page.getByRole('textbox', { name: 'Token' }).fill(token);
    await page.getByRole('button', { name: 'Copy token' }).click();
    await until(async () => ((await page.getByRole('status').textContent()) ?? '').includes('Copied the token'), 'the copy');
    expect(await clipboard()).toBe(token);
    await page.bringToFront();

    await page.getByRole('button', { name: 'Copy server code' }).click();
    await until(async () => ((await page.getByRole('status').textContent()) ?? '').includes('Copied the server code'), 'the copy');
    const node = await clipboard();
    await page.bringToFront();
    expect(node).toContain("require('jsonwebtoken')");
    expect(node).toContain('"externalId": "cust-7"');
    expect(node).not.toContain(sim.secret);
    await page.getByRole('combobox', { name: 'Server language' }).selectOption('python');
    await page.getByRole('region', { name: 'Server code' }).getByText('import jwt').waitFor();
    await page.getByRole('button', { name: 'Copy server code' }).click();
    let python = '';
    await until(async () => {
      python = await clipboard();
      await page.bringToFront();
      return python.includes('import jwt');
    }, 'the Python copy');
    expect(python).not.toContain(sim.secret);
  });

  it('after a login, the signed token is one click away, with a live Kustomer countdown', async () => {
    const site = await lab.openSite(sim.url);
    const popup = await lab.popup(site.tabId);
    await act(popup, 'Log in', { externalId: 'cust-inspected' });
    const signed = await lastLoginToken(site.page);

    await popup.getByRole('button', { name: 'Copy token' }).click();
    await popup.getByText('Token copied.').waitFor();
    const [page] = await Promise.all([lab.context.waitForEvent('page'), popup.getByRole('button', { name: 'Inspect token' }).click()]);
    const box = page.getByRole('textbox', { name: 'Token' });
    await until(async () => (await box.inputValue()) === signed, 'the handed-over token');
    expect(await page.url()).not.toContain(signed.split('.')[1]);
    await until(async () => ((await page.getByRole('note', { name: 'Signature check' }).textContent()) ?? '').includes('valid'), 'the check');
    expect(await page.getByRole('note', { name: 'Signature check' }).textContent()).toBe('Signature valid with the secret of Acme staging.');
    const countdown = page.getByRole('region', { name: 'Kustomer window' });
    const first = await countdown.textContent();
    expect(first).toMatch(/^Valid for Kustomer for another 1[45]:\d\d$/);
    await until(async () => (await countdown.textContent()) !== first, 'the countdown to tick', 5000);
    expect(await page.getByText('Nothing to fix: this is a well-formed Kustomer chat token.').count()).toBe(1);
  });
});

describe('tokens the site sends itself', () => {
  it('lists the page\'s own badly made token with its worst finding; the page\'s login is untouched', async () => {
    const site = await lab.openSite(`${sim.url}/?own=bad`);
    await until(async () => ((await site.page.locator('#site-login').textContent()) ?? '').startsWith('error'), "the site's own login");
    const withExtension = await site.page.locator('#site-login').textContent();
    expect(withExtension).toBe('error: The token iat is in the future: check the signing clock. (arguments unchanged)');

    const popup = await lab.popup(site.tabId);
    const seen = popup.getByRole('region', { name: 'Seen on this page' });
    await seen.waitFor();
    const text = (await seen.textContent()) ?? '';
    expect(text).toContain('external_id cust-site');
    expect(text).toContain('The claim "external_id" is not one Kustomer reads');

    // Our own login on the same page is not listed as the site's.
    await act(popup, 'Log in', { externalId: 'cust-ours' });
    await new Promise((r) => setTimeout(r, 300));
    expect(await seen.getByRole('listitem').count()).toBe(1);

    const [page] = await Promise.all([lab.context.waitForEvent('page'), seen.getByRole('button', { name: 'Inspect' }).click()]);
    await until(async () => (await page.getByRole('textbox', { name: 'Token' }).inputValue()).length > 0, 'the token');
    expect((await page.getByRole('list', { name: 'Findings' }).textContent()) ?? '').toContain('external_id');
  });

  it("the page's own good login works exactly as without the extension", async () => {
    const withLab = await lab.openSite(`${sim.url}/?own=good`);
    await until(async () => ((await withLab.page.locator('#site-login').textContent()) ?? '').startsWith('ok'), "the site's login");
    const plain = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--disable-gpu'] });
    const page = await plain.newPage();
    await page.goto(`${sim.url}/?own=good`);
    await until(async () => ((await page.locator('#site-login').textContent()) ?? '').startsWith('ok'), 'the plain login');
    const strip = (t: string | null) => (t ?? '').replace(/cus_\d+/, 'cus_N');
    expect(strip(await withLab.page.locator('#site-login').textContent())).toBe(strip(await page.locator('#site-login').textContent()));
    expect(await withLab.page.locator('#site-login').textContent()).toMatch(/^ok: cus_\d+ \(arguments unchanged\)$/);
    const calls = (await received(withLab.page)).map((r) => r.call);
    expect(calls.filter((c) => c === 'login')).toHaveLength(1);
    await plain.close();

    const popup = await lab.popup(withLab.tabId);
    await popup.getByRole('region', { name: 'Seen on this page' }).waitFor();
    expect(await popup.getByRole('region', { name: 'Seen on this page' }).textContent()).toContain('No problems found.');
  });

  it('can be switched off per environment, and then nothing is observed', async () => {
    const options = await lab.options();
    await options.getByRole('listitem', { name: 'Acme staging' }).getByRole('button', { name: 'Edit' }).click();
    await options.getByRole('checkbox', { name: 'Show tokens this site sends itself' }).uncheck();
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await until(async () => ((await options.getByRole('status').textContent()) ?? '').includes('Saved'), 'the save');
    await until(
      async () => !JSON.stringify(await lab.worker.evaluate(() => chrome.scripting.getRegisteredContentScripts())).includes(sim.url),
      'the observer to leave this site',
    );
    const site = await lab.openSite(`${sim.url}/?own=bad`);
    await until(async () => ((await site.page.locator('#site-login').textContent()) ?? '').startsWith('error'), "the site's login");
    expect(await site.page.evaluate(() => Object.getOwnPropertyDescriptor(window, 'Kustomer')?.get === undefined)).toBe(true);
    const popup = await lab.popup(site.tabId);
    await new Promise((r) => setTimeout(r, 300));
    expect(await popup.getByRole('region', { name: 'Seen on this page' }).count()).toBe(0);
  });
});

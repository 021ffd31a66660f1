import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../simulator/server.mjs';
import { act, addEnvironment, type Lab, lastLoginToken, launchLab, pageFootprint, received } from './harness';

let lab: Lab;
let sim: Awaited<ReturnType<typeof startSimulator>>;
const consoleText: string[] = [];

beforeAll(async () => {
  sim = await startSimulator();
  lab = await launchLab();
  lab.context.on('console', (message) => consoleText.push(message.text()));
  await addEnvironment(lab, { name: 'Acme staging', sites: sim.url, secret: sim.secret });
});

afterAll(async () => {
  await lab?.close();
  await sim?.close();
});

function verifyKustomerToken(token: string, claims: Record<string, string>) {
  const decoded = jwt.verify(token, sim.secret, { algorithms: ['HS256'], complete: true }) as jwt.Jwt;
  expect(decoded.header).toEqual({ alg: 'HS256', typ: 'JWT' });
  const payload = decoded.payload as Record<string, unknown>;
  expect(Object.keys(payload).sort()).toEqual([...Object.keys(claims), 'iat'].sort());
  expect(payload).toMatchObject(claims);
  expect(Math.abs((payload.iat as number) - Date.now() / 1000)).toBeLessThan(10);
  expect(() => jwt.verify(token, 'not-the-org-secret', { algorithms: ['HS256'] })).toThrow(/invalid signature/);
}

describe('logging a chat customer in from the popup', () => {
  it('logs in by External ID, and the page receives a valid Kustomer token', async () => {
    const { page, tabId } = await lab.openSite(sim.url);
    const popup = await lab.popup(tabId);
    await expect.poll(() => popup.getByRole('region', { name: 'Page under test' }).textContent()).toContain('Acme staging');

    const status = await act(popup, 'Log in', { externalId: 'cust-1001' });
    expect(status).toMatch(/Logged in as External ID cust-1001 \(customer cus_\d+\)/);
    verifyKustomerToken(await lastLoginToken(page), { externalId: 'cust-1001' });
    await expect.poll(() => page.locator('#chat-customer').textContent()).toMatch(/^cust-1001 \(cus_\d+\)$/);
    const calls = (await received(page)).map((r) => r.call);
    expect(calls.slice(-2)).toEqual(['login', 'isLoggedIn']);
    expect((await received(page)).at(-1)?.query).toEqual({ externalId: 'cust-1001' });
  });

  it('checks who is logged in, then logs out', async () => {
    const { page, tabId } = await lab.openSite(sim.url);
    const popup = await lab.popup(tabId);
    await act(popup, 'Log in', { externalId: 'cust-2002' });
    expect(await act(popup, 'Check login')).toContain('External ID cust-2002 is logged in on this page.');
    expect(await act(popup, 'Check login', { externalId: 'someone-else' })).toContain('External ID someone-else is not logged in on this page.');

    expect(await act(popup, 'Log out')).toContain('Logged out');
    await expect.poll(() => page.locator('#chat-customer').textContent()).toBe('anonymous');
    expect(await act(popup, 'Check login', { externalId: 'cust-2002' })).toContain('is not logged in');
  });

  it('logs in by email, with exactly the email and iat claims', async () => {
    const { page, tabId } = await lab.openSite(sim.url);
    const popup = await lab.popup(tabId);
    const status = await act(popup, 'Log in', { email: 'ada@example.test' });
    expect(status).toMatch(/Logged in as ada@example.test \(customer cus_\d+\)/);
    verifyKustomerToken(await lastLoginToken(page), { email: 'ada@example.test' });
    expect((await received(page)).at(-1)?.query).toEqual({ email: 'ada@example.test' });
  });

  it('with both fields, warns that Kustomer uses the email and signs both claims', async () => {
    const { page, tabId } = await lab.openSite(sim.url);
    const popup = await lab.popup(tabId);
    await popup.getByRole('textbox', { name: 'External ID' }).fill('cust-3003');
    await popup.getByRole('textbox', { name: 'Email' }).fill('grace@example.test');
    await expect.poll(() => popup.getByText('Kustomer identifies the customer by the email').count()).toBe(1);
    const status = await act(popup, 'Log in');
    expect(status).toContain('Logged in as grace@example.test');
    verifyKustomerToken(await lastLoginToken(page), { externalId: 'cust-3003', email: 'grace@example.test' });
    await expect.poll(() => page.locator('#chat-customer').textContent()).toMatch(/^grace@example.test \(cus_\d+\)$/);
  });

  it('rejects an invalid email before anything is signed or sent', async () => {
    const { page, tabId } = await lab.openSite(sim.url);
    const popup = await lab.popup(tabId);
    const before = (await received(page)).length;
    const status = await act(popup, 'Log in', { email: 'not-an-email' });
    // Said once, at the field; the status points to it.
    expect(status).toContain('the Email field above says what to fix');
    expect(await popup.locator('#email-error').textContent()).toContain('"not-an-email" is not an email address');
    await expect.poll(() => popup.getByRole('textbox', { name: 'Email' }).getAttribute('aria-invalid')).toBe('true');
    expect((await received(page)).length).toBe(before);
    expect(await act(popup, 'Log in', { email: '', externalId: '' })).toContain('Enter an External ID or an Email');
  });

  it('never lets the secret reach the page, its console, its storage or its server', async () => {
    const { page, tabId } = await lab.openSite(sim.url);
    const popup = await lab.popup(tabId);
    await act(popup, 'Log in', { externalId: 'cust-leak-check' });
    await act(popup, 'Check login');
    await act(popup, 'Log out');
    expect(await pageFootprint(page)).not.toContain(sim.secret);
    expect(consoleText.join('\n')).not.toContain(sim.secret);
    const traffic = JSON.stringify(sim.requests);
    expect(traffic).toContain('cust-leak-check'.length > 0 ? '/c/v1/identity' : '');
    expect(traffic).not.toContain(sim.secret);
    const { sync } = await lab.storage();
    expect(sync).toEqual({});
  });
});

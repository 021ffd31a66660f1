import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSimulator } from '../../simulator/server.mjs';
import { act, addEnvironment, type Lab, launchLab, until } from './harness';

let deviceA: Lab;
let deviceB: Lab;
let sim: Awaited<ReturnType<typeof startSimulator>>;

beforeAll(async () => {
  sim = await startSimulator();
  deviceA = await launchLab();
  deviceB = await launchLab();
  for (const lab of [deviceA, deviceB]) await addEnvironment(lab, { name: 'Acme staging', sites: sim.url, secret: sim.secret });
});

afterAll(async () => {
  await deviceA?.close();
  await deviceB?.close();
  await sim?.close();
});

async function conversationIds(page: import('playwright-core').Page): Promise<string[]> {
  return page.locator('#conversations li[data-conversation-id]').evaluateAll((items) =>
    items.map((li) => (li as HTMLElement).dataset.conversationId ?? '').sort(),
  );
}

async function send(page: import('playwright-core').Page, message: string, expectedCount: number) {
  await page.getByRole('textbox', { name: 'Message' }).fill(message);
  await page.getByRole('button', { name: 'Send' }).click();
  await until(async () => (await conversationIds(page)).length === expectedCount, `${expectedCount} conversation(s)`);
}

it('two browser profiles logged in as one customer see the same history', async () => {
  const a = await deviceA.openSite(sim.url);
  await until(async () => (await a.page.locator('#sdk-state').textContent()) === 'ready', 'the chat to start');
  // A chat started anonymously on device A follows the customer once they log in there.
  await send(a.page, 'Hello before logging in', 1);
  const popupA = await deviceA.popup(a.tabId);
  expect(await act(popupA, 'Log in', { externalId: 'cust-9009' })).toContain('Logged in as External ID cust-9009');
  await until(async () => (await conversationIds(a.page)).length === 1, 'the linked conversation');
  await send(a.page, 'Where is my order?', 2);
  const onA = await conversationIds(a.page);

  const b = await deviceB.openSite(sim.url);
  await until(async () => (await b.page.locator('#sdk-state').textContent()) === 'ready', 'the chat to start');
  expect(await conversationIds(b.page)).toEqual([]);
  const popupB = await deviceB.popup(b.tabId);
  expect(await act(popupB, 'Log in', { externalId: 'cust-9009' })).toContain('Logged in as External ID cust-9009');
  await until(async () => (await conversationIds(b.page)).length === 2, 'the history on device B');
  expect(await conversationIds(b.page)).toEqual(onA);
  expect(await b.page.locator('#conversations').textContent()).toContain('Hello before logging in');

  // Two devices, one customer: the simulator saw one customer and two device sessions.
  const state = sim.backend.snapshot();
  expect(state.customers.filter((c) => c.externalId === 'cust-9009')).toHaveLength(1);
  expect(Object.values(state.devices).filter((id) => id === state.customers.find((c) => c.externalId === 'cust-9009')?.id)).toHaveLength(2);

  expect(await act(popupB, 'Log out')).toContain('Logged out');
  await until(async () => (await conversationIds(b.page)).length === 0, 'device B to be anonymous');
  expect(await act(popupA, 'Check login', { externalId: 'cust-9009' })).toContain('is logged in');
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../simulator/server.mjs';
import { act, addEnvironment, type Lab, launchLab, until } from './harness';

let lab: Lab;
let sim: Awaited<ReturnType<typeof startSimulator>>;

beforeAll(async () => {
  sim = await startSimulator();
  lab = await launchLab();
});

afterAll(async () => {
  await lab?.close();
  await sim?.close();
});

const statusOf = (page: import('playwright-core').Page) => page.getByRole('status').textContent().then((t) => t ?? '');

describe('environments on the options page', () => {
  it('rejects bad input with messages that say what to fix, and saves nothing', async () => {
    const page = await lab.options();
    await page.getByRole('textbox', { name: 'Sites' }).fill('staging.example.com\nftp://files.example.com\nhttps://exa*mple.com\n<all_urls>');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const problems = page.getByRole('list', { name: 'Site problems' });
    await problems.waitFor();
    const text = (await problems.textContent()) ?? '';
    expect(text).toContain('Line 1');
    expect(text).toContain('Did you mean https://staging.example.com');
    expect(text).toContain('Line 2');
    expect(text).toContain('Scheme "ftp" is not supported');
    expect(text).toContain('Line 3');
    expect(text).toContain('a wildcard may only be the first label');
    expect(text).toContain('Line 4');
    expect(text).toContain('Too broad');
    expect(await page.getByText('Give the environment a name').count()).toBe(1);
    expect(await page.getByRole('textbox', { name: 'Name', exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect((await lab.storage()).local.environments ?? []).toEqual([]);
    await page.close();
  });

  it('stores a normalised, typed record in storage.local and nothing in storage.sync', async () => {
    const page = await lab.options();
    const secret = page.getByLabel('Secret', { exact: true });
    expect(await secret.getAttribute('type')).toBe('password');
    expect(await secret.getAttribute('autocomplete')).toBe('off');
    await page.getByRole('checkbox', { name: 'Show secret' }).check();
    expect(await secret.getAttribute('type')).toBe('text');

    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Staging EU');
    // Only manifest-granted hosts here: other hosts open Chrome's permission prompt, which
    // headless Chromium cannot answer (that path is covered by unit tests of the patterns).
    await page.getByRole('textbox', { name: 'Sites' }).fill(`${sim.url}\nHTTP://LocalHost:8080/App`);
    await secret.fill(sim.secret);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await until(async () => (await statusOf(page)).includes('Saved "Staging EU"'), 'the save');
    const item = page.getByRole('listitem', { name: 'Staging EU' });
    expect(await item.textContent()).toContain('http://localhost:8080/App*');
    expect(await item.textContent()).toContain('Secret: set');
    expect(await item.textContent()).not.toContain(sim.secret);

    const { local, sync } = await lab.storage();
    expect(sync).toEqual({});
    expect(local.schemaVersion).toBe(4);
    expect(Object.keys(local).filter((k) => k.startsWith("identities:"))).toHaveLength(1);
    expect(local.environments).toEqual([
      { id: expect.any(String), name: 'Staging EU', vendor: 'kustomer', sites: [`${sim.url}/*`, 'http://localhost:8080/App*'], secret: sim.secret },
    ]);
    await page.close();
  });

  it('refuses a second environment with the same name', async () => {
    const page = await lab.options();
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('staging eu');
    await page.getByRole('textbox', { name: 'Sites' }).fill('http://localhost:9');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('An environment named "staging eu" already exists').waitFor();
    expect((await lab.storage()).local.environments).toHaveLength(1);
    await page.close();
  });

  it('edits, deletes and undoes a delete', async () => {
    const page = await lab.options();
    const item = page.getByRole('listitem', { name: 'Staging EU' });
    await item.getByRole('button', { name: 'Edit' }).click();
    await expect.poll(() => page.getByRole('textbox', { name: 'Name', exact: true }).inputValue()).toBe('Staging EU');
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Staging EU (renamed)');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await until(async () => (await statusOf(page)).includes('Saved "Staging EU (renamed)"'), 'the save');
    expect((await lab.storage()).local.environments).toHaveLength(1);

    await page.getByRole('listitem', { name: 'Staging EU (renamed)' }).getByRole('button', { name: 'Delete' }).click();
    await until(async () => (await statusOf(page)).includes('Deleted "Staging EU (renamed)"'), 'the delete');
    expect((await lab.storage()).local.environments).toEqual([]);
    await page.getByRole('button', { name: 'Undo' }).click();
    await until(async () => (await statusOf(page)).includes('Restored'), 'the undo');
    expect((await lab.storage()).local.environments).toHaveLength(1);
    await page.close();
  });

  it('reports corrupt stored records, keeps them, and the popup still logs in', async () => {
    await lab.worker.evaluate(async () => {
      const { environments } = await chrome.storage.local.get('environments');
      await chrome.storage.local.set({ environments: [...(environments as unknown[]), 'garbage', { id: 7 }] });
    });
    const page = await lab.options();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('2 stored record(s) could not be read');
    await page.close();

    const site = await lab.openSite(sim.url);
    const popup = await lab.popup(site.tabId);
    expect(await popup.getByText('2 stored record(s) could not be read').count()).toBe(1);
    expect(await act(popup, 'Log in', { externalId: 'cust-after-corruption' })).toContain('Logged in as External ID cust-after-corruption');
    const environments = (await lab.storage()).local.environments as unknown[];
    expect(environments.slice(-2)).toEqual(['garbage', { id: 7 }]);

    // A whole key that is not a list is set aside (not dropped) and the popup still opens.
    await lab.worker.evaluate(() => chrome.storage.local.set({ environments: 'not a list' }));
    const popup2 = await lab.popup(site.tabId);
    await until(async () => ((await popup2.getByRole('status').textContent()) ?? '').includes('No environment covers'), 'the notice');
    const { local } = await lab.storage();
    expect(local.environments).toEqual([]);
    expect(local.setAside).toEqual([expect.objectContaining({ key: 'environments', value: 'not a list' })]);
  });

  it('opens the form prefilled from the popup (?site=)', async () => {
    const page = await lab.options('?site=https%3A%2F%2Fqa.example.com');
    expect(await page.getByRole('textbox', { name: 'Sites' }).inputValue()).toBe('https://qa.example.com');
    await page.close();
  });
});

it('adds an environment through the helper used by the other suites', async () => {
  await addEnvironment(lab, { name: 'Helper check', sites: 'http://localhost:1', secret: 's' });
  expect(((await lab.storage()).local.environments as { name: string }[]).map((e) => e.name)).toContain('Helper check');
});

describe("a tester's first day on the options page", () => {
  it('a bare host is fixed in one click', async () => {
    const page = await lab.options();
    const sites = page.getByRole('textbox', { name: 'Sites' });
    await sites.fill('staging.example.com\nhttp://localhost:3000');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const problems = page.getByRole('list', { name: 'Site problems' });
    await problems.getByRole('button', { name: 'https://staging.example.com' }).click();
    expect(await sites.inputValue()).toBe('https://staging.example.com\nhttp://localhost:3000');
    await page.close();
  });

  it('cards name the vendor and its setting, and overlapping sites say which environment wins where', async () => {
    await addEnvironment(lab, { name: 'Acme staging', sites: sim.url, secret: sim.secret, setting: { label: 'Org name', value: 'acme-staging' } });
    await addEnvironment(lab, { name: 'Globex staging', sites: `${sim.url}/zendesk/*`, secret: sim.zendesk.secret, vendor: 'Zendesk Messaging', setting: { label: 'Key ID', value: sim.zendesk.keyId } });
    const page = await lab.options();
    const acme = page.getByRole('listitem', { name: 'Acme staging' });
    const globex = page.getByRole('listitem', { name: 'Globex staging' });
    expect(await acme.textContent()).toContain('Kustomer · Org name: acme-staging');
    expect(await globex.textContent()).toContain(`Zendesk Messaging · Key ID: ${sim.zendesk.keyId}`);
    expect(await acme.getByRole('list', { name: 'Sites Acme staging shares' }).textContent()).toBe(
      `Overlaps Globex staging: on ${sim.url}/zendesk/* the popup takes Globex staging, the more specific; Acme staging applies to the rest of ${sim.url}/*.`,
    );
    expect(await globex.getByRole('list', { name: 'Sites Globex staging shares' }).textContent()).toContain(`on ${sim.url}/zendesk/* the popup takes Globex staging`);
    // The form warns while typing, before anything is saved.
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Wide');
    await page.getByRole('textbox', { name: 'Sites' }).fill(`${sim.url}/zendesk/chat/*`);
    await page.getByRole('list', { name: 'Sites shared with other environments' }).getByText('the popup takes Wide, the more specific').first().waitFor();
    // A settled overlap is information, in the muted colour; only a tie (the popup must ask) is a warning.
    const colour = (text: string) => page.getByText(text).first().evaluate((el) => getComputedStyle(el).color);
    const [muted, warn] = await page.evaluate(() => ['--muted', '--warn'].map((name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim()));
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
    expect(await colour('the popup takes Wide, the more specific')).toBe(rgb(muted ?? ''));
    await page.getByRole('textbox', { name: 'Sites' }).fill(`${sim.url}/zendesk/*`);
    await page.getByText('just as specifically').first().waitFor();
    expect(await colour('just as specifically')).toBe(rgb(warn ?? ''));
    await page.close();
  });

  it('links to each of its sections from the top of the page', async () => {
    const page = await lab.options();
    const links = page.getByRole('navigation', { name: 'Sections' }).getByRole('link');
    const names = await links.allTextContents();
    expect(names).toEqual(['Environments', 'Add or edit', 'Identities', 'Passphrase lock', 'Import and export', 'Settings', 'Storage']);
    for (const name of names) {
      const target = ((await links.getByText(name, { exact: true }).getAttribute('href')) ?? '').slice(1);
      expect(await page.locator(`h2[id="${target}"]`).count(), `a heading for "${name}"`).toBe(1);
    }
    await links.getByText('Storage', { exact: true }).click();
    await until(() => page.evaluate(() => location.hash === '#storage-heading'), 'the Storage link');
    expect(await page.getByRole('heading', { name: 'Storage', level: 2 }).isVisible()).toBe(true);
    await page.close();
  });

  it('opened for a site: the form is in view and focused, the org pre-filled, and an existing environment offered', async () => {
    const page = await lab.options('?site=https%3A%2F%2Fqa.example.com&org=acme-qa');
    await until(() => page.evaluate(() => document.activeElement?.id === 'env-name'), 'Name to have the focus');
    expect(await page.getByRole('textbox', { name: 'Org name' }).inputValue()).toBe('acme-qa');
    const choice = page.getByRole('region', { name: 'Add https://qa.example.com to an existing environment?' });
    await choice.getByRole('combobox', { name: 'Environment' }).selectOption({ label: 'Globex staging' });
    await choice.getByRole('button', { name: 'Add the site to it' }).click();
    const form = page.getByRole('form', { name: 'Edit environment Globex staging' });
    await until(async () => (await form.getByRole('textbox', { name: 'Sites' }).inputValue()) === `${sim.url}/zendesk/*\nhttps://qa.example.com`, 'the site added to the form');
    await until(() => page.evaluate(() => document.activeElement?.id === 'env-name'), 'Name to have the focus again');
    await page.close();
  });
});

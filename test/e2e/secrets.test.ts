import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../simulator/server.mjs';
import { act, type Lab, launchLab, pageFootprint, until } from './harness';

let lab: Lab;
let sim: Awaited<ReturnType<typeof startSimulator>>;
const consoleText: string[] = [];

beforeAll(async () => {
  sim = await startSimulator();
  lab = await launchLab();
  lab.context.on('console', (message) => consoleText.push(message.text()));
});

afterAll(async () => {
  await lab?.close();
  await sim?.close();
});

const statusOf = async (page: Page) => (await page.getByRole('status').first().textContent()) ?? '';
const waitStatus = (page: Page, text: string) => until(async () => (await statusOf(page)).includes(text), `"${text}"`, 20_000);
/** Import outcomes show next to the Import control. */
const waitImport = (page: Page, text: string) => until(async () => ((await page.locator('#import-result').textContent()) ?? '').includes(text), `"${text}" next to Import`, 20_000);

const FILE_PASSPHRASE = 'file passphrase 42';

async function exportFile(options: Page, includeSecrets: boolean): Promise<string> {
  const box = options.getByRole('checkbox', { name: 'Include secrets' });
  if (includeSecrets) {
    await box.check();
    await options.getByLabel('Passphrase to encrypt the file').fill(FILE_PASSPHRASE);
  } else await box.uncheck();
  const [download] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'Export', exact: true }).click()]);
  return readFileSync((await download.path()) as string, 'utf8');
}

describe('secrets and data safety', () => {
  it('fetches the secret from Kustomer (the simulator), with a clear message for each failure, and logs in with it', async () => {
    const options = await lab.options();
    await options.getByRole('textbox', { name: 'Kustomer API URL' }).fill(sim.url);
    await options.getByRole('button', { name: 'Save settings' }).click();
    await waitStatus(options, 'Settings saved');

    await options.getByRole('textbox', { name: 'Name', exact: true }).fill('Acme staging');
    await options.getByRole('textbox', { name: 'Sites' }).fill(sim.url);
    await options.getByRole('textbox', { name: 'Org name' }).fill('acme.com');
    await options.getByRole('button', { name: 'Fetch secret' }).click();
    await options.getByText('"acme.com" is not an org name').waitFor();

    await options.getByRole('textbox', { name: 'Org name' }).fill('acme-staging');
    await options.getByLabel('API key').fill('not-the-key');
    await options.getByRole('button', { name: 'Fetch secret' }).click();
    await options.getByText('Kustomer refused the API key (401)').waitFor();
    expect(await options.getByLabel('Secret', { exact: true }).inputValue()).toBe('');

    await options.getByLabel('API key').fill(sim.apiKey);
    await options.getByRole('button', { name: 'Fetch secret' }).click();
    await options.getByText('Fetched the chat secret of acme-staging. Click Save to keep it.').waitFor();
    expect(await options.getByLabel('API key').inputValue()).toBe('');
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await waitStatus(options, 'Saved "Acme staging"');

    const { local, sync } = await lab.storage();
    expect(sync).toEqual({});
    expect(JSON.stringify(local)).not.toContain(sim.apiKey);
    expect((local.environments as { secret: string; settings: object }[])[0]).toMatchObject({ secret: sim.secret, settings: { orgName: 'acme-staging' } });

    const site = await lab.openSite(sim.url);
    const popup = await lab.popup(site.tabId);
    await until(async () => ((await popup.getByRole('region', { name: 'Page under test' }).textContent()) ?? '').includes('acme-staging'), 'the page org');
    expect(await act(popup, 'Log in', { externalId: 'cust-fetched' })).toContain('Logged in as External ID cust-fetched');
  });

  it('warns when the page belongs to another org than its environment', async () => {
    const options = await lab.options();
    await options.getByRole('listitem', { name: 'Acme staging' }).getByRole('button', { name: 'Edit' }).click();
    await options.getByRole('textbox', { name: 'Org name' }).fill('other-org');
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await waitStatus(options, 'Saved');
    const site = await lab.openSite(sim.url);
    const popup = await lab.popup(site.tabId);
    await popup.getByText("This page's chat belongs to org acme-staging, but Acme staging is for org other-org").waitFor();
    await options.getByRole('listitem', { name: 'Acme staging' }).getByRole('button', { name: 'Edit' }).click();
    await options.getByRole('textbox', { name: 'Org name' }).fill('acme-staging');
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await waitStatus(options, 'Saved');
  });

  it('locks secrets with a passphrase; a locked popup asks for it before signing', async () => {
    const options = await lab.options();
    await options.getByLabel('Passphrase', { exact: true }).fill('correct horse battery');
    await options.getByRole('button', { name: 'Lock', exact: true }).click();
    await waitStatus(options, 'Secrets are now encrypted with the passphrase.');
    const { local } = await lab.storage();
    expect(JSON.stringify(local)).not.toContain(sim.secret);
    expect(JSON.stringify(local)).not.toContain('correct horse battery');
    expect((local.environments as { secretSealed?: unknown }[])[0]?.secretSealed).toBeDefined();

    // Unlocked in this session: logging in just works.
    const site = await lab.openSite(sim.url);
    let popup = await lab.popup(site.tabId);
    expect(await act(popup, 'Log in', { externalId: 'cust-unlocked' })).toContain('Logged in');

    await options.getByRole('button', { name: 'Lock', exact: true }).click();
    await waitStatus(options, 'Locked: the passphrase is needed to sign again.');

    popup = await lab.popup(site.tabId);
    expect(await act(popup, 'Log in', { externalId: 'cust-locked' })).toContain('Secrets are locked with a passphrase');
    const unlock = popup.getByRole('form', { name: 'Unlock' });
    await unlock.getByLabel('Passphrase').fill('wrong passphrase');
    await unlock.getByRole('button', { name: 'Unlock' }).click();
    await waitStatus(popup, 'Wrong passphrase: nothing was unlocked.');
    expect(await act(popup, 'Log in')).toContain('Secrets are locked');
    await popup.getByRole('form', { name: 'Unlock' }).getByLabel('Passphrase').fill('correct horse battery');
    await popup.getByRole('form', { name: 'Unlock' }).getByRole('button', { name: 'Unlock' }).click();
    await waitStatus(popup, 'Logged in as External ID cust-locked');
  });

  it('exports without secrets by default, with them only when asked', async () => {
    const options = await lab.options();
    await options.getByRole('form', { name: 'Add identity' }).getByRole('textbox', { name: 'Label' }).fill('VIP');
    await options.getByRole('form', { name: 'Add identity' }).getByRole('textbox', { name: 'External ID' }).fill('cust-vip');
    await options.getByRole('form', { name: 'Add identity' }).getByRole('button', { name: 'Save identity' }).click();
    await options.getByRole('listitem', { name: 'VIP' }).waitFor();

    const plain = await exportFile(options, false);
    expect(plain).not.toContain(sim.secret);
    expect(JSON.parse(plain)).toMatchObject({ format: 'chat-identity-lab', schemaVersion: 4, includesSecrets: false });
    const withSecrets = await exportFile(options, true);
    await until(async () => ((await options.locator('#export-result').textContent()) ?? '').includes('with their secrets, encrypted with your passphrase'), 'the export result');
    // The secrets are in the file only encrypted: not in plain text anywhere in it.
    expect(withSecrets).not.toContain(sim.secret);
    const parsed = JSON.parse(withSecrets);
    expect(parsed).toMatchObject({ includesSecrets: true, sealedSecrets: { kdf: 'PBKDF2-SHA256' } });
    expect(parsed.environments[0]).toMatchObject({ name: 'Acme staging', identities: [{ label: 'VIP', externalId: 'cust-vip' }] });
    expect(parsed.environments[0].secret).toBeUndefined();
  });

  it('refuses a corrupt import file and changes nothing', async () => {
    const options = await lab.options();
    const before = await lab.storage();
    await options.getByLabel('File to import', { exact: true }).setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format":"chat-identity-lab","schemaVersion":3,"environments":[{"name":"X","sites":["ftp://nope"],"identities":[{"label":"A"}]}]}'),
    });
    await options.getByRole('list', { name: 'Import problems' }).waitFor();
    const problems = (await options.getByRole('list', { name: 'Import problems' }).textContent()) ?? '';
    expect(problems).toContain('environments[0].sites[0]: Scheme "ftp" is not supported');
    expect(problems).toContain('environments[0].identities[0]: needs an externalId or an email');
    expect(await lab.storage()).toEqual(before);
  });

  it('export, wipe, import: logs in again as the same identities', async () => {
    const options = await lab.options();
    const file = await exportFile(options, true);
    await lab.worker.evaluate(() => chrome.storage.local.clear());
    await options.reload();
    await options.getByText('No environments yet').waitFor();
    await options.getByLabel('File to import', { exact: true }).setInputFiles({ name: 'export.json', mimeType: 'application/json', buffer: Buffer.from(file) });
    // The file's secrets are encrypted: a wrong passphrase imports nothing, the right one all.
    const encrypted = options.getByRole('form', { name: 'Encrypted secrets' });
    await encrypted.getByLabel('Passphrase to open the file').fill('not the passphrase');
    await encrypted.getByRole('button', { name: 'Open with secrets' }).click();
    await waitImport(options, 'Wrong passphrase for this file');
    expect((await lab.storage()).local.environments ?? []).toEqual([]);
    await encrypted.getByLabel('Passphrase to open the file').fill(FILE_PASSPHRASE);
    await encrypted.getByRole('button', { name: 'Open with secrets' }).click();
    // Nothing is written before the tester has seen what the import does and confirmed it.
    await options.getByRole('alertdialog').getByText('Adds 1 environment: "Acme staging".').waitFor();
    expect((await lab.storage()).local.environments ?? []).toEqual([]);
    await options.getByRole('alertdialog').getByRole('button', { name: 'Import', exact: true }).click();
    await waitImport(options, 'Imported: 1 environment added.');
    await options.getByRole('listitem', { name: 'Acme staging' }).waitFor();
    await options.getByRole('listitem', { name: 'VIP' }).waitFor();

    // Importing the same file again changes nothing: no copy of what is already here.
    const before = await lab.storage();
    await options.getByLabel('File to import', { exact: true }).setInputFiles({ name: 'export.json', mimeType: 'application/json', buffer: Buffer.from(file) });
    await encrypted.getByLabel('Passphrase to open the file').fill(FILE_PASSPHRASE);
    await encrypted.getByRole('button', { name: 'Open with secrets' }).click();
    await waitImport(options, 'Nothing imported: everything in the file is already here');
    expect(await lab.storage()).toEqual(before);

    const site = await lab.openSite(sim.url);
    const popup = await lab.popup(site.tabId);
    await popup.getByRole('button', { name: 'Log in as VIP' }).waitFor();
    await popup.getByRole('button', { name: 'Log in as VIP' }).click();
    await waitStatus(popup, 'Logged in as External ID cust-vip');
  });

  it('the secret never reaches the page, its console, its server, storage.sync, or an export without secrets', async () => {
    const site = await lab.openSite(sim.url);
    const popup = await lab.popup(site.tabId);
    await act(popup, 'Log in', { externalId: 'cust-final-check' });
    expect(await pageFootprint(site.page)).not.toContain(sim.secret);
    expect(consoleText.join('\n')).not.toContain(sim.secret);
    const pageTraffic = sim.requests.filter((r) => !r.url.startsWith('/v1/auth/customer/settings'));
    expect(JSON.stringify(pageTraffic)).not.toContain(sim.secret);
    expect((await lab.storage()).sync).toEqual({});
    const options = await lab.options();
    expect(await exportFile(options, false)).not.toContain(sim.secret);
  });
});

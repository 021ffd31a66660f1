/**
 * Nothing is lost by one click: an import says what it will do and asks first, keeps the
 * secrets it has none for, can be undone; a merge of what is already here duplicates nothing;
 * removing the lock asks for the passphrase.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../simulator/server.mjs';
import { addEnvironment, type Lab, launchLab, until } from './harness';

let lab: Lab;
let sim: Awaited<ReturnType<typeof startSimulator>>;
let options: Page;
/** An export without secrets of the two environments set up below. */
let plainExport: string;

interface StoredEnvironment {
  name: string;
  sites: string[];
  secret: string;
  secretSealed?: unknown;
  settings?: Record<string, string>;
}

const environments = async () => ((await lab.storage()).local.environments ?? []) as StoredEnvironment[];
const importPanel = () => options.getByRole('region', { name: 'Import and export' });
const importResult = () => options.locator('#import-result');
const preview = () => options.getByRole('alertdialog', { name: /with this file\?|into what is here\?/ });

async function pickFile(content: string) {
  await importPanel().getByLabel('File to import', { exact: true }).setInputFiles({ name: 'export.json', mimeType: 'application/json', buffer: Buffer.from(content) });
}

async function waitResult(text: string) {
  await until(async () => ((await importResult().textContent()) ?? '').includes(text), `"${text}" next to Import`, 20_000);
}

beforeAll(async () => {
  sim = await startSimulator();
  lab = await launchLab();
  await addEnvironment(lab, { name: 'Acme staging', sites: sim.url, secret: sim.secret });
  await addEnvironment(lab, { name: 'Globex staging', sites: `${sim.url}/zendesk/*`, secret: sim.zendesk.secret, vendor: 'Zendesk Messaging', setting: { label: 'Key ID', value: sim.zendesk.keyId } });
  options = await lab.options();
  const [download] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'Export', exact: true }).click()]);
  plainExport = readFileSync((await download.path()) as string, 'utf8');
  expect(plainExport).not.toContain(sim.secret);
  // Shown next to Export, not at the top of the page.
  await until(async () => ((await options.locator('#export-result').textContent()) ?? '').includes('Exported 2 environments without secrets.'), 'the export result');
});

afterAll(async () => {
  await lab?.close();
  await sim?.close();
});

describe('import without losing data', () => {
  it('merging a file of what is already here changes nothing and adds no copies', async () => {
    const before = await lab.storage();
    await pickFile(plainExport);
    await waitResult('Nothing imported: everything in the file is already here');
    expect(await lab.storage()).toEqual(before);
    expect(await options.getByRole('listitem', { name: /\(imported/ }).count()).toBe(0);
  });

  it('merge updates a matching environment in place instead of duplicating it', async () => {
    const file = JSON.parse(plainExport);
    // As a file of today's shape holds it (model/legacy-records reads it into the settings).
    file.environments[0].orgName = 'acme-staging';
    file.environments[0].identities = [{ label: 'VIP', externalId: 'cust-vip', email: '', note: '' }];
    await pickFile(JSON.stringify(file));
    await preview().waitFor();
    const text = (await preview().textContent()) ?? '';
    expect(text).toContain('Updates 1 environment already here (same name and sites) instead of adding a copy: "Acme staging".');
    expect(text).toContain('Keeps the secret here of "Acme staging"');
    expect(text).toContain('1 environment already here and identical');
    await preview().getByRole('button', { name: 'Import', exact: true }).click();
    await waitResult('Imported: 0 environments added, 1 updated, 1 unchanged.');
    const after = await environments();
    expect(after.map((e) => e.name)).toEqual(['Acme staging', 'Globex staging']);
    expect(after[0]).toMatchObject({ settings: { orgName: 'acme-staging' }, secret: sim.secret });
    await options.getByRole('listitem', { name: 'VIP' }).waitFor();
  });

  it('replace shows what it will do and writes nothing until confirmed; Cancel keeps everything', async () => {
    const before = await lab.storage();
    await options.getByRole('radio', { name: 'Replace everything' }).check();
    // The Globex environment gets other sites: it no longer matches the one here.
    const file = JSON.parse(plainExport);
    file.environments[1].sites = [`${sim.url}/globex/*`];
    await pickFile(JSON.stringify(file));
    await preview().waitFor();
    const text = (await preview().textContent()) ?? '';
    expect(text).toContain("Replaces the 2 environments here with the file's 2.");
    expect(text).toContain('1 secret will be removed, with its environment: "Globex staging".');
    expect(text).toContain('Keeps the secret here of "Acme staging"');
    expect(text).toContain("1 identity here will be replaced by the file's.");
    // The preview is focused on its confirm button, next to what it describes.
    expect(await preview().getByRole('button', { name: 'Replace everything' }).evaluate((b) => b === document.activeElement)).toBe(true);
    expect(await lab.storage()).toEqual(before);
    await preview().getByRole('button', { name: 'Cancel import' }).click();
    await preview().waitFor({ state: 'detached' });
    expect(await lab.storage()).toEqual(before);
  });

  it('replace keeps the secret of a matching environment, and Undo restores the one it removed', async () => {
    const before = await lab.storage();
    const file = JSON.parse(plainExport);
    file.environments[1].sites = [`${sim.url}/globex/*`];
    await pickFile(JSON.stringify(file));
    await preview().getByRole('button', { name: 'Replace everything' }).click();
    await waitResult('Replaced everything with 2 environments from the file. Kept the secret of "Acme staging".');
    const replaced = await environments();
    expect(replaced.map((e) => [e.name, e.secret])).toEqual([
      ['Acme staging', sim.secret],
      ['Globex staging', ''],
    ]);
    await options.getByRole('listitem', { name: 'Globex staging' }).getByText('Secret: not set').waitFor();

    await importResult().getByRole('button', { name: 'Undo import' }).click();
    await waitResult('Import undone');
    expect(await lab.storage()).toEqual(before);
    await options.getByRole('listitem', { name: 'Globex staging' }).getByText('Secret: set').waitFor();
  });

  it('an encrypted file asks for its passphrase, then shows the preview before replacing', async () => {
    await options.getByRole('checkbox', { name: 'Include secrets' }).check();
    await options.getByLabel('Passphrase to encrypt the file').fill('file passphrase 42');
    const [download] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'Export', exact: true }).click()]);
    const sealed = readFileSync((await download.path()) as string, 'utf8');
    const before = await lab.storage();
    await pickFile(sealed);
    const form = options.getByRole('form', { name: 'Encrypted secrets' });
    await form.getByLabel('Passphrase to open the file').fill('file passphrase 42');
    await form.getByRole('button', { name: 'Open with secrets' }).click();
    await preview().waitFor();
    expect(await lab.storage()).toEqual(before);
    expect((await preview().textContent()) ?? '').not.toContain('secret will be removed');
    await preview().getByRole('button', { name: 'Replace everything' }).click();
    await waitResult('Replaced everything with 2 environments from the file.');
    expect((await environments()).map((e) => e.secret)).toEqual([sim.secret, sim.zendesk.secret]);
    await options.getByRole('radio', { name: /^Merge/ }).check();
  });
});

describe('the passphrase lock', () => {
  it('Remove passphrase asks for the current passphrase; a wrong one changes nothing', async () => {
    await options.getByLabel('Passphrase', { exact: true }).fill('correct horse battery');
    await options.getByRole('button', { name: 'Lock', exact: true }).click();
    await until(async () => ((await options.getByRole('status').textContent()) ?? '').includes('Secrets are now encrypted'), 'the lock');
    const locked = await lab.storage();
    expect(JSON.stringify(locked.local)).not.toContain(sim.secret);

    await options.getByRole('button', { name: 'Remove passphrase' }).click();
    const dialog = options.getByRole('alertdialog', { name: /Remove the lock\?/ });
    await dialog.getByLabel('Current passphrase').fill('not the passphrase');
    await dialog.getByRole('button', { name: 'Remove the lock' }).click();
    await until(async () => ((await options.getByRole('status').textContent()) ?? '').includes('Wrong passphrase: the lock is still on'), 'the refusal');
    expect(await lab.storage()).toEqual(locked);

    await dialog.getByLabel('Current passphrase').fill('correct horse battery');
    await dialog.getByRole('button', { name: 'Remove the lock' }).click();
    await until(async () => ((await options.getByRole('status').textContent()) ?? '').includes('Passphrase removed'), 'the removal');
    expect((await environments()).map((e) => e.secret)).toEqual([sim.secret, sim.zendesk.secret]);
    expect((await lab.storage()).local.lock).toBeNull();
  });
});

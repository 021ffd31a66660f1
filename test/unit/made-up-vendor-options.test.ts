// @vitest-environment jsdom
/**
 * The made-up HMAC vendor of test/fixtures/acme-hmac-vendor/, registered at run time, in the
 * options form: its one setting is a field with its label and help, its own rule refuses a bad
 * value, and a good one is kept under the environment's settings by its key. No shared file
 * names it (test/e2e/made-up-vendor.test.ts also logs in with it).
 */
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Environment } from '../../src/model/schema';
import { DEFAULT_SETTINGS } from '../../src/model/schema';
import { EnvironmentForm } from '../../src/options/EnvironmentForm';
import { loadProfiles, registerVendor } from '../../src/vendors/registry';
import acme from '../fixtures/acme-hmac-vendor/index';
import { ACME_ID } from '../fixtures/acme-hmac-vendor/profile';

// The form's Fetch secret part imports the browser API; nothing here reaches it.
vi.mock('webextension-polyfill', () => ({ default: {} }));

beforeAll(async () => {
  registerVendor(acme);
  await loadProfiles();
});

function form(onSave: (environment: Environment) => Promise<void>): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  const initial = { name: 'Acme staging', vendor: ACME_ID, sites: 'https://shop.example.test', secret: 'acme-secret', settings: { siteId: 'Not A Site Id' } };
  act(() => render(h(EnvironmentForm, { initial, existing: [], fetchers: {}, settings: DEFAULT_SETTINGS, onSave }), root));
  return root;
}

/** The input a visible label names. */
function input(root: HTMLElement, label: string): HTMLInputElement | null {
  const id = [...root.querySelectorAll('label')].find((l) => l.textContent === label)?.getAttribute('for');
  return id ? root.querySelector<HTMLInputElement>(`#${id}`) : null;
}

function submit(root: HTMLElement): void {
  act(() => {
    root.querySelector('form')?.dispatchEvent(new Event('submit', { cancelable: true }));
  });
}

describe('a made-up vendor in the options form', () => {
  it('shows its setting with its label and help, refuses a value by its own rule, and keeps a good one under its key', () => {
    const onSave = vi.fn(async (_environment: Environment) => {});
    const root = form(onSave);
    const siteId = input(root, 'Site ID');
    expect(siteId?.value).toBe('Not A Site Id');
    expect(root.textContent).toContain("The site id in Acme's snippet, to tell which site a page belongs to.");

    submit(root);
    expect(root.textContent).toContain('The Site ID is lower-case letters, digits and dashes, such as acme-site-1.');
    expect(onSave).not.toHaveBeenCalled();

    act(() => {
      if (!siteId) return;
      siteId.value = 'acme-site-1';
      siteId.dispatchEvent(new Event('input', { bubbles: true }));
    });
    submit(root);
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(onSave.mock.calls[0]?.[0]).toMatchObject({ name: 'Acme staging', vendor: ACME_ID, settings: { siteId: 'acme-site-1' } });
  });
});

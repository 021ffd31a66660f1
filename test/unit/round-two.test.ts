/**
 * Issue 19's rules, unit by unit: page and imported text is capped, checked and normalised
 * where it enters; each kind of stored record stays within its budget, oldest dropped first;
 * an environment takes everything stored for it when deleted; seen tokens stay with their site.
 */
import { describe, expect, it, vi } from 'vitest';

// seen-tokens reads storage.session through the polyfill; only its pure filter is tested here.
vi.mock('webextension-polyfill', () => ({ default: {} }));
import { type CheckReport, pendingChecks, readReport, reportMarkdown } from '../../src/model/check-report';
import { KEPT_REPORTS, keptReports, REPORT_LIMITS, REPORTS_BUDGET_BYTES } from '../../src/storage/report-budget';
import { readEnvironment } from '../../src/model/schema';
import { type SeenToken, seenWithin } from '../../src/storage/seen-tokens';
import { hostProblem, parseSite } from '../../src/sites/site-patterns';
import { RESULT_LIMITS, Store } from '../../src/storage/storage';
import { storageUsage } from '../../src/storage/storage-usage';
import { environmentFromDraft } from '../../src/actions/environment';
import { sameAccount, textProblem } from '../../src/model/text';
import { accountWarning } from '../../src/popup/popup-logic';
import { orgFromChatKey } from '../../src/vendors/kustomer/chat-key';
import { memoryArea } from './memory-area';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const chatKey = (payload: Record<string, unknown>) => `${b64({ alg: 'none' })}.${b64(payload)}.`;

const report = (n: number, org = 'acme'): CheckReport => ({
  format: 'chat-identity-lab-check',
  version: 1,
  environment: { name: 'Acme', site: 'https://acme.test', org },
  startedAt: new Date(Date.UTC(2026, 10, 1, 0, n)).toISOString(),
  durationMs: 1000,
  browser: 'Chrome',
  extension: '1',
  idPrefix: `qa-check-${n}`,
  checks: pendingChecks().map((c) => ({ ...c, status: 'passed', observed: [`run ${n}`, 'x'.repeat(5000)] })),
});

describe('1. the chat key is data', () => {
  it('reads the org name from orgName only, as a subdomain, lower case', () => {
    expect(orgFromChatKey(chatKey({ org: '5a3af7219b0f3b0001ba8325', orgName: 'Acme-Staging' }))).toBe('acme-staging');
    // org is an id, never a name.
    expect(orgFromChatKey(chatKey({ org: '5a3af7219b0f3b0001ba8325' }))).toBeUndefined();
  });

  it('drops what is not an org name: megabytes, Markdown, HTML', () => {
    expect(orgFromChatKey(chatKey({ orgName: 'a'.repeat(5_000_000) }))).toBeUndefined();
    expect(orgFromChatKey(chatKey({ orgName: 'a'.repeat(64) }))).toBeUndefined();
    expect(orgFromChatKey(chatKey({ orgName: '8 passed, 0 failed\n# x' }))).toBeUndefined();
    expect(orgFromChatKey(chatKey({ orgName: '<!--' }))).toBeUndefined();
    expect(orgFromChatKey('not a jwt')).toBeUndefined();
  });
});

describe('budgets: each kind of record filled to its cap, oldest dropped first', () => {
  it('check reports: at most KEPT_REPORTS and REPORTS_BUDGET_BYTES per environment, newest kept', () => {
    let kept: CheckReport[] = [];
    for (let n = 0; n < 60; n++) kept = keptReports(report(n, 'o'.repeat(n % 2 ? 5_000_000 : 10)), kept);
    expect(kept.length).toBeLessThanOrEqual(KEPT_REPORTS);
    expect(JSON.stringify(kept).length).toBeLessThanOrEqual(REPORTS_BUDGET_BYTES);
    expect(kept[0]?.idPrefix).toBe('qa-check-59');
    // Newest first, with no gap: the oldest went first.
    expect(kept.map((r) => r.idPrefix)).toEqual(kept.map((_, i) => `qa-check-${59 - i}`));
    expect(kept.every((r) => (r.environment.org ?? '').length <= REPORT_LIMITS.text)).toBe(true);
    expect(kept.every((r) => r.checks.every((c) => c.observed.every((line) => line.length <= REPORT_LIMITS.line)))).toBe(true);
  });

  it("identities' last results: the message and customer id are capped", async () => {
    const area = memoryArea();
    const store = new Store(area);
    await store.saveEnvironment({ id: 'e', name: 'E', vendor: 'kustomer', sites: ['http://localhost/*'], secret: 's' });
    await store.saveIdentity('e', { id: 'i', label: 'L', externalId: 'x', email: '', note: '', createdAt: 0 });
    for (let n = 0; n < 5; n++) await store.recordUse('e', 'i', { at: n, ok: false, message: 'm'.repeat(1_000_000), customerId: 'c'.repeat(1_000_000) });
    const [identity] = (await store.identities('e')).identities;
    expect(identity?.lastResult?.message?.length).toBe(RESULT_LIMITS.message);
    expect(identity?.lastResult?.customerId?.length).toBe(RESULT_LIMITS.customerId);
    expect(JSON.stringify(area.data).length).toBeLessThan(4096);
  });
});

describe('deleting an environment deletes everything stored for it', () => {
  it('identities and check reports go with it; others stay', async () => {
    const area = memoryArea();
    const store = new Store(area);
    for (const id of ['a', 'b']) {
      await store.saveEnvironment({ id, name: id, vendor: 'kustomer', sites: ['http://localhost/*'], secret: 's' });
      area.data[`checkReports:${id}`] = [report(1)];
    }
    await store.deleteEnvironment('a');
    expect(Object.keys(area.data).filter((k) => k.endsWith(':a'))).toEqual([]);
    expect(area.data['checkReports:b']).toBeDefined();
    expect(storageUsage(area.data)).toMatchObject({ reportLists: 1 });
  });

  it('an undo of the deletion brings its identities and check reports back', async () => {
    const area = memoryArea();
    const store = new Store(area);
    await store.saveEnvironment({ id: 'a', name: 'a', vendor: 'kustomer', sites: ['http://localhost/*'], secret: 's' });
    area.data['checkReports:a'] = [report(1), report(2)];
    area.data['identities:a'] = [{ id: 'i1', label: 'One', externalId: 'one', email: '', note: '' }];
    const before = structuredClone(area.data);
    const removed = await store.deleteEnvironment('a');
    if (!removed) throw new Error('nothing removed');
    expect(area.data['checkReports:a']).toBeUndefined();
    await store.restoreEnvironment(removed.env, removed.index, removed.identities, removed.kept);
    expect(area.data).toEqual(before);
  });

  it('an import that replaces environments drops the reports of those it removed', async () => {
    const area = memoryArea();
    const store = new Store(area);
    await store.saveEnvironment({ id: 'a', name: 'a', vendor: 'kustomer', sites: ['http://localhost/*'], secret: 's' });
    area.data['checkReports:a'] = [report(1)];
    await store.applyImport({ environments: [], identities: {}, removeKeys: ['identities:a'] });
    expect(Object.keys(area.data).filter((k) => k.endsWith(':a'))).toEqual([]);
  });
});

describe('4. a seen token stays with its site and environment', () => {
  const seen = (origin: string, environmentId?: string): SeenToken => ({ token: `t-${origin}-${environmentId}`, at: 1, url: `${origin}/`, origin, environmentId });
  it('lists only what was seen on this origin for this environment', () => {
    const list = [seen('https://a.test', 'A'), seen('https://b.test', 'B'), seen('https://a.test', 'B'), seen('https://a.test')];
    expect(seenWithin(list, { origin: 'https://a.test', environmentId: 'A' }).map((s) => s.token)).toEqual(['t-https://a.test-A']);
    expect(seenWithin(list, { origin: 'https://b.test', environmentId: 'A' })).toEqual([]);
    expect(seenWithin(list, { origin: undefined, environmentId: 'A' })).toEqual([]);
  });
});

describe('5. the site check refuses what the browser cannot match', () => {
  it.each(['http://10.0.0.300:8080', 'http://1.2.3', 'http://0x10.0.0.1', 'http://01.2.3.4', 'http://a.256', 'http://xn--a.test', '*://staging.acme.test:8080'])('%s', (site) => {
    expect(parseSite(site).ok).toBe(false);
  });
  it('accepts real hosts and addresses', () => {
    for (const site of ['http://10.0.0.30:8080', 'https://*.staging.example.com', 'http://localhost:5173', 'http://255.255.255.255']) expect(parseSite(site).ok, site).toBe(true);
    expect(hostProblem('10.0.0.300')).toContain('0 to 255');
  });
});

describe('6. typed and imported text is normalised', () => {
  it('refuses bidi overrides and zero-width characters, saying which', () => {
    expect(textProblem('Acme \u202Egnigats')).toContain('U+202E (right-to-left override)');
    expect(textProblem('Ac\u200Bme')).toContain('U+200B (zero-width space)');
    expect(textProblem('Ünïcödé staging')).toBeUndefined();
    const draft = { name: 'Acme\u202E', sites: 'https://acme.test', secret: 's' };
    expect(environmentFromDraft(draft, [])).toMatchObject({ ok: false, nameError: expect.stringContaining('right-to-left override') });
  });

  it('NFC and trim: a name typed two ways is one name', () => {
    const composed = environmentFromDraft({ name: ' Caf\u00e9 ', sites: 'https://acme.test', secret: 's' }, []);
    if (!composed.ok) throw new Error('refused');
    expect(composed.environment.name).toBe('Caf\u00e9');
    expect(environmentFromDraft({ name: 'Cafe\u0301', sites: 'https://acme.test', secret: 's' }, [composed.environment])).toMatchObject({ ok: false, nameError: expect.stringContaining('already exists') });
  });

  it('an org stored in capitals matches the page without case, in the popup and when read', () => {
    const stored = readEnvironment({ id: 'e', name: 'E', vendor: 'kustomer', sites: [], secret: '', orgName: ' Acme-Staging ' });
    if (typeof stored === 'string') throw new Error(stored);
    expect(stored.settings?.orgName).toBe('acme-staging');
    expect(accountWarning('acme-staging', { ...stored, settings: { orgName: 'Acme-Staging' } }, [])).toBeUndefined();
    expect(sameAccount('ACME', 'acme')).toBe(true);
  });
});

describe('3. a stored report is data', () => {
  it('writes Markdown for a stored report whose fields are not text, without throwing', () => {
    const stored = readReport({ ...report(1), environment: { name: 42 }, browser: null, idPrefix: { x: 1 } });
    if (!stored) throw new Error('not read');
    expect(() => reportMarkdown(stored)).not.toThrow();
  });
});

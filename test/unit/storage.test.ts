import { describe, expect, it } from 'vitest';
import type { Environment, Identity } from '../../src/model/schema';
import { ConflictError, Store, StorageError } from '../../src/storage/storage';
import { memoryArea } from './memory-area';
import { featureValues } from '../../src/model/feature-settings';
import { secretFetcher } from '../../src/vendors/kustomer/fetch-secret';

const a: Environment = { id: 'a', name: 'A', vendor: 'kustomer', sites: ['http://localhost/*'], secret: 'sa' };
const b: Environment = { id: 'b', name: 'B', vendor: 'kustomer', sites: ['https://b.example.com/*'], secret: '' };

describe('Store', () => {
  it('starts empty and stamps the schema version', async () => {
    const area = memoryArea();
    expect(await new Store(area).environments()).toEqual({ environments: [], unreadable: [], setAside: [] });
    expect(area.data.schemaVersion).toBe(4);
  });

  it('adds, replaces by id, and deletes', async () => {
    const store = new Store(memoryArea());
    await store.saveEnvironment(a);
    await store.saveEnvironment(b);
    await store.saveEnvironment({ ...a, name: 'A2' });
    expect((await store.environments()).environments.map((e) => e.name)).toEqual(['A2', 'B']);
    expect(await store.deleteEnvironment('a')).toEqual({ env: { ...a, name: 'A2' }, index: 0, identities: [], kept: {} });
    expect(await store.deleteEnvironment('a')).toBeUndefined();
    expect((await store.environments()).environments).toEqual([b]);
  });

  it('restores a deleted environment where it was', async () => {
    const store = new Store(memoryArea());
    await store.saveEnvironment(a);
    await store.saveEnvironment(b);
    const removed = await store.deleteEnvironment('a');
    if (!removed) throw new Error('not removed');
    await store.restoreEnvironment(removed.env, removed.index);
    expect((await store.environments()).environments.map((e) => e.id)).toEqual(['a', 'b']);
  });

  it.each([
    ['a string', 'garbage', 'not an object'],
    ['null', null, 'not an object'],
    ['an array', [1, 2], 'not an object'],
    ['no id', { name: 'x', sites: [], secret: '' }, 'no id'],
    ['a numeric id', { id: 7, name: 'x', sites: [], secret: '' }, 'no id'],
    ['no name', { id: 'x', sites: [], secret: '' }, 'no name'],
    ['sites not a list', { id: 'x', name: 'x', sites: 'http://x', secret: '' }, 'sites are not a list of text'],
    ['sites with a number', { id: 'x', name: 'x', sites: [1], secret: '' }, 'sites are not a list of text'],
    ['a secret that is not text', { id: 'x', name: 'x', sites: [], secret: 42 }, 'secret is not text'],
  ])('reports an entry with %s, keeps it, and still serves the good ones', async (_what, bad, reason) => {
    const area = memoryArea({ schemaVersion: 4, environments: [a, bad] });
    const store = new Store(area);
    expect(await store.environments()).toEqual({ environments: [a], unreadable: [{ index: 1, reason }], setAside: [] });
    await store.saveEnvironment(b);
    expect(area.data.environments).toEqual([a, bad, b]);
  });

  it('sets aside a whole environment list that is not a list, and carries on empty', async () => {
    const area = memoryArea({ environments: { oops: true } });
    const snapshot = await new Store(area).environments();
    expect(snapshot.environments).toEqual([]);
    expect(snapshot.setAside).toEqual([{ key: 'environments', reason: 'environments was not a list', value: { oops: true }, at: expect.any(String) }]);
    expect(area.data.environments).toEqual([]);
  });

  it('refuses data from a newer schema instead of overwriting it', async () => {
    const area = memoryArea({ schemaVersion: 99, environments: 'future format' });
    await expect(new Store(area).environments()).rejects.toBeInstanceOf(StorageError);
    await expect(new Store(area).saveEnvironment(a)).rejects.toThrow('newer version');
    expect(area.data.environments).toBe('future format');
  });

  it('reads settings with defaults and clamps nonsense', async () => {
    const store = new Store(memoryArea());
    const api = 'https://{org}.api.kustomerapp.com';
    // Fetch secret's address is the Kustomer feature's setting, kept under the vendor; as the feature uses it:
    const apiUrl = async (area: Store) => featureValues(secretFetcher.settings, (await area.settings()).vendors?.kustomer).apiUrl;
    expect(await store.settings()).toEqual({ sdkTimeoutSeconds: 10 });
    expect(await apiUrl(store)).toBe(api);
    await store.saveSettings({ sdkTimeoutSeconds: 3, vendors: { kustomer: { apiUrl: 'http://127.0.0.1:4100' } } });
    expect(await store.settings()).toEqual({ sdkTimeoutSeconds: 3, vendors: { kustomer: { apiUrl: 'http://127.0.0.1:4100' } } });
    expect(await apiUrl(store)).toBe('http://127.0.0.1:4100');
    for (const bad of [0, -1, 500, Number.NaN, '5', null]) {
      expect(await new Store(memoryArea({ settings: { sdkTimeoutSeconds: bad } })).settings()).toEqual({ sdkTimeoutSeconds: 10 });
    }
    expect(await new Store(memoryArea({ settings: 'junk' })).settings()).toEqual({ sdkTimeoutSeconds: 10 });
    // As stored before (model/legacy-records): read under the vendor, and a refused address is never used.
    expect(await new Store(memoryArea({ settings: { kustomerApiUrl: 'http://127.0.0.1:4100' } })).settings()).toEqual({ sdkTimeoutSeconds: 10, vendors: { kustomer: { apiUrl: 'http://127.0.0.1:4100' } } });
    expect(await apiUrl(new Store(memoryArea({ settings: { kustomerApiUrl: 'javascript:alert(1)' } })))).toBe(api);
  });
});

const ident = (id: string, label: string, extra: Partial<Identity> = {}): Identity => ({
  id,
  label,
  externalId: `ext-${id}`,
  email: '',
  note: '',
  createdAt: 1,
  ...extra,
});

describe('Store: identities', () => {
  it('keeps each environment\'s identities under its own key', async () => {
    const area = memoryArea();
    const store = new Store(area);
    await store.saveEnvironment(a);
    await store.saveEnvironment(b);
    await store.saveIdentity('a', ident('i1', 'VIP'));
    await store.saveIdentity('b', ident('i2', 'VIP'));
    expect(area.data['identities:a']).toEqual([ident('i1', 'VIP')]);
    expect((await store.identities('b')).identities).toEqual([ident('i2', 'VIP')]);
  });

  it('refuses a label taken in the same environment, whatever its case, and writes nothing', async () => {
    const area = memoryArea();
    const store = new Store(area);
    await store.saveIdentity('a', ident('i1', 'VIP customer'));
    await expect(store.saveIdentity('a', ident('i2', ' vip CUSTOMER '))).rejects.toBeInstanceOf(ConflictError);
    expect(area.data['identities:a']).toEqual([ident('i1', 'VIP customer')]);
    await store.saveIdentity('a', ident('i1', 'VIP customer', { note: 'renamed own label is fine' }));
    expect((await store.identities('a')).identities[0]?.note).toBe('renamed own label is fine');
  });

  it('records the last use and result of an identity', async () => {
    const store = new Store(memoryArea());
    await store.saveIdentity('a', ident('i1', 'VIP'));
    const result = { at: 50, ok: true, customerId: 'cus_1', conversationCount: 3 };
    expect(await store.recordUse('a', 'i1', result)).toMatchObject({ lastUsedAt: 50, lastResult: result });
    expect((await store.identities('a')).identities[0]).toMatchObject({ lastUsedAt: 50, lastResult: result });
    expect(await store.recordUse('a', 'missing', result)).toBeUndefined();
  });

  it('a login recording its use while the options page saves an identity loses neither write', async () => {
    const area = memoryArea();
    const slow = { ...area, get: async (keys: string | string[] | null) => {
      const read = await area.get(keys);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return read;
    }, set: (items: Record<string, unknown>) => area.set(items), remove: (keys: string | string[]) => area.remove(keys) };
    await new Store(area).saveIdentity('a', ident('i1', 'VIP'));
    const login = new Store(slow);
    const options = new Store(slow);
    const result = { at: 50, ok: true };
    await Promise.all([login.recordUse('a', 'i1', result), options.saveIdentity('a', ident('i2', 'New customer')), login.recordUse('a', 'i1', { at: 60, ok: false })]);
    const { identities } = await new Store(area).identities('a');
    expect(identities.map((i) => i.id)).toEqual(['i1', 'i2']);
    expect(identities[0]).toMatchObject({ lastUsedAt: 60 });
  });

  it('deletes and restores an identity in place', async () => {
    const store = new Store(memoryArea());
    await store.saveIdentity('a', ident('i1', 'One'));
    await store.saveIdentity('a', ident('i2', 'Two'));
    const removed = await store.deleteIdentity('a', 'i1');
    expect(removed?.index).toBe(0);
    if (removed) await store.restoreIdentity('a', removed.identity, removed.index);
    expect((await store.identities('a')).identities.map((i) => i.id)).toEqual(['i1', 'i2']);
  });

  it('deletes an environment with its identities, and undo brings both back', async () => {
    const area = memoryArea();
    const store = new Store(area);
    await store.saveEnvironment(a);
    await store.saveIdentity('a', ident('i1', 'VIP'));
    const removed = await store.deleteEnvironment('a');
    expect('identities:a' in area.data).toBe(false);
    if (removed) await store.restoreEnvironment(removed.env, removed.index, removed.identities);
    expect((await store.identities('a')).identities.map((i) => i.id)).toEqual(['i1']);
  });

  it('reports unreadable identities and keeps them', async () => {
    const area = memoryArea({ schemaVersion: 4, 'identities:a': [ident('i1', 'VIP'), { id: 'x', label: 'No claims', externalId: '', email: '' }, 5] });
    const store = new Store(area);
    expect(await store.identities('a')).toEqual({
      identities: [expect.objectContaining({ id: 'i1' })],
      unreadable: [
        { index: 1, reason: 'neither externalId nor email' },
        { index: 2, reason: 'not an object' },
      ],
    });
    await store.saveIdentity('a', ident('i3', 'New'));
    expect((area.data['identities:a'] as unknown[]).length).toBe(4);
  });
});

describe('Store: migrations', () => {
  // Environments as releases before vendors (schema 1 to 3) wrote them: no vendor.
  const old = ({ vendor: _vendor, ...rest }: Environment) => rest;
  // What the core release (schema 1) wrote: environments and settings, no identities.
  const schema1 = {
    schemaVersion: 1,
    environments: [old(a), old(b), 'corrupt entry'],
    settings: { sdkTimeoutSeconds: 4 },
  };

  it('migrates schema 1 to 4: every environment gets an identity list and is Kustomer, nothing else changes', async () => {
    const area = memoryArea(schema1);
    const store = new Store(area);
    expect((await store.environments()).environments).toEqual([a, b]);
    expect(area.data).toEqual({ ...schema1, environments: [a, b, 'corrupt entry'], schemaVersion: 4, 'identities:a': [], 'identities:b': [] });
    expect(await store.settings()).toEqual({ sdkTimeoutSeconds: 4 });
  });

  it('does not overwrite identities already there', async () => {
    const area = memoryArea({ ...schema1, 'identities:a': [ident('i1', 'Kept')] });
    await new Store(area).environments();
    expect(area.data['identities:a']).toEqual([ident('i1', 'Kept')]);
  });

  it('treats unversioned data as schema 1', async () => {
    const area = memoryArea({ environments: [old(a)] });
    await new Store(area).identities('a');
    expect(area.data).toMatchObject({ schemaVersion: 4, environments: [a], 'identities:a': [] });
  });

  // What the identities release (schema 2) wrote.
  const schema2 = {
    schemaVersion: 2,
    environments: [old(a), { ...old(b), observeLogins: false }],
    'identities:a': [ident('i1', 'VIP', { lastUsedAt: 5, lastResult: { at: 5, ok: true, customerId: 'cus_1' } })],
    'identities:b': [],
    settings: { sdkTimeoutSeconds: 4 },
  };

  it('migrates schema 2 to 4: environments become Kustomer, no other record changes', async () => {
    const area = memoryArea(schema2);
    const store = new Store(area);
    expect((await store.environments()).environments).toEqual([a, { ...b, observeLogins: false }]);
    expect((await store.identities('a')).identities).toEqual(schema2['identities:a']);
    expect(area.data).toEqual({ ...schema2, environments: [a, { ...b, observeLogins: false }], schemaVersion: 4 });
  });

  it('migrates schema 3 to 4: a Zendesk or Intercom environment keeps its vendor, unreadable entries stay as they were', async () => {
    const zendesk = { id: 'z', name: 'Z', vendor: 'zendesk', keyId: 'app_1', sites: ['http://localhost:4200/*'], secret: 's' };
    const area = memoryArea({ schemaVersion: 3, environments: [old(a), zendesk, { id: 7 }, 'corrupt'], settings: {} });
    const snapshot = await new Store(area).environments();
    // Its key id, stored at the top level then, is read under its settings (model/legacy-records).
    const { keyId, ...rest } = zendesk;
    expect(snapshot.environments).toEqual([a, { ...rest, settings: { keyId } }]);
    expect(area.data.environments).toEqual([a, zendesk, { id: 7 }, 'corrupt']);
    expect(area.data.schemaVersion).toBe(4);
  });

  it('is idempotent', async () => {
    const area = memoryArea(schema1);
    await new Store(area).environments();
    const once = structuredClone(area.data);
    await new Store(area).environments();
    expect(area.data).toEqual(once);
  });
});

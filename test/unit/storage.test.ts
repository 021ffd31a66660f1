import { describe, expect, it } from 'vitest';
import type { Environment } from '../../src/core/schema';
import { type StorageArea, Store, StorageError } from '../../src/core/storage';

/** An in-memory storage.local with the same copy-on-read behaviour. */
function memoryArea(initial: Record<string, unknown> = {}): StorageArea & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = structuredClone(initial);
  return {
    data,
    async get(keys) {
      const list = keys === null ? Object.keys(data) : Array.isArray(keys) ? keys : [keys];
      return Object.fromEntries(list.filter((k) => k in data).map((k) => [k, structuredClone(data[k])]));
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) data[k] = structuredClone(v);
    },
  };
}

const a: Environment = { id: 'a', name: 'A', sites: ['http://localhost/*'], secret: 'sa' };
const b: Environment = { id: 'b', name: 'B', sites: ['https://b.example.com/*'], secret: '' };

describe('Store', () => {
  it('starts empty and stamps the schema version', async () => {
    const area = memoryArea();
    expect(await new Store(area).environments()).toEqual({ environments: [], unreadable: [], setAside: [] });
    expect(area.data.schemaVersion).toBe(1);
  });

  it('adds, replaces by id, and deletes', async () => {
    const store = new Store(memoryArea());
    await store.saveEnvironment(a);
    await store.saveEnvironment(b);
    await store.saveEnvironment({ ...a, name: 'A2' });
    expect((await store.environments()).environments.map((e) => e.name)).toEqual(['A2', 'B']);
    expect(await store.deleteEnvironment('a')).toEqual({ env: { ...a, name: 'A2' }, index: 0 });
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
    const area = memoryArea({ schemaVersion: 1, environments: [a, bad] });
    const store = new Store(area);
    expect(await store.environments()).toEqual({ environments: [a], unreadable: [{ index: 1, reason }], setAside: [] });
    await store.saveEnvironment(b);
    expect(area.data.environments).toEqual([a, bad, b]);
  });

  it('sets aside a whole environment list that is not a list, and carries on empty', async () => {
    const area = memoryArea({ environments: { oops: true } });
    const snapshot = await new Store(area).environments();
    expect(snapshot.environments).toEqual([]);
    expect(snapshot.setAside).toEqual([{ key: 'environments', reason: 'the environment list was not a list', value: { oops: true }, at: expect.any(String) }]);
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
    expect(await store.settings()).toEqual({ sdkTimeoutSeconds: 10 });
    await store.saveSettings({ sdkTimeoutSeconds: 3 });
    expect(await store.settings()).toEqual({ sdkTimeoutSeconds: 3 });
    for (const bad of [0, -1, 500, Number.NaN, '5', null]) {
      expect(await new Store(memoryArea({ settings: { sdkTimeoutSeconds: bad } })).settings()).toEqual({ sdkTimeoutSeconds: 10 });
    }
    expect(await new Store(memoryArea({ settings: 'junk' })).settings()).toEqual({ sdkTimeoutSeconds: 10 });
  });
});

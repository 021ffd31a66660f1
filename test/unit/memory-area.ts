import type { StorageArea } from '../../src/storage/storage';

/** An in-memory storage.local with the same copy-on-read behaviour; `writes` counts set calls. */
export function memoryArea(initial: Record<string, unknown> = {}): StorageArea & { data: Record<string, unknown>; writes: number } {
  const data: Record<string, unknown> = structuredClone(initial);
  return {
    data,
    writes: 0,
    async get(keys) {
      const list = keys === null ? Object.keys(data) : Array.isArray(keys) ? keys : [keys];
      return Object.fromEntries(list.filter((k) => k in data).map((k) => [k, structuredClone(data[k])]));
    },
    async set(items) {
      this.writes += 1;
      for (const [k, v] of Object.entries(items)) data[k] = structuredClone(v);
    },
    async remove(keys) {
      for (const k of Array.isArray(keys) ? keys : [keys]) delete data[k];
    },
  };
}


import { vi } from 'vitest';

// The readers are pure; their modules also hold the code that reads the browser's storage.
vi.mock('webextension-polyfill', () => ({ default: {} }));
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { STORED_KEYS } from '../../src/storage/storage-registry';
import * as keys from '../../src/storage/storage-keys';

describe('the storage registry', () => {
  it('lists every key name the code uses, once, in local or session storage', () => {
    const names = Object.values(keys).map((k) => (typeof k === 'function' ? (k as (id: string) => string)('<x>').split('<x>')[0] : k));
    for (const name of names) expect(STORED_KEYS.filter((s) => s.key.startsWith(name as string)).length, String(name)).toBeGreaterThan(0);
    expect(new Set(STORED_KEYS.map((s) => s.key)).size).toBe(STORED_KEYS.length);
    expect(STORED_KEYS.every((s) => s.area === 'local' || s.area === 'session')).toBe(true);
  });

  it('every reader takes anything corrupt storage may hold without throwing', () => {
    for (const stored of STORED_KEYS) {
      fc.assert(
        fc.property(fc.anything(), (value) => {
          stored.read(value);
        }),
        { numRuns: 200 },
      );
    }
  });
});

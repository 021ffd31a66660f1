import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import '../../src/vendors/all';
import { loadVendor } from '../../src/vendors/registry';
import { VENDORS } from '../../src/vendors/list';

/**
 * A chat vendor is its folder plus one line in src/vendors/list.ts: outside its folder, no
 * source file names a vendor (its id, its name), a vendor's globals or its settings' keys,
 * in code or in comments, but the list itself and the reading of earlier versions' records
 * (src/model/legacy-records.ts). The names come from the vendors themselves, so a new vendor's
 * are checked as soon as it is listed.
 */

/** The only shared files that may name a vendor. */
const ALLOWED = ['src/vendors/list.ts', 'src/model/legacy-records.ts'];
/** Source outside src/ that the rule covers: the build (its chunks are by folder, never by vendor). */
const ALSO = ['vite.config.ts', 'vite.node.config.ts'];
const SOURCE = /\.(ts|tsx|js|mjs|html|css|json)$/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : SOURCE.test(name) ? [relative('.', path)] : [];
  });
}

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Each name with how it is matched: ids and names in any case (prose says "Kustomer"), keys and globals as written. */
async function forbiddenNames(): Promise<{ name: string; pattern: RegExp }[]> {
  const names = new Map<string, RegExp>();
  for (const entry of VENDORS) {
    const vendor = await loadVendor(entry.id);
    names.set(entry.id, new RegExp(literal(entry.id), 'i'));
    names.set(entry.name, new RegExp(literal(entry.name), 'i'));
    for (const key of vendor.settings.map((s) => s.key)) names.set(key, new RegExp(`\\b${literal(key)}\\b`));
    for (const global of vendor.presence.globals) names.set(global, new RegExp(`\\b${literal(global)}\\b`));
  }
  return [...names].map(([name, pattern]) => ({ name, pattern }));
}

/** The shared source files: everything but the vendors' folders and the two allowed files. */
function sharedFiles(): string[] {
  const folders = VENDORS.map((v) => `src/vendors/${v.id}/`);
  return [...filesUnder('src'), ...ALSO].filter((f) => !ALLOWED.includes(f) && !folders.some((folder) => f.startsWith(folder)));
}

/** Every place in `files` where a name is: "file:line: name". */
async function leaks(files: string[]): Promise<string[]> {
  const names = await forbiddenNames();
  const found: string[] = [];
  for (const file of files) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        for (const { name, pattern } of names) if (pattern.test(line)) found.push(`${file}:${i + 1}: ${name}`);
      });
  }
  return found;
}

describe('vendor names stay in their folders', () => {
  it('no shared source file names a vendor, its globals or its settings, but the list and the reading of old records', async () => {
    expect(await leaks(sharedFiles())).toEqual([]);
  });

  it('knows the names it looks for (each vendor: id, name, settings, globals)', async () => {
    const names = (await forbiddenNames()).map((n) => n.name);
    for (const entry of VENDORS) expect(names).toEqual(expect.arrayContaining([entry.id, entry.name]));
    expect(names.length).toBeGreaterThan(VENDORS.length * 3);
  });

  it('says where a name leaked, file and line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vendor-names-'));
    const file = join(dir, 'leak.ts');
    const [first] = VENDORS;
    writeFileSync(file, `// fine\nconst vendor = '${first?.id.toUpperCase()}';\n`);
    expect(await leaks([file])).toEqual([`${file}:2: ${first?.id}`]);
  });
});

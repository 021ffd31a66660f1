import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExportPassphraseError, openSecrets, sealSecrets } from '../../src/storage/export-secrets';
import type { Environment, Identity } from '../../src/model/schema';
import { buildExport, type ExportFile, parseImport, withSecrets } from '../../src/storage/transfer';
import { changesAnything, planImport } from '../../src/storage/import-plan';
import { undoOf } from '../../src/storage/import-undo';
import { VENDOR_IDS } from '../../src/vendors/list';
import { describeImport } from '../../src/storage/import-wording';

const envA: Environment = { id: 'a', name: 'Staging EU', vendor: 'kustomer', sites: ['https://eu.staging.example.com/*'], secret: 'secret-a', settings: { orgName: 'acme' } };
const envB: Environment = { id: 'b', name: 'Local', vendor: 'kustomer', sites: ['http://localhost:4100/*'], secret: '', observeLogins: false };
const vip: Identity = { id: 'i1', label: 'VIP', externalId: 'cust-vip', email: '', note: '3 chats', createdAt: 1, lastUsedAt: 5 };
const file = (environments: unknown, extra: object = {}) => JSON.stringify({ format: 'chat-identity-lab', schemaVersion: 3, environments, ...extra });

describe('export', () => {
  it('leaves secrets out unless asked, and ids and history always', () => {
    const exported = buildExport([envA, envB], { a: [vip] }, undefined, new Date('2026-01-01T00:00:00Z'));
    expect(JSON.stringify(exported)).not.toContain('secret-a');
    expect(exported).toEqual({
      format: 'chat-identity-lab',
      schemaVersion: 4,
      exportedAt: '2026-01-01T00:00:00.000Z',
      includesSecrets: false,
      environments: [
        { name: 'Staging EU', vendor: 'kustomer', sites: ['https://eu.staging.example.com/*'], settings: { orgName: 'acme' }, identities: [{ label: 'VIP', externalId: 'cust-vip', email: '', note: '3 chats' }] },
        { name: 'Local', vendor: 'kustomer', sites: ['http://localhost:4100/*'], observeLogins: false, identities: [] },
      ],
    });
  });

  it('round-trips a Zendesk and an Intercom environment with their settings and identity names', () => {
    const zendesk: Environment = { id: 'z', name: 'Zendesk staging', vendor: 'zendesk', settings: { keyId: 'app_42' }, sites: ['http://localhost:4200/*'], secret: '' };
    const intercom: Environment = { id: 'i', name: 'Intercom staging', vendor: 'intercom', settings: { appId: 'abc12def' }, sites: ['http://localhost:4300/*'], secret: '' };
    const named = { ...vip, id: 'n', label: 'Named', externalId: 'user-1', name: 'Ada Lovelace' };
    const exported = buildExport([zendesk, intercom], { z: [named] }, undefined);
    const parsed = parseImport(JSON.stringify(exported));
    expect(parsed).toEqual({ ok: true, file: exported });
    if (!parsed.ok) throw new Error('not parsed');
    let n = 0;
    const plan = planImport(parsed.file, [], 'replace', () => `new-${++n}`, 0);
    expect(plan.environments).toEqual([
      { id: 'new-1', name: 'Zendesk staging', vendor: 'zendesk', settings: { keyId: 'app_42' }, sites: ['http://localhost:4200/*'], secret: '' },
      { id: 'new-3', name: 'Intercom staging', vendor: 'intercom', settings: { appId: 'abc12def' }, sites: ['http://localhost:4300/*'], secret: '' },
    ]);
    expect(plan.identities['new-1']?.[0]).toMatchObject({ label: 'Named', externalId: 'user-1', name: 'Ada Lovelace' });
  });

  it('refuses an unknown vendor, and reads a file without vendors as Kustomer', () => {
    const base = { format: 'chat-identity-lab', schemaVersion: 3, environments: [{ name: 'A', sites: ['http://localhost'] }] };
    const old = parseImport(JSON.stringify(base));
    expect(old.ok && old.file.environments[0]?.vendor).toBe('kustomer');
    const bad = parseImport(JSON.stringify({ ...base, environments: [{ name: 'A', vendor: 'drift', sites: ['http://localhost'] }] }));
    // Every listed vendor, in the list's order.
    expect(bad).toEqual({ ok: false, problems: [`environments[0].vendor: must be one of ${VENDOR_IDS.join(', ')}.`] });
    expect(VENDOR_IDS.slice(0, 3)).toEqual(['kustomer', 'zendesk', 'intercom']);
  });

  it('with secrets: holds them only encrypted with the passphrase, and round-trips through import', async () => {
    const sealed = await sealSecrets(['secret-a', ''], 'a file passphrase', 1000);
    const exported = buildExport([envA, envB], { a: [vip] }, sealed);
    expect(exported.includesSecrets).toBe(true);
    expect(JSON.stringify(exported)).not.toContain('secret-a');
    expect(exported.environments.every((e) => e.secret === undefined)).toBe(true);
    const parsed = parseImport(JSON.stringify(exported));
    expect(parsed).toEqual({ ok: true, file: exported });
    if (!parsed.ok || !parsed.file.sealedSecrets) throw new Error('not parsed');
    const secrets = await openSecrets(parsed.file.sealedSecrets, 'a file passphrase', 2);
    expect(secrets).toEqual(['secret-a', '']);
    expect(withSecrets(parsed.file, secrets).environments.map((e) => e.secret)).toEqual(['secret-a', undefined]);
  });

  it('refuses a wrong passphrase, a changed file, a short passphrase and a damaged block, saying so', async () => {
    const sealed = await sealSecrets(['secret-a'], 'a file passphrase', 1000);
    await expect(openSecrets(sealed, 'not the passphrase', 1)).rejects.toThrow('Wrong passphrase for this file');
    await expect(openSecrets({ ...sealed, sealed: { ...sealed.sealed, data: `A${sealed.sealed.data.slice(1)}` } }, 'a file passphrase', 1)).rejects.toThrow(ExportPassphraseError);
    await expect(openSecrets(sealed, 'a file passphrase', 2)).rejects.toThrow('do not match its environments');
    await expect(sealSecrets(['x'], 'short')).rejects.toThrow('at least 8 characters');
    const broken = { ...buildExport([envA], {}, sealed), sealedSecrets: { ...sealed, iterations: 5 } };
    expect(parseImport(JSON.stringify(broken))).toEqual({ ok: false, problems: ['sealedSecrets.iterations: must be a whole number from 1000 to 10000000.'] });
  });
});

describe('import validation: a corpus of broken files, each problem with its place', () => {
  const cases: [string, string, string[]][] = [
    ['empty file', '', ['The file is not JSON']],
    ['truncated', file([{ name: 'A', sites: ['http://localhost'] }]).slice(0, 40), ['The file is not JSON']],
    ['not an object', '[1,2,3]', ['The file holds no export object']],
    ['null', 'null', ['The file holds no export object']],
    ['wrong format', JSON.stringify({ format: 'other', schemaVersion: 1, environments: [] }), ['format: expected "chat-identity-lab"']],
    ['no format', JSON.stringify({ schemaVersion: 1, environments: [] }), ['format: expected']],
    ['future schema', file([], { schemaVersion: 99 }), ['schemaVersion: 99 is from a newer Chat Identity Lab']],
    ['bad schema', file([], { schemaVersion: 'x' }), ['schemaVersion: missing or not a whole number']],
    ['no environments', JSON.stringify({ format: 'chat-identity-lab', schemaVersion: 3 }), ['environments: missing or not a list']],
    ['environment not an object', file([42]), ['environments[0]: not an object']],
    ['missing name', file([{ sites: ['http://localhost'] }]), ['environments[0].name: missing']],
    ['name not text', file([{ name: 5, sites: ['http://localhost'] }]), ['environments[0].name: must be text, not number']],
    ['empty name', file([{ name: '  ', sites: ['http://localhost'] }]), ['environments[0].name: empty']],
    ['duplicate names', file([{ name: 'A', sites: ['http://localhost'] }, { name: 'a', sites: ['http://localhost'] }]), ['environments[1].name: "a" appears twice']],
    ['no sites', file([{ name: 'A', sites: [] }]), ['environments[0].sites: must be a list of at least one site']],
    ['bad site', file([{ name: 'A', sites: ['http://localhost', 'ftp://x'] }]), ['environments[0].sites[1]: Scheme "ftp" is not supported']],
    ['site not text', file([{ name: 'A', sites: [{}] }]), ['environments[0].sites[0]: must be text']],
    ['identities not a list', file([{ name: 'A', sites: ['http://localhost'], identities: {} }]), ['environments[0].identities: must be a list']],
    ['identity without claims', file([{ name: 'A', sites: ['http://localhost'], identities: [{ label: 'X' }] }]), ['environments[0].identities[0]: needs an externalId or an email']],
    ['identity bad email', file([{ name: 'A', sites: ['http://localhost'], identities: [{ label: 'X', email: 'nope' }] }]), ['environments[0].identities[0].email: "nope" is not an email address']],
    ['identity duplicate label', file([{ name: 'A', sites: ['http://localhost'], identities: [{ label: 'X', externalId: '1' }, { label: 'x', externalId: '2' }] }]), ['environments[0].identities[1].label: "x" appears twice']],
    ['identity without label', file([{ name: 'A', sites: ['http://localhost'], identities: [{ externalId: '1' }] }]), ['environments[0].identities[0].label: missing']],
    ['observeLogins not boolean', file([{ name: 'A', sites: ['http://localhost'], observeLogins: 'yes' }]), ['environments[0].observeLogins: must be true or false']],
    ['huge text', file([{ name: 'x'.repeat(3000), sites: ['http://localhost'] }]), ['environments[0].name: longer than 2000 characters']],
    ['secret not text', file([{ name: 'A', sites: ['http://localhost'], secret: 123 }]), ['environments[0].secret: must be text, not number']],
  ];

  it.each(cases)('%s', (_name, content, expected) => {
    const result = parseImport(content);
    expect(result.ok).toBe(false);
    if (!result.ok) for (const problem of expected) expect(result.problems.some((p) => p.includes(problem))).toBe(true);
  });

  it('reports every problem at once', () => {
    const result = parseImport(file([{ name: '', sites: ['bad'] }, { name: 'B', sites: ['http://localhost'], identities: [{ label: 'X', email: 'bad' }] }]));
    expect(!result.ok && result.problems.length).toBe(3);
  });

  it('ignores prototype tricks', () => {
    const result = parseImport('{"format":"chat-identity-lab","schemaVersion":3,"environments":[{"name":"A","sites":["http://localhost"],"__proto__":{"polluted":true}}]}');
    expect(result.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a file far too large without reading it', () => {
    const result = parseImport(' '.repeat(11 * 1024 * 1024));
    expect(!result.ok && result.problems[0]).toContain('larger than 10 MB');
  });

  it('never throws on arbitrary input (fuzzed)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        parseImport(s);
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        parseImport(JSON.stringify(value));
        parseImport(file(value));
        parseImport(file([value]));
        parseImport(file([{ name: 'A', sites: ['http://localhost'], identities: [value] }]));
      }),
      { numRuns: 1000 },
    );
  });

  it('accepts only what it has checked (fuzzed)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = parseImport(file([{ name: 'A', sites: ['http://localhost'], identities: [value] }]));
        if (result.ok) {
          const identity = result.file.environments[0]?.identities[0];
          expect(typeof identity?.label).toBe('string');
          expect(identity?.label).not.toBe('');
          expect(identity?.externalId || identity?.email).toBeTruthy();
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('planImport', () => {
  const parsed = parseImport(JSON.stringify(buildExport([envA, envB], { a: [vip] }, undefined))) as { ok: true; file: ExportFile };
  let n = 0;
  const ids = () => `new-${++n}`;
  const otherSites: Environment = { ...envA, id: 'c', sites: ['https://other.example.com/*'] };

  it('merge keeps what is there, renames a name clash with other sites and gives everything new ids', () => {
    const plan = planImport(parsed.file, [otherSites, 'unreadable entry'], 'merge', ids, 100);
    expect(plan.environments.slice(0, 2)).toEqual([otherSites, 'unreadable entry']);
    expect((plan.environments.slice(2) as Environment[]).map((e) => e.name)).toEqual(['Staging EU (imported)', 'Local']);
    expect(plan.summary.renamed).toEqual([{ from: 'Staging EU', to: 'Staging EU (imported)' }]);
    expect(plan.removeKeys).toEqual([]);
    const importedA = plan.environments[2] as Environment;
    expect(plan.identities[importedA.id]).toEqual([{ id: expect.stringMatching(/^new-/), label: 'VIP', externalId: 'cust-vip', email: '', note: '3 chats', createdAt: 100 }]);
  });

  it('merging the same file twice numbers the renames of clashing names', () => {
    const once = planImport(parsed.file, [otherSites], 'merge', ids);
    const twice = planImport(parsed.file, [{ ...otherSites, id: 'd', sites: ['https://third.example.com/*'] }, ...once.environments], 'merge', ids);
    expect((twice.environments as Environment[]).map((e) => e.name)).toContain('Staging EU (imported 2)');
  });

  it('merging a file identical to what is here changes nothing', () => {
    const plan = planImport(parsed.file, [envA, envB], 'merge', ids, 100, { a: [vip], b: [] });
    expect(plan.written).toEqual([]);
    expect(plan.environments).toEqual([envA, envB]);
    expect(plan.summary).toMatchObject({ added: [], updated: [], unchanged: ['Staging EU', 'Local'], renamed: [] });
    expect(changesAnything(plan)).toBe(false);
  });

  it('merge updates a matching environment in place: same id and secret, settings from the file, identities merged by label', () => {
    const changed = { ...parsed.file, environments: parsed.file.environments.map((e, i) => (i === 0 ? { ...e, settings: { orgName: 'acme-2' }, identities: [{ ...e.identities[0], note: 'moved', label: 'vip' }, { label: 'New', externalId: 'cust-new', email: '', note: '' }] } : e)) } as ExportFile;
    const plan = planImport(changed, [envA, envB], 'merge', ids, 100, { a: [vip, 'unreadable identity'], b: [] });
    expect(plan.environments).toEqual([{ ...envA, settings: { orgName: 'acme-2' } }, envB]);
    expect(plan.written).toEqual(['a']);
    expect(plan.identities.a).toEqual([{ ...vip, note: 'moved' }, 'unreadable identity', { id: expect.stringMatching(/^new-/), label: 'New', externalId: 'cust-new', email: '', note: '', createdAt: 99 }]);
    expect(plan.summary).toMatchObject({ updated: ['Staging EU'], unchanged: ['Local'], secretsKept: ['Staging EU'], identitiesAdded: 1, identitiesUpdated: 1 });
    expect(describeImport(plan.summary, 2)).toEqual([
      'Updates 1 environment already here (same name and sites) instead of adding a copy: "Staging EU".',
      '1 environment already here and identical: left as it is.',
      'Keeps the secret here of "Staging EU": same name and sites, and the file has no secret for it.',
      '1 identity added, 1 updated.',
    ]);
  });

  it('replace swaps everything and drops the old identity lists; it says which secrets go', () => {
    const plan = planImport(parsed.file, [otherSites, envB, 'unreadable'], 'replace', ids, 0, { c: [vip] });
    expect((plan.environments as Environment[]).map((e) => e.name)).toEqual(['Staging EU', 'Local']);
    expect((plan.environments[1] as Environment).id).toBe('b');
    expect(plan.removeKeys).toEqual(['identities:c']);
    expect(plan.summary).toMatchObject({ replaced: 3, secretsRemoved: ['Staging EU'], secretsKept: [], identitiesAdded: 1, identitiesRemoved: 1 });
    expect(describeImport(plan.summary, 2)).toEqual([
      "Replaces the 3 environments here with the file's 2.",
      '1 secret will be removed, with its environment: "Staging EU".',
      "1 identity here will be replaced by the file's.",
      '1 identity added.',
    ]);
  });

  it('replace keeps the id and secret (plain or sealed) of a matching environment when the file has none', () => {
    const sealedA: Environment = { ...envA, secret: '', secretSealed: { iv: 'iv', data: 'data' } };
    const plan = planImport(parsed.file, [sealedA, envB], 'replace', ids, 0, { a: [vip], b: [] });
    expect(plan.environments[0]).toEqual(sealedA);
    expect(plan.removeKeys).toEqual([]);
    expect(plan.summary).toMatchObject({ secretsRemoved: [], secretsKept: ['Staging EU'] });
    const withSecret = planImport(withSecrets(parsed.file, ['from-file', '']), [envA], 'replace', ids);
    expect((withSecret.environments[0] as Environment).secret).toBe('from-file');
  });

  it('undo writes back exactly what was stored, and removes lists the import created', () => {
    const before = { environments: [envA, 'unreadable'], identities: { a: [vip] } };
    const plan = planImport(parsed.file, before.environments, 'replace', ids, 0, before.identities);
    const undo = undoOf(before, plan);
    expect(undo.environments).toEqual([envA, 'unreadable']);
    expect(undo.identities).toEqual({ a: [vip] });
    expect(undo.removeKeys).toEqual(plan.written.filter((id) => id !== 'a').map((id) => `identities:${id}`));
    expect(undo.removeKeys).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import { readEnvironment } from '../../src/model/schema';
import { parseImport } from '../../src/storage/transfer';
import { planImport } from '../../src/storage/import-plan';

/**
 * Records and export files written before vendor settings were data still read: their
 * top-level orgName, keyId and appId are the environment's settings now, by the same keys.
 */
describe('records of earlier versions', () => {
  it('a stored environment with its setting at the top level reads it under settings; settings win over it', () => {
    const stored = (extra: object) => readEnvironment({ id: 'z', name: 'Z', vendor: 'zendesk', sites: [], secret: '', ...extra });
    expect(stored({ keyId: ' app_1 ' })).toMatchObject({ settings: { keyId: 'app_1' } });
    expect(stored({ keyId: 'app_1', settings: { keyId: 'app_2' } })).toMatchObject({ settings: { keyId: 'app_2' } });
    expect(stored({ keyId: 5 })).not.toHaveProperty('settings');
    expect(readEnvironment({ id: 'k', name: 'K', sites: [], secret: '', orgName: 'Acme' })).toMatchObject({ vendor: 'kustomer', settings: { orgName: 'acme' } });
  });

  it("reads settings as text only, capped, and never a key an object has (__proto__)", () => {
    // As storage and files give it back: JSON, where __proto__ is an own key.
    const settings = JSON.parse(`{"appId": "${'a'.repeat(500)}", "n": 5, "__proto__": "x", "constructor": "y"}`);
    const read = readEnvironment({ id: 'x', name: 'X', vendor: 'intercom', sites: [], secret: '', settings });
    if (typeof read === 'string') throw new Error(read);
    expect(Object.keys(read.settings ?? {})).toEqual(['appId', 'constructor']);
    expect(read.settings?.appId).toHaveLength(200);
  });

  it("today's export files import: each environment's setting from the top level, into settings", () => {
    const today = {
      format: 'chat-identity-lab',
      schemaVersion: 4,
      environments: [
        { name: 'Acme', vendor: 'kustomer', sites: ['https://acme.test/*'], orgName: 'Acme-Staging', identities: [] },
        { name: 'Globex', vendor: 'zendesk', sites: ['https://globex.test/*'], keyId: 'app_42', identities: [] },
        { name: 'Initech', vendor: 'intercom', sites: ['https://initech.test/*'], appId: 'abc12def', identities: [] },
        { name: 'Before vendors', sites: ['https://old.test/*'], orgName: 'old' },
      ],
    };
    const parsed = parseImport(JSON.stringify(today));
    if (!parsed.ok) throw new Error(parsed.problems.join(' '));
    expect(parsed.file.environments.map((e) => [e.vendor, e.settings])).toEqual([
      ['kustomer', { orgName: 'acme-staging' }],
      ['zendesk', { keyId: 'app_42' }],
      ['intercom', { appId: 'abc12def' }],
      ['kustomer', { orgName: 'old' }],
    ]);
    let n = 0;
    const plan = planImport(parsed.file, [], 'replace', () => `id-${++n}`, 0);
    expect(plan.environments.map((e) => (e as { settings?: object }).settings)).toEqual([{ orgName: 'acme-staging' }, { keyId: 'app_42' }, { appId: 'abc12def' }, { orgName: 'old' }]);
  });

  it('says where a setting of an import is not text, old place or new', () => {
    const file = (environment: object) => JSON.stringify({ format: 'chat-identity-lab', schemaVersion: 4, environments: [{ name: 'A', sites: ['https://a.test/*'], ...environment }] });
    expect(parseImport(file({ keyId: 5 }))).toEqual({ ok: false, problems: ['environments[0].keyId: must be text, not number.'] });
    expect(parseImport(file({ settings: { keyId: ['x'] } }))).toEqual({ ok: false, problems: ['environments[0].settings.keyId: must be text, not a list.'] });
    expect(parseImport(file({ settings: 'app_1' }))).toEqual({ ok: false, problems: ['environments[0].settings: must be an object of text.'] });
  });
});

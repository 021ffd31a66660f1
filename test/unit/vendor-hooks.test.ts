/**
 * The vendor-neutral hooks a vendor may use, tested without naming one: a setting whose value
 * names an API origin (VendorSetting.apiOrigin), a request known by method and path where the
 * browser hides its body (model/wire's CredentialRequest), an identity field's own CLI flag
 * (IdentityFieldSpec.flag, read by node/cli-settings' fieldFlags), and the CLI's words for it.
 */
import { describe, expect, it } from 'vitest';
import { isCredentialRequest } from '../../src/model/wire';
import { environmentApiOrigins } from '../../src/model/vendor-settings';
import { askedInCallerWords } from '../../src/node/wording';

describe('a setting that names an API origin', () => {
  const settings = [
    { key: 'serverUrl', apiOrigin: true },
    { key: 'siteId' },
  ];

  it("adds its origin to the environment's listed ones, once, and nothing for a value that is no http(s) URL", () => {
    expect(environmentApiOrigins({ settings: { serverUrl: 'https://chat.example.test/base', siteId: 'https://not.an.origin.test' } }, settings)).toEqual(['https://chat.example.test']);
    expect(environmentApiOrigins({ apiOrigins: ['https://chat.example.test', 'https://proxy.example.test'], settings: { serverUrl: 'https://chat.example.test' } }, settings)).toEqual([
      'https://chat.example.test',
      'https://proxy.example.test',
    ]);
    expect(environmentApiOrigins({ settings: { serverUrl: 'javascript:alert(1)' } }, settings)).toEqual([]);
    expect(environmentApiOrigins({}, settings)).toEqual([]);
  });
});

describe("a vendor's credential request, known by method and path", () => {
  const request = { method: 'PATCH', path: '/api/v1/identify' };
  it('matches the method in any case and the exact path, whatever the query', () => {
    expect(isCredentialRequest('PATCH', 'https://chat.example.test/api/v1/identify?token=x', request)).toBe(true);
    expect(isCredentialRequest('patch', 'https://chat.example.test/api/v1/identify', request)).toBe(true);
    expect(isCredentialRequest('POST', 'https://chat.example.test/api/v1/identify', request)).toBe(false);
    expect(isCredentialRequest('PATCH', 'https://chat.example.test/api/v1/identify/more', request)).toBe(false);
    expect(isCredentialRequest('PATCH', 'not a url', request)).toBe(false);
    expect(isCredentialRequest('PATCH', 'https://chat.example.test/api/v1/identify', undefined)).toBe(false);
  });
});

describe("an identity field's own flag", () => {
  it('is what the command line asks for; chatLogin still names the shared option', () => {
    const fields = [
      { key: 'externalId', label: 'Identifier', flag: '--identifier' },
      { key: 'email', label: 'Email' },
    ];
    expect(askedInCallerWords('Enter an Identifier to log in as.', fields, 'cli')).toBe('Pass --identifier: the customer the token is for.');
    expect(askedInCallerWords('Enter an Identifier to log in as.', fields, 'api')).toBe('Pass externalId: the customer the token is for.');
  });
});

import fc from 'fast-check';
import { base64url } from 'jose';
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { checkSignature, signedWith } from '../../src/jwt/signature';
import { nodeSnippet, pythonSnippet } from '../../src/vendors/kustomer/server-code';
import { MAX_TOKEN_LENGTH } from '../../src/jwt/token-findings';
import { inspectKustomerToken as inspectToken } from '../../src/vendors/kustomer/token-rules';

type FindingId = string;

const NOW = 1_800_000_000;
const SECRET = 'org-secret';
const enc = (value: unknown) => base64url.encode(typeof value === 'string' ? value : JSON.stringify(value));
const token = (payload: unknown, header: unknown = { alg: 'HS256', typ: 'JWT' }, signature = 'c2ln') => `${enc(header)}.${enc(payload)}.${signature}`;
const good = { externalId: 'cust-1', iat: NOW - 60 };
const ids = (input: string) => inspectToken(input, NOW).findings.map((f) => f.id);

/** Each finding: a token that triggers it, and a good one that does not. */
const cases: [FindingId, string][] = [
  ['too-long', 'x'.repeat(MAX_TOKEN_LENGTH + 1)],
  ['bearer-prefix', `Bearer ${token(good)}`],
  ['not-three-parts', 'abc.def'],
  ['empty-part', `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc(good)}.`],
  ['bad-base64url', `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc(good)}=.sig`],
  ['not-utf8', `${enc({ alg: 'HS256', typ: 'JWT' })}.${base64url.encode(new Uint8Array([0xff, 0xfe, 0xfd]))}.sig`],
  ['not-json', token('{"externalId": ')],
  ['not-object', token([1, 2, 3])],
  ['alg-none', token(good, { alg: 'none', typ: 'JWT' })],
  ['alg-not-hs256', token(good, { alg: 'HS512', typ: 'JWT' })],
  ['typ-missing', token(good, { alg: 'HS256' })],
  ['typ-not-jwt', token(good, { alg: 'HS256', typ: 'JOSE+JSON' })],
  ['no-identity', token({ iat: NOW })],
  ['near-miss-claim', token({ external_id: 'cust-1', iat: NOW })],
  ['external-id-not-string', token({ externalId: 42, iat: NOW })],
  ['email-invalid', token({ email: 'not-an-email', iat: NOW })],
  ['email-and-external-id', token({ email: 'a@b.test', externalId: 'x', iat: NOW })],
  ['iat-missing', token({ externalId: 'x' })],
  ['iat-not-number', token({ externalId: 'x', iat: '1800000000' })],
  ['iat-milliseconds', token({ externalId: 'x', iat: NOW * 1000 })],
  ['iat-future', token({ externalId: 'x', iat: NOW + 600 })],
  ['iat-expired', token({ externalId: 'x', iat: NOW - 20 * 60 })],
  ['exp-before-iat', token({ externalId: 'x', iat: NOW, exp: NOW - 10 })],
  ['exp-past', token({ externalId: 'x', iat: NOW - 120, exp: NOW - 60 })],
  ['nbf-future', token({ externalId: 'x', iat: NOW, nbf: NOW + 3600 })],
  ['ignored-claims', token({ externalId: 'x', iat: NOW, name: 'Ada' })],
];

describe('inspectToken findings', () => {
  it('finds nothing wrong with a good Kustomer token', () => {
    expect(inspectToken(token(good), NOW).findings).toEqual([]);
    expect(inspectToken(token({ email: 'a@b.test', iat: NOW }), NOW).findings).toEqual([]);
  });

  it.each(cases)('%s: triggered by its token, absent from a good one', (id, input) => {
    expect(ids(input)).toContain(id);
    expect(ids(token(good))).not.toContain(id);
  });

  it('covers every finding it can report', () => {
    expect(new Set(cases.map(([id]) => id)).size).toBe(cases.length);
  });

  it.each(['external_id', 'externalID', 'userId', 'user_id', 'customerId', 'sub', 'Email', 'e-mail', 'emailAddress'])('names the near-miss %s and the right spelling', (claim) => {
    const finding = inspectToken(token({ [claim]: 'v', iat: NOW }), NOW).findings.find((f) => f.id === 'near-miss-claim');
    expect(finding?.message).toContain(`"${claim}"`);
    expect(finding?.message).toMatch(/"externalId"|"email"/);
    expect(finding?.severity).toBe('error');
  });

  it('says which part failed and where', () => {
    expect(inspectToken(`${enc({ alg: 'HS256' })}.ab$cd.sig`, NOW).findings.find((f) => f.id === 'bad-base64url')?.message).toBe(
      'The payload is not valid base64url: "$" at position 3.',
    );
    expect(inspectToken(`${enc({ alg: 'HS256' })}x.${enc(good)}.sig`, NOW).findings.some((f) => f.message.startsWith('The header'))).toBe(true);
    expect(inspectToken(token('{"a":'), NOW).findings.find((f) => f.id === 'not-json')?.message).toMatch(/^The payload is not JSON \(.+\)/);
    expect(inspectToken(token('"text"'), NOW).findings.find((f) => f.id === 'not-object')?.message).toContain('The payload is JSON but not an object');
  });

  it('lists errors before warnings before notes', () => {
    const severities = inspectToken(token({ externalId: 1, email: 'a@b.test', name: 'x' }, { alg: 'HS256' }), NOW).findings.map((f) => f.severity);
    expect(severities).toEqual([...severities].sort((a, b) => ['error', 'warning', 'info'].indexOf(a) - ['error', 'warning', 'info'].indexOf(b)));
    expect(severities[0]).toBe('error');
  });

  it('works out the Kustomer window from iat', () => {
    const inspection = inspectToken(token({ externalId: 'x', iat: NOW - 100 }), NOW);
    expect(inspection.issuedAt).toBe(NOW - 100);
    expect(inspection.expiresAt).toBe(NOW - 100 + 900);
  });

  it('strips quotes and whitespace pasted with the token', () => {
    expect(inspectToken(`  "${token(good)}"\n`, NOW).findings).toEqual([]);
  });
});

describe('inspectToken never throws', () => {
  const realToken = jwt.sign({ externalId: 'cust-1' }, SECRET, { algorithm: 'HS256' });
  let runs = 0;

  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), (s) => {
        runs++;
        expect(Array.isArray(inspectToken(s, NOW).findings)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('on arbitrary bytes in each part', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.uint8Array({ maxLength: 200 }), fc.uint8Array({ maxLength: 64 }), (h, p, s) => {
        runs++;
        const result = inspectToken(`${base64url.encode(h)}.${base64url.encode(p)}.${base64url.encode(s)}`, NOW);
        expect(result.findings.length + (result.payload ? 1 : 0)).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('on arbitrary JSON values as header and payload', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (h, p) => {
        runs++;
        inspectToken(token(p, h), NOW);
      }),
      { numRuns: 1000 },
    );
  });

  it('on truncated and mutated real tokens', () => {
    fc.assert(
      fc.property(fc.nat(realToken.length), fc.nat(realToken.length - 1), fc.string({ minLength: 1, maxLength: 1 }), (cut, at, ch) => {
        runs++;
        inspectToken(realToken.slice(0, cut), NOW);
        inspectToken(realToken.slice(0, at) + ch + realToken.slice(at + 1), NOW);
      }),
      { numRuns: 2000 },
    );
  });

  it('on a megabyte of text, quickly', () => {
    const huge = 'eyJ'.repeat(350_000);
    const started = performance.now();
    expect(inspectToken(huge, NOW).findings.map((f) => f.id)).toEqual(['too-long']);
    expect(performance.now() - started).toBeLessThan(50);
    const longButAllowed = `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc({ externalId: 'x'.repeat(MAX_TOKEN_LENGTH / 2), iat: NOW })}.sig`;
    expect(() => inspectToken(longButAllowed, NOW)).not.toThrow();
  });

  it('ran the property cases', () => {
    expect(runs).toBeGreaterThanOrEqual(7000);
    console.log(`property-based cases run: ${runs}`);
  });
});

describe('tokens signed by jsonwebtoken decode and verify the same way', () => {
  const options: [string, jwt.SignOptions, object][] = [
    ['defaults (iat added)', { algorithm: 'HS256' }, { externalId: 'cust-1' }],
    ['email', { algorithm: 'HS256' }, { email: 'ada@example.test' }],
    ['both claims', { algorithm: 'HS256' }, { externalId: 'cust-1', email: 'ada@example.test' }],
    ['explicit header typ', { algorithm: 'HS256', header: { alg: 'HS256', typ: 'JWT' } }, { externalId: 'cust-1' }],
    ['expiresIn', { algorithm: 'HS256', expiresIn: '10m' }, { externalId: 'cust-1' }],
    ['numeric externalId', { algorithm: 'HS256' }, { externalId: 12345 }],
  ];

  it.each(options)('%s', async (_name, signOptions, payload) => {
    const signed = jwt.sign(payload, SECRET, signOptions);
    const now = Date.now() / 1000;
    const inspection = inspectToken(signed, now);
    expect(inspection.header).toEqual(jwt.decode(signed, { complete: true })?.header);
    expect(inspection.payload).toEqual(jwt.decode(signed));
    expect(inspection.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(await signedWith(signed, SECRET)).toBe(true);
    expect(await signedWith(signed, 'other')).toBe(false);
  });

  it('a token signed with HS384 is not accepted as HS256', async () => {
    const signed = jwt.sign({ externalId: 'x' }, SECRET, { algorithm: 'HS384' });
    expect(await signedWith(signed, SECRET)).toBe(false);
    expect(inspectToken(signed).findings.map((f) => f.id)).toContain('alg-not-hs256');
  });
});

describe('checkSignature', () => {
  const signed = jwt.sign({ externalId: 'x' }, 'eu-secret', { algorithm: 'HS256' });
  const eu = { id: 'eu', name: 'Staging EU', secret: 'eu-secret' };
  const us = { id: 'us', name: 'Staging US', secret: 'us-secret' };
  const blank = { id: 'blank', name: 'No secret', secret: '' };

  it('is valid with the right environment', async () => {
    expect(await checkSignature(signed, eu, [us])).toEqual({ kind: 'valid', owner: eu });
  });
  it('says which other environment matches', async () => {
    expect(await checkSignature(signed, us, [us, eu])).toEqual({ kind: 'invalid', owner: us, matching: eu });
  });
  it('says when none matches, and when the chosen one has no secret', async () => {
    expect(await checkSignature(signed, us, [us])).toEqual({ kind: 'invalid', owner: us, matching: undefined });
    expect(await checkSignature(signed, blank, [eu])).toEqual({ kind: 'no-secret', owner: blank, matching: eu });
  });
  it('never throws on garbage', async () => {
    expect(await signedWith('garbage', 'x')).toBe(false);
    expect(await signedWith('a.b.c', 'x')).toBe(false);
  });
});

describe('inspectToken survives any token', () => {
  const part = (value: unknown) => base64url.encode(new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value)));

  it('refuses JSON nested deeper than the cap, with a finding and no value', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const inspection = inspectToken(`${part({ alg: 'HS256', typ: 'JWT' })}.${part(deep).slice(0, 10_000)}.sig`);
    expect(inspection.payload).toBeUndefined();
    const nested = inspectToken(`${part({ alg: 'HS256', typ: 'JWT' })}.${part({ a: { b: { c: [[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]] } } })}.sig`);
    expect(nested.findings.map((f) => f.id)).toContain('too-deep');
  });

  it('arbitrary JSON payloads never throw, and the server code renders for every one it accepts', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 25 }), (payload) => {
        const inspection = inspectToken(`${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}.c2ln`);
        expect(Array.isArray(inspection.findings)).toBe(true);
        if (inspection.payload) {
          expect(typeof nodeSnippet(inspection.payload)).toBe('string');
          expect(typeof pythonSnippet(inspection.payload)).toBe('string');
        }
      }),
      { numRuns: 500 },
    );
  });
});

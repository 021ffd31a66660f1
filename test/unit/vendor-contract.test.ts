import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../simulator/backend.mjs';
import { createIntercomBackend, INTERCOM_DEMO } from '../../simulator/vendors/intercom.mjs';
import { createSunshineBackend, SUNSHINE_DEMO } from '../../simulator/vendors/sunshine.mjs';
import { createZendeskBackend, ZENDESK_DEMO } from '../../simulator/vendors/zendesk.mjs';
import { inspectToken } from '../../src/jwt/token-findings';
import intercom from '../../src/vendors/intercom/index';
import kustomer from '../../src/vendors/kustomer/index';
import type { IdentityFields, JwtVendor, VendorEnvironment } from '../../src/model/vendor';
import sunshine from '../../src/vendors/sunshine/index';
import zendesk from '../../src/vendors/zendesk/index';
import { VENDORS } from '../../src/vendors/list';

/**
 * The contract every vendor module keeps, run against each: its claims for a sample identity
 * sign into a token that jsonwebtoken verifies under the vendor's documented rules
 * (shared/chat-vendors.md, shared/kustomer-web-sdk.md), that the simulator's backend for the
 * vendor accepts, and that the vendor's own token rules find nothing wrong with.
 */
interface Case {
  vendor: JwtVendor;
  secret: string;
  environment: VendorEnvironment;
  /** The vendor's rules for a verified payload and header, as jsonwebtoken sees them. */
  rules: (payload: jwt.JwtPayload, header: jwt.JwtHeader, fields: IdentityFields) => void;
  accept: (token: string) => Promise<unknown>;
}

const KUSTOMER_SECRET = 'contract-kustomer-secret';
const CASES: Case[] = [
  {
    vendor: kustomer,
    secret: KUSTOMER_SECRET,
    environment: { orgName: 'acme' },
    rules: (payload, header, fields) => {
      expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
      expect(Object.keys(payload).sort()).toEqual(['email', 'externalId', 'iat'].filter((k) => k !== 'email' || fields.email !== '').sort());
      expect(payload.externalId).toBe(fields.externalId);
      expect(Math.abs((payload.iat ?? 0) - Date.now() / 1000)).toBeLessThan(5);
    },
    accept: (token) => createBackend({ secret: KUSTOMER_SECRET }).login('device-1', token, {}),
  },
  {
    vendor: zendesk,
    secret: ZENDESK_DEMO.secret,
    environment: { keyId: ZENDESK_DEMO.keyId },
    rules: (payload, header, fields) => {
      expect(header).toEqual({ alg: 'HS256', typ: 'JWT', kid: ZENDESK_DEMO.keyId });
      expect(payload.scope).toBe('user');
      expect(typeof payload.external_id).toBe('string');
      expect(payload.external_id.length).toBeLessThanOrEqual(255);
      expect(payload.external_id).toBe(fields.externalId);
      if (fields.email) expect(payload.email).toBe(fields.email);
      if (fields.name) expect(payload.name).toBe(fields.name);
    },
    accept: (token) => createZendeskBackend().login('device-1', token),
  },
  {
    vendor: intercom,
    secret: INTERCOM_DEMO.secret,
    environment: { appId: INTERCOM_DEMO.appId },
    rules: (payload, header, fields) => {
      expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
      expect(payload.user_id).toBe(fields.externalId);
      if (fields.email) expect(payload.email).toBe(fields.email);
    },
    accept: (token) => createIntercomBackend().ping('device-1', { app_id: INTERCOM_DEMO.appId, jwt: token }),
  },
  {
    vendor: sunshine,
    secret: SUNSHINE_DEMO.secret,
    environment: { appId: SUNSHINE_DEMO.appId, keyId: SUNSHINE_DEMO.keyId },
    rules: (payload, header, fields) => {
      expect(header).toEqual({ alg: 'HS256', typ: 'JWT', kid: SUNSHINE_DEMO.keyId });
      // Smooch.login takes the external id and the token: nothing else is signed.
      expect(Object.keys(payload).sort()).toEqual(['exp', 'external_id', 'iat', 'scope']);
      expect(payload.scope).toBe('user');
      expect(payload.external_id).toBe(fields.externalId);
      expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(15 * 60);
    },
    accept: (token) => createSunshineBackend().login('client-1', token),
  },
];

const SAMPLES: IdentityFields[] = [
  { externalId: 'qa-contract-1', email: '', name: '' },
  { externalId: 'qa-contract-2', email: 'qa-contract-2@example.test', name: 'QA Two' },
  { externalId: 'ü-ñ-👩‍💻', email: 'long.name+tag@sub.example.test', name: 'Ada Lovelace' },
];

describe.each(CASES)('$vendor.name keeps the vendor contract', ({ vendor, secret, environment, rules, accept }) => {
  it.each(SAMPLES)('signs $externalId into a token the vendor accepts', async (fields) => {
    const claims = vendor.buildClaims(fields);
    if (!claims.ok) throw new Error(claims.errors.join(' '));
    const { value: token } = await vendor.credential(claims, secret, environment);
    const verified = jwt.verify(token, secret, { algorithms: ['HS256'], complete: true });
    rules(verified.payload as jwt.JwtPayload, verified.header, fields);
    await expect(accept(token)).resolves.toBeTruthy();
    const inspection = inspectToken(token, vendor.signing.rules, { environment });
    expect(inspection.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('refuses what the vendor would refuse, with a sentence that says what to enter', () => {
    const empty = vendor.buildClaims({ externalId: '', email: '', name: '' });
    expect(empty.ok).toBe(false);
    const badEmail = vendor.buildClaims({ externalId: 'x', email: 'not-an-email', name: '' });
    expect(badEmail).toEqual({ ok: false, errors: ['"not-an-email" is not an email address: use the form name@example.com.'] });
  });

  it('a token signed with another secret is refused by the simulator backend', async () => {
    const claims = vendor.buildClaims(SAMPLES[1] as IdentityFields);
    if (!claims.ok) throw new Error('no claims');
    const { value: token } = await vendor.credential(claims, 'not-the-secret', environment);
    await expect(accept(token)).rejects.toThrow();
  });

  it('is in the list under its name, with its folder as its id', () => {
    expect(VENDORS.find((entry) => entry.id === vendor.id)?.name).toBe(vendor.name);
  });

  it('names its fields, setting and calls for the tester', () => {
    expect(vendor.fields.map((f) => f.label).length).toBeGreaterThan(0);
    expect(vendor.fields[0]?.key).toBe('externalId');
    expect(vendor.settings.every((s) => s.label !== '' && s.flag.startsWith('--'))).toBe(true);
    expect(vendor.callName('login')).not.toBe(vendor.callName(undefined));
    // What the widget cannot do is said, never pretended.
    expect(vendor.features.loggedInCheck !== undefined || vendor.limits !== '').toBe(true);
  });
});

describe('vendor rules the simulator enforces', () => {
  it('Zendesk: a wrong kid, a missing scope, a 256-character external_id and a past exp are each refused', async () => {
    const backend = createZendeskBackend();
    const key = ZENDESK_DEMO.secret;
    const now = Math.floor(Date.now() / 1000);
    const sign = (payload: object, kid = ZENDESK_DEMO.keyId) => jwt.sign(payload, key, { algorithm: 'HS256', keyid: kid });
    await expect(backend.login('d', sign({ scope: 'user', external_id: 'a' }, 'app_other'))).rejects.toThrow(/kid/);
    await expect(backend.login('d', sign({ external_id: 'a' }))).rejects.toThrow(/scope/);
    await expect(backend.login('d', sign({ scope: 'user', external_id: 'x'.repeat(256) }))).rejects.toThrow(/255/);
    await expect(backend.login('d', sign({ scope: 'user', external_id: 'a', exp: now - 10 }))).rejects.toThrow(/expired/);
    await expect(backend.login('d', sign({ scope: 'user', external_id: 'a', exp: now + 600 }))).resolves.toEqual(expect.objectContaining({ externalId: 'a' }));
    await expect(backend.login('d', sign({ scope: 'user', external_id: 'a' }), { fault: 'wrong-kid' })).rejects.toThrow(/kid/);
  });

  it('Sunshine Conversations: no kid, another key, no scope, no external_id, a past exp are refused; the legacy claims are taken', async () => {
    const backend = createSunshineBackend();
    const now = Math.floor(Date.now() / 1000);
    const sign = (payload: object, kid: string | null = SUNSHINE_DEMO.keyId) => jwt.sign(payload, SUNSHINE_DEMO.secret, { algorithm: 'HS256', ...(kid ? { keyid: kid } : {}) });
    await expect(backend.login('c', sign({ scope: 'user', external_id: 'a' }, null))).rejects.toThrow('Invalid JWT header. Missing key id (kid)');
    await expect(backend.login('c', sign({ scope: 'user', external_id: 'a' }, 'app_other'))).rejects.toThrow(/Unknown key id/);
    await expect(backend.login('c', sign({ external_id: 'a' }))).rejects.toThrow(/scope/);
    await expect(backend.login('c', sign({ scope: 'user' }))).rejects.toThrow(/external_id/);
    await expect(backend.login('c', sign({ scope: 'user', external_id: 'a' }), { userId: 'b' })).rejects.toThrow(/does not match/);
    const expired = backend.login('c', sign({ scope: 'user', external_id: 'a', exp: now - 10 }));
    // The expired token's 401 is the one answered without CORS headers.
    await expect(expired).rejects.toMatchObject({ status: 401, code: 'invalid_auth', cors: false });
    await expect(backend.login('c', sign({ scope: 'user', external_id: 'a', exp: now - 10 }), { fault: 'accepts-expired' })).resolves.toMatchObject({ externalId: 'a' });
    await expect(backend.login('c', sign({ scope: 'user', external_id: 'a', exp: now + 600 }), { clockAhead: true })).rejects.toMatchObject({ cors: false });
    await expect(backend.login('c', sign({ scope: 'appUser', userId: 'legacy-1' }))).resolves.toMatchObject({ externalId: 'legacy-1' });
    expect(backend.session('c')).toMatchObject({ signedIn: true, externalId: 'legacy-1' });
  });

  it('Intercom: no user_id, a past exp and an unknown app id are each refused', async () => {
    const backend = createIntercomBackend();
    const now = Math.floor(Date.now() / 1000);
    const sign = (payload: object) => jwt.sign(payload, INTERCOM_DEMO.secret, { algorithm: 'HS256' });
    await expect(backend.ping('d', { app_id: INTERCOM_DEMO.appId, jwt: sign({ email: 'a@b.test' }) })).rejects.toThrow(/user_id/);
    await expect(backend.ping('d', { app_id: INTERCOM_DEMO.appId, jwt: sign({ user_id: 'u', exp: now - 10 }) })).rejects.toThrow(/expired/);
    await expect(backend.ping('d', { app_id: 'other', jwt: sign({ user_id: 'u' }) })).rejects.toThrow(/app_id/);
    await expect(backend.ping('d', { app_id: INTERCOM_DEMO.appId })).resolves.toEqual(expect.objectContaining({ userId: null }));
  });
});

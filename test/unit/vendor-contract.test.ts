import { createHmac } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../simulator/backend.mjs';
import { CHATWOOT_DEMO, createChatwootBackend, HMAC_FAILED } from '../../simulator/vendors/chatwoot.mjs';
import { createIntercomBackend, INTERCOM_DEMO } from '../../simulator/vendors/intercom.mjs';
import { createSunshineBackend, SUNSHINE_DEMO } from '../../simulator/vendors/sunshine.mjs';
import { createZendeskBackend, ZENDESK_DEMO } from '../../simulator/vendors/zendesk.mjs';
import { FRONT_DEMO, frontSite } from '../../simulator/vendors/front.mjs';
import { HELPSCOUT_DEMO, helpscoutSite } from '../../simulator/vendors/helpscout.mjs';
import type { HmacWidgetSite } from '../../simulator/vendors/hmac-identity.mjs';
import { main } from '../../src/node/cli';
import { hmacFindings } from '../../src/jwt/hmac-findings';
import type { HmacSigning } from '../../src/model/vendor';
import front from '../../src/vendors/front/index';
import helpscout from '../../src/vendors/helpscout/index';
import { inspectToken } from '../../src/jwt/token-findings';
import intercom from '../../src/vendors/intercom/index';
import kustomer from '../../src/vendors/kustomer/index';
import { type ChatVendor, type IdentityFields, type JwtVendor, signingOf, type VendorEnvironment } from '../../src/model/vendor';
import chatwoot from '../../src/vendors/chatwoot/index';
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

describe("Intercom's user_hash mode keeps the vendor contract", () => {
  const environment: VendorEnvironment = { appId: INTERCOM_DEMO.hashAppId, identityVerification: 'user_hash' };
  const hex = (value: string, secret = INTERCOM_DEMO.hashSecret) => createHmac('sha256', secret).update(value).digest('hex');

  it('chooses the HMAC by the environment, and the JWT by default', () => {
    expect(signingOf(intercom, environment).kind).toBe('hmac');
    expect(signingOf(intercom, { appId: INTERCOM_DEMO.appId }).kind).toBe('jwt');
    expect(signingOf(intercom).kind).toBe('jwt');
  });

  it.each(SAMPLES)('signs the user_id of $externalId into a user_hash node:crypto agrees with and the simulator accepts', async (fields) => {
    const claims = intercom.buildClaims(fields, 'login', environment);
    if (!claims.ok) throw new Error(claims.errors.join(' '));
    const credential = await intercom.credential(claims, INTERCOM_DEMO.hashSecret, environment);
    expect(credential).toEqual({ kind: 'hmac', value: hex(fields.externalId), signed: fields.externalId, field: 'user_id' });
    const userData = { user_id: fields.externalId, ...(fields.email ? { email: fields.email } : {}), user_hash: credential.value };
    await expect(createIntercomBackend().ping('d', { app_id: INTERCOM_DEMO.hashAppId, user_data: userData })).resolves.toEqual(expect.objectContaining({ userId: fields.externalId }));
  });

  it('signs the email when there is no user_id (and only in user_hash mode is that an identity)', async () => {
    const claims = intercom.buildClaims({ externalId: '', email: 'only@example.test' }, 'login', environment);
    if (!claims.ok) throw new Error(claims.errors.join(' '));
    expect(claims.lookup).toEqual({ email: 'only@example.test' });
    const credential = await intercom.credential(claims, INTERCOM_DEMO.hashSecret, environment);
    expect(credential).toEqual({ kind: 'hmac', value: hex('only@example.test'), signed: 'only@example.test', field: 'email' });
    await expect(createIntercomBackend().ping('d', { app_id: INTERCOM_DEMO.hashAppId, user_data: { email: 'only@example.test', user_hash: credential.value } })).resolves.toBeTruthy();
    expect(intercom.buildClaims({ externalId: '', email: 'only@example.test' }).ok).toBe(false);
    expect(intercom.buildClaims({ externalId: '', email: '' }, 'login', environment).ok).toBe(false);
  });

  it('the simulator refuses the traps: the wrong field, base64, upper-case hex, another secret, no hash, a JWT', async () => {
    const backend = createIntercomBackend();
    const ping = (userData: Record<string, string>, more: { jwt?: string; fault?: string } = {}) => backend.ping('d', { app_id: INTERCOM_DEMO.hashAppId, user_data: userData, ...more });
    const id = 'u-1';
    const email = 'u1@example.test';
    const base64 = createHmac('sha256', INTERCOM_DEMO.hashSecret).update(id).digest('base64');
    await expect(ping({ user_id: id, email, user_hash: hex(email) })).rejects.toThrow(/Failed Identity Verification/);
    await expect(ping({ user_id: id, user_hash: base64 })).rejects.toThrow(/Failed Identity Verification/);
    await expect(ping({ user_id: id, user_hash: hex(id).toUpperCase() })).rejects.toThrow(/Failed Identity Verification/);
    await expect(ping({ user_id: id, user_hash: hex(id, 'another-workspace') })).rejects.toThrow(/Failed Identity Verification/);
    await expect(ping({ user_id: id })).rejects.toThrow(/needs a user_hash/);
    const token = jwt.sign({ user_id: id }, INTERCOM_DEMO.hashSecret, { algorithm: 'HS256' });
    await expect(ping({ user_id: id }, { jwt: token })).rejects.toThrow(/user_hash .*not JWT/);
    // The JWT app refuses a user_hash, the reverse.
    await expect(backend.ping('d', { app_id: INTERCOM_DEMO.appId, user_data: { user_id: id, user_hash: hex(id) } })).rejects.toThrow(/JWT .*not user_hash/);
    // The fault pages' servers.
    await expect(ping({ user_id: id, user_hash: base64 }, { fault: 'accepts-base64' })).resolves.toBeTruthy();
    await expect(ping({ user_id: id }, { fault: 'not-enforced' })).resolves.toEqual(expect.objectContaining({ userId: id }));
    await expect(backend.ping('d', { app_id: INTERCOM_DEMO.appId, user_data: { user_id: id } }, )).rejects.toThrow(/intercom_user_jwt/);
    await expect(backend.ping('d', { app_id: INTERCOM_DEMO.appId, user_data: { user_id: id }, fault: 'not-enforced' })).resolves.toEqual(expect.objectContaining({ userId: id }));
    const expired = jwt.sign({ user_id: id, exp: Math.floor(Date.now() / 1000) - 60 }, INTERCOM_DEMO.secret, { algorithm: 'HS256' });
    await expect(backend.ping('d', { app_id: INTERCOM_DEMO.appId, jwt: expired })).rejects.toThrow(/expired/);
    await expect(backend.ping('d', { app_id: INTERCOM_DEMO.appId, jwt: expired, fault: 'accepts-expired' })).resolves.toEqual(expect.objectContaining({ userId: id }));
  });

  it("names the causes of a refusal by the environment's way: the secret, then the hash's traps", () => {
    const hash = intercom.refusalCauses(401, 'Legacy', undefined, environment);
    expect(hash[0]).toMatch(/secret of environment "Legacy"/);
    expect(hash[1]).toMatch(/wrong field/);
    expect(hash[2]).toMatch(/base64/);
    expect(hash[3]).toMatch(/upper-case/);
    expect(hash[4]).toMatch(/verifies by JWT, not user_hash/);
    expect(intercom.refusalCauses(401, 'Modern').at(-1)).toMatch(/verifies by user_hash .*not JWT/);
  });
});

/**
 * The HMAC vendors' contract: the signature of a sample identity is the HMAC-SHA256 (hex) of
 * the vendor's field as node:crypto computes it, and the simulator's backend for the vendor
 * accepts it (and refuses one made with another secret).
 */
interface HmacCase {
  vendor: ChatVendor;
  secret: string;
  /** What the identity's signed value must be. */
  signs: (fields: IdentityFields) => string;
  /** The simulator's backend deciding the identity, as the widget sends it. */
  accept: (fields: IdentityFields, signature: string) => unknown;
}

const HMAC_CASES: HmacCase[] = [
  {
    vendor: chatwoot,
    secret: CHATWOOT_DEMO.hmacToken,
    signs: (fields) => fields.externalId,
    accept: (fields, signature) => {
      const backend = createChatwootBackend();
      const { auth_token } = backend.config(CHATWOOT_DEMO.websiteToken);
      return backend.setUser(CHATWOOT_DEMO.websiteToken, auth_token, { identifier: fields.externalId, email: fields.email, name: fields.name, identifier_hash: signature });
    },
  },
];

const HMAC_SAMPLES: IdentityFields[] = [
  { externalId: 'qa-contract-1', email: 'qa-contract-1@example.test', name: '' },
  { externalId: 'qa-contract-2', email: '', name: 'QA Two' },
  { externalId: 'ü-ñ-👩‍💻', email: 'long.name+tag@sub.example.test', name: 'Ada Lovelace' },
];

describe.each(HMAC_CASES)('$vendor.name keeps the HMAC vendor contract', ({ vendor, secret, signs, accept }) => {
  it.each(HMAC_SAMPLES)('signs $externalId into a signature the vendor accepts', async (fields) => {
    const claims = vendor.buildClaims(fields);
    if (!claims.ok) throw new Error(claims.errors.join(' '));
    const credential = await vendor.credential(claims, secret, {});
    if (credential.kind !== 'hmac') throw new Error(`${vendor.name} signs no HMAC`);
    expect(credential.signed).toBe(signs(fields));
    expect(credential.value).toBe(createHmac('sha256', secret).update(signs(fields)).digest('hex'));
    expect(accept(fields, credential.value)).toBeTruthy();
  });

  it('a signature made with another secret is refused by the simulator backend', async () => {
    const claims = vendor.buildClaims(HMAC_SAMPLES[0] as IdentityFields);
    if (!claims.ok) throw new Error('no claims');
    const { value } = await vendor.credential(claims, 'not-the-secret', {});
    expect(() => accept(HMAC_SAMPLES[0] as IdentityFields, value)).toThrow();
  });

  it('is in the list under its name, names its fields and says what its widget cannot do', () => {
    expect(VENDORS.find((entry) => entry.id === vendor.id)?.name).toBe(vendor.name);
    expect(vendor.fields[0]?.key).toBe('externalId');
    expect(vendor.settings.every((s) => s.label !== '' && s.flag.startsWith('--'))).toBe(true);
    expect(vendor.callName('login')).not.toBe(vendor.callName(undefined));
    expect(vendor.features.loggedInCheck !== undefined || vendor.limits !== '').toBe(true);
  });
});

describe('Chatwoot rules the simulator enforces', () => {
  const backend = () => createChatwootBackend();
  const hash = (value: string, encoding: 'hex' | 'base64' = 'hex') => createHmac('sha256', CHATWOOT_DEMO.hmacToken).update(value).digest(encoding);
  const session = (b: ReturnType<typeof createChatwootBackend>) => b.config(CHATWOOT_DEMO.websiteToken).auth_token;

  it('refuses the email signed instead of the identifier, base64, upper-case hex and a missing hash (enforced), with 401', () => {
    const b = backend();
    const auth = session(b);
    const set = (identifier_hash?: string) => b.setUser(CHATWOOT_DEMO.websiteToken, auth, { identifier: 'cw-1', email: 'a@example.test', ...(identifier_hash === undefined ? {} : { identifier_hash }) });
    for (const wrong of [hash('a@example.test'), hash('cw-1', 'base64'), hash('cw-1').toUpperCase(), undefined]) {
      expect(() => set(wrong)).toThrow(expect.objectContaining({ status: 401, message: HMAC_FAILED }));
    }
    expect(set(hash('cw-1'))).toMatchObject({ identifier: 'cw-1', hmac_verified: true });
  });

  it('faults: accepts-base64 takes the base64 form; not-enforced takes no hash (unverified) but still refuses a wrong one', () => {
    const b = backend();
    const set = (body: Record<string, unknown>, fault: string) => b.setUser(CHATWOOT_DEMO.websiteToken, session(b), { identifier: 'cw-2', name: 'Two', ...body }, { fault });
    expect(set({ identifier_hash: hash('cw-2', 'base64') }, 'accepts-base64')).toMatchObject({ hmac_verified: true });
    expect(set({}, 'not-enforced')).toMatchObject({ identifier: 'cw-2', hmac_verified: false });
    expect(() => set({ identifier_hash: 'f'.repeat(64) }, 'not-enforced')).toThrow(HMAC_FAILED);
  });

  it('another identifier on an identified contact makes a new contact with its own widget auth token', () => {
    const b = backend();
    const auth = session(b);
    const first = b.setUser(CHATWOOT_DEMO.websiteToken, auth, { identifier: 'cw-a', email: 'a@example.test', identifier_hash: hash('cw-a') });
    expect(first.widget_auth_token).toBeUndefined();
    const second = b.setUser(CHATWOOT_DEMO.websiteToken, auth, { identifier: 'cw-b', email: 'b@example.test', identifier_hash: hash('cw-b') });
    expect(second.id).not.toBe(first.id);
    expect(second.widget_auth_token).toEqual(expect.any(String));
    expect(b.contactOf(auth)).toMatchObject({ identifier: 'cw-a' });
  });
});

/**
 * The same contract for the vendors whose widget takes an HMAC-SHA256 signature: what each
 * signs for a sample identity is verified independently with node:crypto (hex of the right
 * field, the secret as the key), accepted by the simulator's API for the widget (its route, as
 * the widget calls it), refused there with another secret, free of findings, and what the
 * command line's `sign --json` prints.
 */
interface HmacWidgetCase {
  vendor: ChatVendor & { signing: HmacSigning };
  secret: string;
  /** The widget's API, as the simulator serves it: the status it answers the identity. */
  accept: (identity: Record<string, unknown>, signature: string) => Promise<number>;
  /** The identity's value the vendor signs. */
  signs: (fields: IdentityFields) => string;
  /** The identity flags of `sign`. */
  flags: (fields: IdentityFields) => string[];
  /** A value of the identity the vendor does not sign (the trap of signing the wrong field). */
  wrongField: (fields: IdentityFields) => string;
}

/** Calls a simulator site's API route as its widget does, and returns the status. */
async function answer(site: HmacWidgetSite, path: string, input: Record<string, unknown>): Promise<number> {
  let status = 0;
  await site.handle(new URL(`http://127.0.0.1${path}`), input, (s: number) => {
    status = s;
  });
  return status;
}

const frontSim = frontSite();
const beaconSim = helpscoutSite();
const HMAC_WIDGET_CASES: HmacWidgetCase[] = [
  {
    vendor: front as HmacWidgetCase['vendor'],
    secret: FRONT_DEMO.secret,
    accept: (identity, userHash) => answer(frontSim, `/frontapp/chat/v1/${FRONT_DEMO.chatId}/identify`, { ...identity, userHash }),
    signs: (fields) => fields.externalId || fields.email,
    flags: (fields) => ['--user-id', fields.externalId, '--email', fields.email],
    // The email, while a user id is passed: Front wants the user id's hash.
    wrongField: (fields) => fields.email,
  },
  {
    vendor: helpscout as HmacWidgetCase['vendor'],
    secret: HELPSCOUT_DEMO.secret,
    accept: (identity, signature) => answer(beaconSim, `/beaconapi/v2/${HELPSCOUT_DEMO.beaconId}/identify`, { ...identity, signature }),
    signs: (fields) => fields.email,
    flags: (fields) => ['--email', fields.email, ...(fields.name ? ['--name', fields.name] : [])],
    // The site's user id, where the Beacon signs the email.
    wrongField: (fields) => fields.externalId,
  },
];

const WIDGET_SAMPLES: IdentityFields[] = [
  { externalId: 'qa-contract-1', email: 'qa-contract-1@example.test', name: '' },
  { externalId: '', email: 'qa-contract-2@example.test', name: 'QA Two' },
  { externalId: 'ü-ñ-👩‍💻', email: 'long.name+tag@sub.example.test', name: 'Ada Lovelace' },
];

describe.each(HMAC_WIDGET_CASES)('$vendor.name keeps the HMAC widget contract', ({ vendor, secret, accept, signs, flags, wrongField }) => {
  it.each(WIDGET_SAMPLES)('signs $email into a signature node:crypto verifies and the simulated widget API accepts', async (fields) => {
    const claims = vendor.buildClaims(fields);
    if (!claims.ok) throw new Error(claims.errors.join(' '));
    const credential = await vendor.credential(claims, secret, {});
    if (credential.kind !== 'hmac') throw new Error('not an HMAC');
    expect(credential.signed).toBe(signs(fields));
    expect(claims.claims[credential.field]).toBe(credential.signed);
    expect(credential.value).toBe(createHmac('sha256', secret).update(signs(fields)).digest('hex'));
    expect(await accept(claims.claims, credential.value)).toBe(200);
    expect(await accept(claims.claims, createHmac('sha256', 'not-the-secret').update(signs(fields)).digest('hex'))).toBe(401);
    expect(hmacFindings({ signed: credential.signed, signature: credential.value, field: credential.field }, vendor.name)).toEqual([]);

    let out = '';
    let err = '';
    const code = await main(['sign', '--vendor', vendor.id, ...flags(fields), '--json'], { out: (t) => (out += t), err: (t) => (err += t), env: { CHAT_IDENTITY_LAB_SECRET: secret }, stdin: async () => '' });
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(JSON.parse(out)).toEqual({ signature: credential.value, signed: credential.signed, field: credential.field });
  });

  it('the simulated API refuses an identity without a signature (verification enforced), the hash of the wrong field, and base64 of the right HMAC', async () => {
    const sample = WIDGET_SAMPLES[0] as IdentityFields;
    const claims = vendor.buildClaims(sample);
    if (!claims.ok) throw new Error(claims.errors.join(' '));
    expect(await accept(claims.claims, '')).toBe(401);
    expect(await accept(claims.claims, createHmac('sha256', secret).update(wrongField(sample)).digest('hex'))).toBe(401);
    expect(await accept(claims.claims, createHmac('sha256', secret).update(signs(WIDGET_SAMPLES[0] as IdentityFields)).digest('base64'))).toBe(401);
  });

  it('refuses an identity with nothing to sign, or a bad email, with a sentence that says what to enter', () => {
    const empty = vendor.buildClaims({ externalId: '', email: '', name: '' });
    expect(empty.ok).toBe(false);
    expect(vendor.buildClaims({ externalId: '', email: 'not-an-email', name: '' })).toEqual({ ok: false, errors: ['"not-an-email" is not an email address: use the form name@example.com.'] });
  });

  it('is in the list under its name; names its setting, calls, account, session keys and unsigned-login switch', () => {
    expect(VENDORS.find((entry) => entry.id === vendor.id)?.name).toBe(vendor.name);
    expect(vendor.settings.every((s) => s.label !== '' && s.flag.startsWith('--'))).toBe(true);
    expect(vendor.callName('login')).not.toBe(vendor.callName(undefined));
    expect(vendor.limits).not.toBe('');
    expect(vendor.settings.map((s) => s.key)).toContain(vendor.account?.setting);
    expect(vendor.features.unsignedLogin?.setting).toMatch(/→/);
    expect(vendor.sessionKeys?.localStorage?.length).toBeGreaterThan(0);
    // The likely causes of a 401, most likely first: the key, then the traps of a site's own code.
    const causes = vendor.refusalCauses(401, 'Staging');
    expect(causes[0]).toContain('secret of environment "Staging"');
    expect(causes.slice(1).map((cause) => /field/.test(cause) ? 'field' : /base64/.test(cause) ? 'base64' : /capital hex/.test(cause) ? 'capitals' : cause)).toEqual(['field', 'base64', 'capitals']);
  });
});

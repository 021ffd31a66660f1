/**
 * "Copy server code" gives code that mints a correct token: for each broken token, the
 * generated Node code is run (with the real jsonwebtoken) and the token it mints is
 * inspected again with the same vendor's rules, which must find no error.
 */
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { base64url, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { mintPlan } from '../../src/jwt/server-fix';
import { inspectToken } from '../../src/jwt/token-findings';
import intercom from '../../src/vendors/intercom/index';
import kustomer from '../../src/vendors/kustomer/index';
import type { JsonObject, JwtVendor, VendorEnvironment } from '../../src/model/vendor';
import zendesk from '../../src/vendors/zendesk/index';

const SECRET = 'a-test-secret-of-some-length';
const require = createRequire(import.meta.url);
const part = (value: unknown) => base64url.encode(new TextEncoder().encode(JSON.stringify(value)));
const tokenOf = (header: JsonObject, payload: JsonObject) => `${part(header)}.${part(payload)}.c2lnbmF0dXJl`;

/** Runs the generated Node code as a developer would, with the secret in the environment. */
function runNode(code: string, secretVariable: string): string {
  const run = new Function('require', 'process', `${code}\nreturn token;`) as (r: NodeJS.Require, p: { env: Record<string, string> }) => string;
  return run(require, { env: { [secretVariable]: SECRET } });
}

const SECRET_VARIABLES: Record<string, string> = { kustomer: 'KUSTOMER_CHAT_SECRET', zendesk: 'ZENDESK_MESSAGING_SECRET', intercom: 'INTERCOM_MESSENGER_SECRET' };

function mintedFindings(vendor: JwtVendor, header: JsonObject, payload: JsonObject, environment: VendorEnvironment = {}) {
  const now = Date.now() / 1000;
  const broken = inspectToken(tokenOf(header, payload), vendor.signing.rules, { now, environment });
  const plan = mintPlan(broken, vendor, environment, now);
  if (!plan) throw new Error('no plan');
  const code = vendor.signing.serverCode(plan.claims, 'node', plan.header, plan.expiresIn);
  const variable = /process\.env\.(\w+)/.exec(code)?.[1] ?? '';
  expect(variable).toBe(SECRET_VARIABLES[vendor.id]);
  const minted = runNode(code, variable);
  const again = inspectToken(minted, vendor.signing.rules, { now: Date.now() / 1000, environment });
  return { broken, plan, code, minted, again, errors: again.findings.filter((f) => f.severity === 'error') };
}

const now = Math.floor(Date.now() / 1000);
const hs = { alg: 'HS256', typ: 'JWT' };

/** [vendor, case, header, payload, environment, a change the plan must state] */
const CASES: [JwtVendor, string, JsonObject, JsonObject, VendorEnvironment, RegExp][] = [
  [kustomer, 'external_id instead of externalId', hs, { external_id: 'cust-1', iat: now }, {}, /Renamed "external_id" to "externalId"/],
  [kustomer, 'a bad email and no externalId', hs, { email: 'not-an-email', iat: now }, {}, /Left out email "not-an-email"/],
  [kustomer, 'iat and exp in milliseconds', hs, { externalId: 'cust-1', iat: now * 1000, exp: (now + 600) * 1000 }, {}, /exp was in milliseconds: the code sets it 10 minutes after signing/],
  [kustomer, 'iat 40 minutes ago', hs, { externalId: 'cust-1', iat: now - 2400 }, {}, /iat is the moment of signing: the token's was too old/],
  [kustomer, 'no iat, numeric externalId, alg none', { alg: 'none' }, { externalId: 42 }, {}, /Signs with HS256/],
  [kustomer, 'no identity at all', hs, { iat: now, name: 'Ada' }, {}, /Added externalId/],
  [kustomer, 'both spellings, no iat', hs, { externalId: 'c', external_id: 'c' }, {}, /Left out "external_id"/],
  [zendesk, 'no scope, externalId, no kid', { alg: 'HS256' }, { externalId: 'u-1', iat: now }, { keyId: 'app_123' }, /Set "scope" to "user"/],
  [zendesk, 'kid of another key', { ...hs, kid: 'app_other' }, { scope: 'user', external_id: 'u-1', iat: now }, { keyId: 'app_123' }, /this environment's Key ID/],
  [zendesk, 'no kid and no key id configured', hs, { scope: 'user', external_id: 'u-1' }, {}, /replace app_YOUR_KEY_ID/],
  [zendesk, 'exp passed, email_verified as text, bad email', { ...hs, kid: 'app_1' }, { scope: 'user', external_id: 'u-1', email: 'x@', email_verified: 'true', iat: now - 7200, exp: now - 3600 }, {}, /exp had passed/],
  [zendesk, 'external_id too long', { ...hs, kid: 'app_1' }, { scope: 'admin', external_id: 'x'.repeat(300) }, {}, /YOUR-CUSTOMER-ID/],
  [intercom, 'userId instead of user_id, exp in ms', hs, { userId: 'u-9', exp: (now + 300) * 1000 }, {}, /Renamed "userId" to "user_id"/],
  [intercom, 'numeric user_id, exp before iat', hs, { user_id: 7, iat: now, exp: now - 10 }, {}, /user_id is the string "7"/],
  [intercom, 'no identity, nbf in the future', hs, { email: 'a@b.test', nbf: now + 3600 }, {}, /Left out nbf/],
];

describe('server code for a broken token mints a correct one', () => {
  it.each(CASES)('%s: %s', async (vendor, _name, header, payload, environment, change) => {
    const { broken, plan, minted, errors } = mintedFindings(vendor, header, payload, environment);
    // The case is broken (else it tests nothing), and the minted token is not.
    expect(broken.findings.some((f) => f.severity === 'error')).toBe(true);
    expect(errors).toEqual([]);
    expect(plan.changes.join('\n')).toMatch(change);
    expect(plan.changes.join('\n')).not.toContain('Still to fix by hand');
    await jwtVerify(minted, new TextEncoder().encode(SECRET), { algorithms: ['HS256'] });
  });

  it('a correct token gets the same claims back and no changes', () => {
    const { plan, code, again } = mintedFindings(kustomer, hs, { externalId: 'cust-7', email: 'seven@example.test', iat: now }, {});
    expect(plan.changes).toEqual([]);
    expect(code).toContain('"externalId": "cust-7"');
    expect(again.payload).toMatchObject({ externalId: 'cust-7', email: 'seven@example.test' });
  });

  it('keeps the lifetime a token meant, as a lifetime from signing', () => {
    const { plan, again } = mintedFindings(zendesk, { ...hs, kid: 'app_1' }, { scope: 'user', external_id: 'u', iat: now, exp: now + 900 }, {});
    expect(plan.expiresIn).toBe(900);
    expect(plan.changes).toEqual([]);
    expect((again.payload?.exp as number) - (again.payload?.iat as number)).toBe(900);
  });

  it('any mix of the known mistakes: the minted token has no error (property)', () => {
    const claim = fc.oneof(
      fc.record({ k: fc.constantFrom('externalId', 'external_id', 'user_id', 'userId', 'extId', 'sub', 'Email', 'email', 'scope', 'email_verified', 'nbf', 'name'), v: fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant('a@b.test')) }),
    );
    const time = fc.oneof(fc.constant(undefined), fc.integer({ min: now - 100_000, max: now + 100_000 }), fc.constant(now * 1000), fc.constant('soon'));
    fc.assert(
      fc.property(fc.constantFrom('kustomer', 'zendesk', 'intercom'), fc.array(claim, { maxLength: 6 }), time, time, fc.constantFrom<JsonObject>(hs, { alg: 'none' }, { alg: 'HS256', kid: 'app_9' }), (vendorId, claims, iat, exp, header) => {
        const vendor = { kustomer, zendesk, intercom }[vendorId];
        const payload: JsonObject = Object.fromEntries(claims.map(({ k, v }) => [k, v]));
        if (iat !== undefined) payload.iat = iat;
        if (exp !== undefined) payload.exp = exp;
        const { errors, plan } = mintedFindings(vendor, header, payload, { keyId: 'app_9' });
        expect(errors).toEqual([]);
        expect(plan.changes.join('\n')).not.toContain('Still to fix by hand');
      }),
      { numRuns: 500 },
    );
  });
});

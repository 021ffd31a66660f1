/**
 * "Refusals are real" and "Logout forgets" from the vendor's data alone: the credentials that
 * must be refused follow from a vendor's signing (its header's kid, its rules' fixed claims, its
 * signed field), and the session keys left from its `sessionKeys` patterns. Checked for the JWT
 * vendors and for the made-up HMAC vendor, so a new widget needs no code here.
 */
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { hmacHex } from '../../src/jwt/hmac';
import type { ChatVendor, CheckedIdentity } from '../../src/model/vendor';
import { namedBy, sessionKeysIn, storageNamesOf } from '../../src/model/page-storage';
import { refusalProbes } from '../../src/session/check-probes';
import { loadVendor } from '../../src/vendors/registry';
import acme from '../fixtures/acme-hmac-vendor/index';

const SECRET = 'the-right-secret-for-probes';
const now = Math.floor(Date.now() / 1000);

function identities(vendor: ChatVendor) {
  let n = 0;
  return () => {
    n += 1;
    const claims = vendor.buildClaims({ externalId: `qa-check-t-${n}`, email: `qa-check-t-${n}@example.test`, name: `QA check ${n}` });
    if (!claims.ok) throw new Error(claims.errors.join(' '));
    return claims as CheckedIdentity;
  };
}

const probesOf = (vendor: ChatVendor, settings: Record<string, string> = {}) =>
  refusalProbes(vendor, identities(vendor), SECRET, settings, { nowSeconds: now, minutesOld: 30, wrongSecret: 'not-the-secret' });

describe('refusal probes, from the vendor data', () => {
  it('a JWT vendor whose header names a kid and whose rules fix a scope: wrong secret, expired, no kid, no scope', async () => {
    const zendesk = await loadVendor('zendesk');
    const probes = await probesOf(zendesk, { keyId: 'app_key_1' });
    expect(probes.map((p) => p.what)).toEqual(['signed with a wrong secret', 'issued 30 minutes ago and expired 25 minutes ago', 'with no kid in its header', 'with no scope claim']);
    const [, expired, noKid, noScope] = probes.map((p) => p.credential.value);
    expect(decodeJwt(expired as string).exp).toBeLessThan(now);
    expect(decodeProtectedHeader(noKid as string).kid).toBeUndefined();
    expect(decodeJwt(noKid as string).scope).toBe('user');
    expect(decodeProtectedHeader(noScope as string).kid).toBe('app_key_1');
    expect(decodeJwt(noScope as string).scope).toBeUndefined();
    // Each for a customer of its own.
    expect(new Set(probes.map((p) => JSON.stringify(p.identity.lookup))).size).toBe(probes.length);
  });

  it('a JWT vendor with a plain header and no fixed claim: a wrong secret and an expired token only', async () => {
    const kustomer = await loadVendor('kustomer');
    expect((await probesOf(kustomer)).map((p) => p.what)).toEqual(['signed with a wrong secret', 'issued 30 minutes ago and expired 25 minutes ago']);
  });

  it('an HMAC vendor: a wrong secret, the signature of another of its values, and base64 where hex is wanted', async () => {
    const probes = await probesOf(acme);
    expect(probes.map((p) => p.what)).toEqual(['signed with a wrong secret', 'signing another of its values than the one the vendor signs', 'in base64 where hex is wanted']);
    const [wrong, field, base64] = probes;
    const email = (p: typeof wrong) => p?.identity.claims.email as string;
    expect(wrong?.credential.value).toBe(await hmacHex(email(wrong), 'not-the-secret'));
    expect(field?.credential.value).toBe(await hmacHex(field?.identity.claims.name as string, SECRET));
    expect(Buffer.from(base64?.credential.value ?? '', 'base64').toString('hex')).toBe(await hmacHex(email(base64), SECRET));
  });
});

describe('session keys left in the page', () => {
  it('names a key exactly, by a prefix (trailing *) or a suffix (leading *)', () => {
    expect(namedBy('intercom-session-*', 'intercom-session-abc')).toBe(true);
    expect(namedBy('*.sessionToken', '64f1.sessionToken')).toBe(true);
    expect(namedBy('*.sessionToken', '64f1.clientId')).toBe(false);
    expect(namedBy('cw_conversation', 'cw_conversation_x')).toBe(false);
    const names = { cookies: ['cw_conversation', 'other'], localStorage: ['64f1.appUserId', '64f1.clientId'] };
    expect(sessionKeysIn({ cookies: ['cw_conversation'], localStorage: ['*.appUserId'] }, names)).toEqual(['cookie cw_conversation', 'localStorage 64f1.appUserId']);
    expect(sessionKeysIn({}, names)).toEqual([]);
  });

  it("reads the page's answer as data: lists of strings only, capped", () => {
    expect(storageNamesOf({ cookies: ['a', 3, 'b'], localStorage: ['x'.repeat(500)] })).toEqual({ cookies: ['a', 'b'], localStorage: ['x'.repeat(200)] });
    expect(storageNamesOf({ cookies: 'a' })).toBeUndefined();
    expect(storageNamesOf(null)).toBeUndefined();
  });
});

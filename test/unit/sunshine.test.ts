// @vitest-environment node
/**
 * Sunshine Conversations' own rules, unit by unit: the command line signs its token (`--key-id`
 * to the header, `--json` what was signed), the inspector's findings (missing kid, wrong scope,
 * no external_id, the legacy claims with their fix, expiry), its refusal causes (a 401 the page
 * saw as a network error is the expired token's), the token guess that defers to the checked
 * environment's vendor, and the page's app id.
 */
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { mintPlan } from '../../src/jwt/server-fix';
import { inspectToken } from '../../src/jwt/token-findings';
import { guessVendor } from '../../src/jwt/vendor-guess';
import { main } from '../../src/node/cli';
import sunshine from '../../src/vendors/sunshine/index';
import zendesk from '../../src/vendors/zendesk/index';

const SECRET = 'sunshine-unit-secret-0123456789';
const KEY_ID = 'app_5e1f3a9c2b7d4e0012cd56f0';

async function cli(argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t), env: { CHAT_IDENTITY_LAB_SECRET: SECRET }, stdin: async () => '' });
  return { code, out, err };
}

const sign = (payload: object, kid: string | null = KEY_ID) => jwt.sign(payload, SECRET, { algorithm: 'HS256', ...(kid ? { keyid: kid } : {}) });
const findingIds = (token: string, environment?: Record<string, string>) => inspectToken(token, sunshine.signing.kind === 'jwt' ? sunshine.signing.rules : (undefined as never), { environment }).findings.map((f) => `${f.severity}:${f.id}`);

describe('chat-identity-lab sign --vendor sunshine', () => {
  it('prints a kid-signed user token, and with --json what was signed', async () => {
    const plain = await cli(['sign', '--vendor', 'sunshine', '--external-id', 'sun-1', '--key-id', KEY_ID]);
    expect(plain.code).toBe(0);
    const decoded = jwt.verify(plain.out.trim(), SECRET, { algorithms: ['HS256'], complete: true });
    expect(decoded.header).toEqual({ alg: 'HS256', typ: 'JWT', kid: KEY_ID });
    const payload = decoded.payload as Record<string, number | string>;
    expect(payload).toMatchObject({ scope: 'user', external_id: 'sun-1' });
    expect((payload.exp as number) - (payload.iat as number)).toBe(900);
    const json = JSON.parse((await cli(['sign', '--vendor', 'sunshine', '--external-id', 'sun-2', '--key-id', KEY_ID, '--app-id', '5e1f3a9c2b7d4e0012cd56ef', '--expires-in', '2m', '--json'])).out);
    expect(json).toMatchObject({ header: { kid: KEY_ID }, claims: { scope: 'user', external_id: 'sun-2' } });
    expect(json.claims.exp - json.claims.iat).toBe(120);
  });

  it('refuses to sign without the Key ID, saying which flag', async () => {
    const missing = await cli(['sign', '--vendor', 'sunshine', '--external-id', 'sun-1']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--key-id');
    expect(missing.out).toBe('');
  });
});

describe("Sunshine Conversations' token rules", () => {
  it('finds nothing wrong with its own token', async () => {
    const claims = sunshine.buildClaims({ externalId: 'sun-ok', email: '' });
    if (!claims.ok) throw new Error(claims.errors.join(' '));
    const { value } = await sunshine.credential(claims, SECRET, { keyId: KEY_ID });
    expect(findingIds(value, { keyId: KEY_ID }).filter((f) => f.startsWith('error'))).toEqual([]);
  });

  it('names a missing kid with the API\'s own message, another key, a wrong or missing scope, no external_id and expiry', () => {
    const now = Math.floor(Date.now() / 1000);
    const noKid = inspectToken(sign({ scope: 'user', external_id: 'a' }, null), sunshine.signing.kind === 'jwt' ? sunshine.signing.rules : (undefined as never));
    expect(noKid.findings.find((f) => f.id === 'kid-missing')?.message).toContain('"Invalid JWT header. Missing key id (kid)"');
    expect(findingIds(sign({ scope: 'user', external_id: 'a' }, 'app_other'), { keyId: KEY_ID })).toContain('error:kid-mismatch');
    expect(findingIds(sign({ scope: 'admin', external_id: 'a' }))).toContain('error:scope-not-user');
    expect(findingIds(sign({ external_id: 'a' }))).toContain('error:scope-not-user');
    expect(findingIds(sign({ scope: 'user' }))).toContain('error:no-identity');
    expect(findingIds(sign({ scope: 'user', external_id: 'a', iat: now - 3600, exp: now - 60 }))).toContain('error:exp-past');
  });

  it('recognises the legacy appUser claims as a finding, and mints today\'s claims from them', () => {
    const legacy = sign({ scope: 'appUser', userId: 'sun-legacy' });
    const ids = findingIds(legacy);
    expect(ids).toContain('warning:legacy-claims');
    // The legacy userId is said once, as legacy, not as a misspelling too.
    expect(ids).not.toContain('error:near-miss-claim');
    expect(ids).not.toContain('error:no-identity');
    const inspection = inspectToken(legacy, sunshine.signing.kind === 'jwt' ? sunshine.signing.rules : (undefined as never));
    const plan = mintPlan(inspection, sunshine, { keyId: KEY_ID });
    expect(plan?.claims).toMatchObject({ scope: 'user', external_id: 'sun-legacy' });
    expect(plan?.claims).not.toHaveProperty('userId');
  });
});

describe('Sunshine Conversations wording and guesses', () => {
  it('puts the expired token first when the page saw the 401 only as a network error', () => {
    expect(sunshine.refusalCauses(401, 'Hooli', 'TypeError: Failed to fetch')[0]).toContain("the token's exp has passed");
    expect(sunshine.refusalCauses(401, 'Hooli', 'invalid_auth: HTTP 401: Invalid JWT signature.')[0]).toContain('the secret of environment "Hooli"');
    expect(sunshine.refusalCauses(401, 'Hooli')[0]).toContain('the secret of environment "Hooli"');
    expect(sunshine.refusalCauses(401, 'Hooli', 'invalid_auth: HTTP 401: Invalid JWT header. Missing key id (kid)')[0]).toContain('the Key ID (kid) of environment "Hooli"');
    expect(sunshine.refusalCauses(401, 'Hooli', 'invalid_auth: HTTP 401: Invalid JWT body. Missing external_id.')[0]).toContain('lacks scope "user" or external_id');
    expect(sunshine.refusalCauses(401, 'Hooli', 'TypeError: Failed to fetch')).toHaveLength(5);
  });

  it('a scope-user token is guessed as the checked environment\'s vendor; the legacy claims are its own', () => {
    const vendors = [zendesk, sunshine];
    const token = sign({ scope: 'user', external_id: 'a' });
    expect(guessVendor(token, vendors)).toBe('zendesk');
    expect(guessVendor(token, vendors, 'sunshine')).toBe('sunshine');
    expect(guessVendor(token, vendors, 'zendesk')).toBe('zendesk');
    expect(guessVendor(sign({ scope: 'appUser', userId: 'b' }), vendors)).toBe('sunshine');
  });

  it("reads the app id from the page's Smooch.init, and nothing from an integrationId", () => {
    const reader = sunshine.pageAccount;
    expect(reader?.parse("Smooch.init({ appId: '5e1f3a9c2b7d4e0012cd56ef', onInvalidAuth: function () {} })")).toBe('5e1f3a9c2b7d4e0012cd56ef');
    expect(reader?.parse("Smooch.init({ integrationId: '64aa0' })")).toBeUndefined();
    expect(reader?.parse("Smooch.init({ appId: '<script>' })")).toBeUndefined();
  });
});

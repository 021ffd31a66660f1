/**
 * The two credential kinds (model/credential, jwt/credential): a JWT signed as before, with iat
 * and exp from one clock; an HMAC-SHA256 hex signature that node:crypto agrees with, whose
 * findings name the traps of hand-written server code, and whose server code signs the same.
 */
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { credentialFindings, signHmac, signJwt } from '../../src/jwt/credential';
import { hmacHex, hmacMatches } from '../../src/jwt/hmac';
import { hmacFindings } from '../../src/jwt/hmac-findings';
import { hmacNodeSnippet, hmacPythonSnippet } from '../../src/jwt/server-code';
import type { CheckedIdentity, HmacSigning } from '../../src/model/vendor';
import zendesk from '../../src/vendors/zendesk/index';

const SECRET = 'credential-test-secret';
const require = createRequire(import.meta.url);
const identity = (claims: Record<string, unknown>): CheckedIdentity => ({ ok: true, claims, lookup: { email: String(claims.email ?? '') }, warnings: [] });
const byEmail: HmacSigning = { kind: 'hmac', field: 'email', serverCode: (signed, language) => (language === 'node' ? hmacNodeSnippet(signed, STYLE) : hmacPythonSnippet(signed, STYLE)) };
const STYLE = { secretVariable: 'ACME_SECRET', advice: 'Sign when the page renders.', field: 'email' };
const nodeHmac = (message: string, secret: string) => createHmac('sha256', secret).update(message).digest('hex');

describe('HMAC-SHA256 hex (jwt/hmac)', () => {
  it('is what node:crypto computes, for any text and secret', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string({ minLength: 1 }), async (message, secret) => {
        expect(await hmacHex(message, secret)).toBe(nodeHmac(message, secret));
      }),
      { numRuns: 60 },
    );
  });

  it('checks a signature with WebCrypto: the right one in either case, never a wrong one, nothing malformed', async () => {
    const signature = nodeHmac('ada@example.test', SECRET);
    expect(await hmacMatches('ada@example.test', signature, SECRET)).toBe(true);
    expect(await hmacMatches('ada@example.test', signature.toUpperCase(), SECRET)).toBe(true);
    expect(await hmacMatches('ada@example.test', signature, 'another-secret')).toBe(false);
    expect(await hmacMatches('bob@example.test', signature, SECRET)).toBe(false);
    expect(await hmacMatches('ada@example.test', signature.slice(2), SECRET)).toBe(false);
    expect(await hmacMatches('ada@example.test', signature, '')).toBe(false);
  });

  it('refuses an empty secret', async () => {
    await expect(hmacHex('x', '')).rejects.toThrow('The secret is empty.');
  });
});

describe('credentials (jwt/credential)', () => {
  it('an HMAC credential signs the named value exactly and says which', async () => {
    const credential = await signHmac(byEmail, identity({ email: 'ada@example.test', name: 'Ada' }), SECRET);
    expect(credential).toEqual({ kind: 'hmac', value: nodeHmac('ada@example.test', SECRET), signed: 'ada@example.test', field: 'email' });
    await expect(signHmac(byEmail, identity({ name: 'Ada' }), SECRET)).rejects.toThrow('There is no email to sign.');
  });

  it("a JWT credential carries the vendor's header, and iat and exp from one clock", async () => {
    const credential = await signJwt(zendesk.signing, identity({ scope: 'user', external_id: 'u-1' }), SECRET, { keyId: 'app_1' }, { nowSeconds: 1_700_000_000, expiresIn: 600 });
    if (credential.kind !== 'jwt') throw new Error('not a JWT');
    expect(credential.header).toEqual({ alg: 'HS256', typ: 'JWT', kid: 'app_1' });
    expect(credential.claims).toEqual({ scope: 'user', external_id: 'u-1', exp: 1_700_000_600, iat: 1_700_000_000 });
    expect(jwt.verify(credential.value, SECRET, { algorithms: ['HS256'], clockTimestamp: 1_700_000_001 })).toEqual(credential.claims);
  });

  it('findings by kind: a JWT under its vendor\'s rules, an HMAC under the HMAC ones', async () => {
    const hmac = await signHmac(byEmail, identity({ email: 'ada@example.test' }), SECRET);
    expect(credentialFindings(hmac, { name: 'Acme', signing: byEmail, callName: () => 'Acme.identify' })).toEqual([]);
    const token = await zendesk.credential(identity({ scope: 'user', external_id: 'u-1' }), SECRET, {});
    expect(credentialFindings(token, zendesk, {}).map((f) => f.id)).toContain('kid-missing');
  });
});

describe('HMAC findings (jwt/hmac-findings)', () => {
  const ids = (signed: string, signature: string) => hmacFindings({ signed, signature, field: 'email' }, 'Acme').map((f) => f.id);
  const good = nodeHmac('ada@example.test', SECRET);

  it('finds nothing wrong with a lower-case hex SHA-256 of a trimmed value', () => {
    expect(ids('ada@example.test', good)).toEqual([]);
  });

  it('names the traps: base64, another hash, capitals, spaces, an empty value, no signature', () => {
    expect(ids('ada@example.test', createHmac('sha256', SECRET).update('ada@example.test').digest('base64'))).toEqual(['hmac-base64']);
    expect(ids('ada@example.test', createHmac('sha1', SECRET).update('ada@example.test').digest('hex'))).toEqual(['hmac-not-sha256']);
    expect(hmacFindings({ signed: 'a@b.test', signature: 'ab'.repeat(20), field: 'email' }, 'Acme')[0]?.message).toContain('40 is SHA-1');
    expect(ids('ada@example.test', good.toUpperCase())).toEqual(['hmac-upper-case']);
    expect(ids(' ada@example.test', good)).toEqual(['hmac-spaces']);
    expect(ids('Ada@Example.test', good)).toEqual(['hmac-email-case']);
    expect(ids('', good)).toEqual(['hmac-nothing-signed']);
    expect(ids('ada@example.test', '')).toEqual(['hmac-no-signature']);
    expect(ids('ada@example.test', 'not a signature')).toEqual(['hmac-not-hex']);
    expect(ids('ada@example.test', `${good}\n`)).toEqual(['hmac-signature-spaces']);
  });
});

describe('HMAC server code (jwt/server-code)', () => {
  it('the Node snippet signs what the credential signs, with the secret from the environment', async () => {
    const code = byEmail.serverCode('ada@example.test', 'node');
    const run = new Function('require', 'process', `${code}\nreturn signature;`) as (r: NodeJS.Require, p: { env: Record<string, string> }) => string;
    expect(run(require, { env: { ACME_SECRET: SECRET } })).toBe((await signHmac(byEmail, identity({ email: 'ada@example.test' }), SECRET)).value);
    expect(code).not.toContain(SECRET);
  });

  it('the Python snippet uses hmac and hexdigest, never base64', () => {
    const code = byEmail.serverCode('ada@example.test', 'python');
    expect(code).toContain('hmac.new(');
    expect(code).toContain('os.environ["ACME_SECRET"]');
    expect(code).toContain('.hexdigest()');
    expect(code).not.toContain('b64');
  });
});

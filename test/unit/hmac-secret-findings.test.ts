// @vitest-environment jsdom
/**
 * The inspector's HMAC work shared by every HMAC vendor: the server code in each language
 * (jwt/server-code: the Node snippet run, the others read; Ruby and PHP run too where the
 * machine has them), what a signature really is under the chosen environment's secret
 * (jwt/hmac-findings: base64 of the right bytes, capital hex, another value of the identity,
 * another environment's key, none of these), and the view's field picker for a vendor that signs
 * one of several fields (Front Chat's userId, else email).
 */
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { h, render } from 'preact';
import { describe, expect, it } from 'vitest';
import { HmacView } from '../../src/inspector/HmacView';
import { hmacSecretFindings } from '../../src/jwt/hmac-findings';
import { hmacServerCode, jwtServerCode } from '../../src/jwt/server-code';
import type { Environment } from '../../src/model/schema';
import type { HmacSigning } from '../../src/model/vendor';
import front from '../../src/vendors/front/index';

const SECRET = 'inbox-verification-secret';
const OTHER = 'another-workspaces-secret';
const mac = (value: string, secret = SECRET) => createHmac('sha256', secret).update(value).digest();
const hex = (value: string, secret = SECRET) => mac(value, secret).toString('hex');
const environment = (id: string, secret: string): Environment => ({ id, name: `Env ${id}`, vendor: front.id, sites: [], secret });
const chosen = environment('a', SECRET);
const all = [chosen, environment('b', OTHER)];
const style = { secretVariable: 'WIDGET_SECRET', advice: 'Sign when the page renders.', field: 'email' };

/** Whether a program is on this machine. */
const has = (program: string) => {
  try {
    execFileSync(program, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

describe('HMAC server code in each language', () => {
  const signed = 'ada+"#{x}"$y\\@example.test';

  it('Node: the snippet, run, signs exactly the value in hex with the secret from the environment', () => {
    const code = hmacServerCode(signed, 'node', style);
    const run = new Function('require', 'process', `${code}\nreturn signature;`) as (r: NodeJS.Require, p: { env: Record<string, string> }) => string;
    expect(run(require, { env: { WIDGET_SECRET: SECRET } })).toBe(hex(signed));
    expect(code).not.toContain(SECRET);
  });

  it("Ruby: OpenSSL::HMAC.hexdigest with ENV's secret; the value quoted so nothing is interpolated", () => {
    const code = hmacServerCode(signed, 'ruby', style);
    expect(code).toContain("OpenSSL::HMAC.hexdigest(\n  'sha256',\n  ENV.fetch('WIDGET_SECRET'),");
    expect(code).toContain(String.raw`"ada+\"\#{x}\"$y\\@example.test"`);
    expect(code).not.toMatch(/Base64|strict_encode64|\.digest\(/);
    if (has('ruby')) {
      const out = execFileSync('ruby', ['-e', `${code}\nprint signature`], { env: { ...process.env, WIDGET_SECRET: SECRET } }).toString();
      expect(out).toBe(hex(signed));
    }
  });

  it("PHP: hash_hmac('sha256', value, getenv(…)) in hex; the value single-quoted", () => {
    const code = hmacServerCode(signed, 'php', style);
    expect(code).toContain("hash_hmac(\n    'sha256',\n    'ada+\"#{x}\"$y\\\\@example.test',");
    expect(code).toContain("getenv('WIDGET_SECRET')");
    expect(code).not.toMatch(/base64_encode|, true\)/);
    if (has('php')) {
      const dir = mkdtempSync(join(tmpdir(), 'hmac-php-'));
      writeFileSync(join(dir, 'sign.php'), `${code}\necho $signature;`);
      expect(execFileSync('php', [join(dir, 'sign.php')], { env: { ...process.env, WIDGET_SECRET: SECRET } }).toString()).toBe(hex(signed));
    }
  });

  it('Python still writes hexdigest; JWTs get the jwt gem and firebase/php-jwt, with kid and exp', () => {
    expect(hmacServerCode('a@b.test', 'python', style)).toContain('.hexdigest()');
    const jwtStyle = { secretVariable: 'WIDGET_SECRET', advice: 'Mint per login.', header: { alg: 'HS256' as const, typ: 'JWT' as const, kid: 'app_1' }, expiresIn: 600 };
    const ruby = jwtServerCode({ external_id: 'u-1', scope: 'user', iat: 1 }, 'ruby', jwtStyle);
    expect(ruby).toContain("JWT.encode(claims, ENV.fetch('WIDGET_SECRET'), 'HS256', { kid: \"app_1\" })");
    expect(ruby).toContain("claims['exp'] = claims['iat'] + 600");
    expect(ruby).not.toContain('"iat" =>');
    const php = jwtServerCode({ external_id: 'u-1', scope: 'user' }, 'php', jwtStyle);
    expect(php).toContain("JWT::encode($claims, getenv('WIDGET_SECRET'), 'HS256', 'app_1');");
    expect(php).toContain("'external_id' => 'u-1',");
    expect(php).toContain('use Firebase\\JWT\\JWT;');
  });
});

describe('what a signature is under the chosen secret', () => {
  const input = (signature: string, others: string[] = ['user-1001']) => ({ signed: 'ada@example.test', signature, field: 'email', others });
  const ids = async (signature: string, others?: string[]) => (await hmacSecretFindings(input(signature, others), 'Example Chat', chosen, all)).map((f) => f.id);

  it('the right HMAC in lower-case hex: nothing to say', async () => {
    expect(await ids(hex('ada@example.test'))).toEqual([]);
  });

  it('the same bytes in base64 (or base64url), or in capitals: named, with what to write instead', async () => {
    expect(await ids(mac('ada@example.test').toString('base64'))).toEqual(['hmac-base64']);
    expect(await ids(mac('ada@example.test').toString('base64url'))).toEqual(['hmac-base64']);
    expect(await ids(hex('ada@example.test').toUpperCase())).toEqual(['hmac-upper-case']);
    const [finding] = await hmacSecretFindings(input(mac('ada@example.test').toString('base64')), 'Example Chat', chosen, all);
    expect(finding?.message).toContain("digest('hex') in Node, hexdigest() in Python");
  });

  it('the HMAC of another value of the identity, and one made with another environment\'s key', async () => {
    const other = await hmacSecretFindings(input(hex('user-1001')), 'Example Chat', chosen, all);
    expect(other.map((f) => f.id)).toEqual(['hmac-other-field']);
    expect(other[0]?.message).toBe('It is the HMAC of "user-1001", another value of the identity, not of the email: Example Chat checks a signature of the email. Sign the email, exactly as the widget is given it.');
    const workspace = await hmacSecretFindings(input(hex('ada@example.test', OTHER)), 'Example Chat', chosen, all);
    expect(workspace.map((f) => f.id)).toEqual(['hmac-other-secret']);
    expect(workspace[0]?.message).toContain('It was made with the secret of Env b, not of Env a');
    // Both at once, in base64: each is said.
    expect(await ids(mac('user-1001', OTHER).toString('base64'))).toEqual(['hmac-base64', 'hmac-other-field', 'hmac-other-secret']);
  });

  it('nothing explains it: said, with what to check; no secret chosen: nothing claimed', async () => {
    expect(await ids(hex('someone-else@example.test'))).toEqual(['hmac-no-match']);
    expect(await hmacSecretFindings(input(hex('ada@example.test')), 'Example Chat', environment('c', ''), all)).toEqual([]);
  });
});

describe('the inspector view for a vendor that signs one of several fields', () => {
  it('lets the tester pick the signed field, and names a signature of the other value', async () => {
    const root = document.createElement('div');
    document.body.append(root);
    const vendor = { ...front, signing: front.signing as HmacSigning };
    render(h(HmacView, { vendor, environments: all, checkWith: 'a', onCheckWith: () => {}, language: 'node', initial: { signed: 'ada@example.test', signature: hex('user-1001'), field: 'email', others: 'user-1001' } }), root);
    const select = root.querySelector('select[aria-label="Signed field"]') as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).toEqual(['userId', 'email']);
    expect(select.value).toBe('email');
    expect([...root.querySelectorAll('label')].map((l) => l.textContent)).toEqual(expect.arrayContaining(['Signed email', 'Signature', 'Other values of the identity']));
    const findings = () => root.querySelector('[aria-label="Findings"]')?.textContent ?? '';
    await expect.poll(findings).toContain('It is the HMAC of "user-1001", another value of the identity, not of the email');
    root.remove();
  });
});

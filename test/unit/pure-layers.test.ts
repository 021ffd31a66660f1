// @vitest-environment node
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

/**
 * The pure layers (model, jwt, sites, vendors) run under plain Node: no DOM, and no browser
 * API anywhere in what they import. Issue 21 reuses them from Node (Playwright, a CLI).
 */

// Importing the browser API from anything loaded here fails the test.
vi.mock('webextension-polyfill', () => {
  throw new Error('webextension-polyfill was imported by a pure layer');
});

const PURE = ['src/model/', 'src/jwt/', 'src/sites/', 'src/vendors/'];

/** Every module reachable from `start` (static, dynamic and type imports), and every bare import. */
function reachable(start: string[]): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const todo = [...start];
  while (todo.length > 0) {
    const file = todo.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    for (const [, , spec] of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"]+)\1/g)) {
      if (spec === undefined) continue;
      if (!spec.startsWith('.')) {
        packages.add(spec);
        continue;
      }
      const base = join(dirname(file), spec.replace(/\?.*$/, ''));
      const found = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((c) => existsSync(c) && statSync(c).isFile());
      if (!found) throw new Error(`${file}: cannot resolve ${spec}`);
      todo.push(relative('.', found));
    }
  }
  return { files, packages };
}

describe('model, jwt, sites and vendors under plain Node', () => {
  it('import nothing outside themselves but jose, and no browser API', () => {
    const { files, packages } = reachable(['src/vendors/all.ts', 'src/vendors/registry.ts', 'src/model/schema.ts', 'src/model/outcome.ts', 'src/model/identity.ts', 'src/jwt/token.ts', 'src/jwt/signature.ts', 'src/jwt/token-findings.ts', 'src/sites/site-patterns.ts']);
    expect([...files].filter((f) => !PURE.some((p) => f.startsWith(p)))).toEqual([]);
    expect([...packages]).toEqual(['jose']);
    expect(files.size).toBeGreaterThan(30);
  });

  it('run with no DOM', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
    expect((globalThis as { chrome?: unknown }).chrome).toBeUndefined();
    expect((globalThis as { browser?: unknown }).browser).toBeUndefined();
  });

  it('sign and check a token for each vendor', async () => {
    const { readEnvironment } = await import('../../src/model/schema');
    const { environmentsFor } = await import('../../src/model/environment-match');
    const { fieldsOf } = await import('../../src/model/identity');
    const { settingsOf } = await import('../../src/model/vendor-settings');
    const { jwtSigning } = await import('../../src/model/vendor');
    const { signedWith } = await import('../../src/jwt/signature');
    const { hmacMatches } = await import('../../src/jwt/hmac');
    const { hmacFindings } = await import('../../src/jwt/hmac-findings');
    const { inspectToken } = await import('../../src/jwt/token-findings');
    await import('../../src/vendors/all');
    const { loadVendor, VENDOR_IDS } = await import('../../src/vendors/registry');

    const settings: Record<string, Record<string, string>> = { kustomer: { orgName: 'acme' }, zendesk: { keyId: 'app_0123456789abcdef' }, intercom: { appId: 'abc123de' }, sunshine: { appId: '5e1f3a9c2b7d4e0012cd56ef', keyId: 'app_5e1f3a9c2b7d4e0012cd56f0' } };
    for (const id of VENDOR_IDS) {
      const environment = readEnvironment({ id: `env-${id}`, name: `${id} staging`, vendor: id, sites: [`https://${id}.staging.example.test/*`], secret: `${id}-secret-for-node`, settings: settings[id] });
      if (typeof environment === 'string') throw new Error(environment);
      const [match] = environmentsFor(`https://${id}.staging.example.test/help`, [environment]);
      expect(match?.environment.id).toBe(environment.id);

      const vendor = await loadVendor(environment.vendor);
      expect(vendor.id).toBe(id);
      const claims = vendor.buildClaims(fieldsOf({ externalId: `cust-${id}`, email: 'ada@example.test', name: 'Ada' }));
      if (!claims.ok) throw new Error(claims.errors.join(' '));
      const credential = await vendor.credential(claims, environment.secret, settingsOf(environment));
      // A vendor that signs an HMAC: the signature of the value it signs, with this secret only.
      if (credential.kind === 'hmac') {
        // Checked independently with node:crypto, then with the tool's own check.
        expect(credential.value).toBe(createHmac('sha256', environment.secret).update(credential.signed).digest('hex'));
        expect(await hmacMatches(credential.signed, credential.value, environment.secret)).toBe(true);
        expect(await hmacMatches(credential.signed, credential.value, 'another-secret')).toBe(false);
        expect(hmacFindings({ signed: credential.signed, signature: credential.value, field: credential.field }, vendor.name)).toEqual([]);
        continue;
      }
      const jwt = jwtSigning(vendor);
      if (!jwt) throw new Error(`${id} signs no JWT`);
      const token = credential.value;

      expect(await signedWith(token, environment.secret)).toBe(true);
      expect(await signedWith(token, 'another-secret')).toBe(false);
      const inspection = inspectToken(token, jwt.rules, { environment: environment.settings });
      expect(inspection.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(inspection.payload).toMatchObject({ iat: expect.any(Number) });
    }
  });

  it('session/ and the Node package (node/) reach no browser API and none of storage, actions or the tab-scripting page-bridge', () => {
    const { files, packages } = reachable(['src/node/playwright.ts', 'src/node/bin.ts', 'src/node/cli-sign.ts', 'src/node/cli-inspect.ts', 'src/node/cli-check.ts', 'src/session/integration-check.ts']);
    const allowed = [...PURE, 'src/session/', 'src/node/', 'src/page-bridge/page-answer.ts', 'src/page-bridge/chat-readiness.ts', 'package.json'];
    expect([...files].filter((f) => !allowed.some((p) => f.startsWith(p)))).toEqual([]);
    expect([...packages].filter((p) => !p.startsWith('node:')).sort()).toEqual(['jose', 'junit-report-builder', 'playwright-core']);
  });

  it('load the Node package under plain Node', async () => {
    const api = await import('../../src/node/playwright');
    expect(Object.keys(api).sort()).toEqual(['chatLogin', 'chatLogout']);
    await import('../../src/node/cli');
    await import('../../src/node/cli-check');
  });
});


// @vitest-environment jsdom
/**
 * The inspector's view for a vendor whose widget takes an HMAC signature (inspector/HmacView),
 * with the made-up HMAC vendor of the fixture folder: the findings and server code for what the
 * tester gives, and which environment's secret made the signature (jwt/signature).
 */
import { createHmac } from 'node:crypto';
import { h, render } from 'preact';
import { describe, expect, it } from 'vitest';
import { HmacView } from '../../src/inspector/HmacView';
import { checkHmacSignature } from '../../src/jwt/signature';
import type { Environment } from '../../src/model/schema';
import type { HmacSigning } from '../../src/model/vendor';
import acme from '../fixtures/acme-hmac-vendor/index';

const SECRET = 'acme-secure-mode-key-for-tests';
const hmac = (value: string, secret = SECRET) => createHmac('sha256', secret).update(value).digest('hex');
const environment = (id: string, secret: string): Environment => ({ id, name: `Env ${id}`, vendor: acme.id, sites: [], secret });
const vendor = { ...acme, signing: acme.signing as HmacSigning };

function shown(initial: { signed: string; signature: string }, language: 'node' | 'python' = 'node'): HTMLElement {
  const root = document.createElement('div');
  render(h(HmacView, { vendor, environments: [environment('a', SECRET)], checkWith: 'a', onCheckWith: () => {}, language, initial }), root);
  return root;
}

describe('the inspector for an HMAC signature', () => {
  it('asks for the signed value and the signature, and finds nothing wrong with a good pair', () => {
    const root = shown({ signed: 'ada@example.test', signature: hmac('ada@example.test') });
    expect([...root.querySelectorAll('label')].map((l) => l.textContent)).toEqual(expect.arrayContaining(['Signed email', 'Signature']));
    expect(root.querySelector('[aria-label="Findings"]')?.children).toHaveLength(0);
    expect(root.textContent).toContain('Nothing to fix');
  });

  it('names the base64 trap, and gives server code that signs the value in hex, in Node or Python', () => {
    const base64 = createHmac('sha256', SECRET).update('ada@example.test').digest('base64');
    const root = shown({ signed: 'ada@example.test', signature: base64 });
    expect(root.querySelector('[aria-label="Findings"]')?.textContent).toContain('The signature is base64: Acme Chat compares the hex digest.');
    expect(root.querySelector('pre')?.textContent).toContain(".update(\"ada@example.test\")");
    expect(root.querySelector('pre')?.textContent).toContain("process.env.ACME_CHAT_SECRET");
    expect(shown({ signed: 'ada@example.test', signature: base64 }, 'python').querySelector('pre')?.textContent).toContain('.hexdigest()');
  });

  it("says which environment's secret made a signature", async () => {
    const a = environment('a', SECRET);
    const b = environment('b', 'another-secret');
    expect(await checkHmacSignature('ada@example.test', hmac('ada@example.test'), a, [a, b])).toEqual({ kind: 'valid', owner: a });
    expect(await checkHmacSignature('ada@example.test', hmac('ada@example.test', 'another-secret'), a, [a, b])).toEqual({ kind: 'invalid', owner: a, matching: b });
    expect(await checkHmacSignature('ada@example.test', hmac('ada@example.test'), environment('c', ''), [b])).toEqual({ kind: 'no-secret', owner: environment('c', ''), matching: undefined });
  });
});

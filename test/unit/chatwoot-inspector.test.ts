// @vitest-environment jsdom
/**
 * The inspector's HMAC view (inspector/HmacView) for Chatwoot: it asks for the signed
 * identifier and the identifier_hash, finds nothing wrong with a good pair, names the base64
 * trap, and its server code signs the identifier in hex with the inbox's HMAC token.
 */
import { createHmac } from 'node:crypto';
import { h, render } from 'preact';
import { describe, expect, it } from 'vitest';
import { HmacView } from '../../src/inspector/HmacView';
import type { Environment } from '../../src/model/schema';
import type { HmacSigning } from '../../src/model/vendor';
import chatwoot from '../../src/vendors/chatwoot/index';

const SECRET = 'chatwoot-inbox-hmac-token-for-tests';
const environment: Environment = { id: 'cw', name: 'Hooli Chatwoot', vendor: chatwoot.id, sites: [], secret: SECRET };
const vendor = { ...chatwoot, signing: chatwoot.signing as HmacSigning };

function shown(initial: { signed: string; signature: string }): HTMLElement {
  const root = document.createElement('div');
  render(h(HmacView, { vendor, environments: [environment], checkWith: 'cw', onCheckWith: () => {}, language: 'node', initial }), root);
  return root;
}

describe("the inspector for a Chatwoot identifier_hash", () => {
  it('checks a good pair, names base64, and writes server code that signs the identifier in hex', () => {
    const good = shown({ signed: 'cw-1', signature: createHmac('sha256', SECRET).update('cw-1').digest('hex') });
    expect([...good.querySelectorAll('label')].map((l) => l.textContent)).toEqual(expect.arrayContaining(['Signed identifier', 'Signature']));
    expect(good.querySelector('[aria-label="Findings"]')?.children).toHaveLength(0);
    const base64 = shown({ signed: 'cw-1', signature: createHmac('sha256', SECRET).update('cw-1').digest('base64') });
    expect(base64.querySelector('[aria-label="Findings"]')?.textContent).toContain('The signature is base64: Chatwoot compares the hex digest.');
    const code = base64.querySelector('pre')?.textContent ?? '';
    expect(code).toContain('.update("cw-1")');
    expect(code).toContain('process.env.CHATWOOT_HMAC_TOKEN');
    expect(code).toContain(".digest('hex')");
  });
});

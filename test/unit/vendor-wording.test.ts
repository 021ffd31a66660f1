import { describe, expect, it } from 'vitest';
import { loginOutcome, switchFailed } from '../../src/core/login-outcome';
import type { Environment } from '../../src/core/schema';
import { inspectToken } from '../../src/core/token-findings';
import { problemOutcome } from '../../src/core/vendor-outcome';
import { guessVendor } from '../../src/inspector/vendor-guess';
import { chosenEnvironment, loginBlocked, optionsQuery, orgWarning, savedIdentityFor } from '../../src/popup/popup-logic';
import { provideVendors } from '../../src/vendors/registry';
import intercom from '../../src/vendors/intercom/index';
import kustomer from '../../src/vendors/kustomer/index';
import zendesk from '../../src/vendors/zendesk/index';

provideVendors([kustomer, zendesk, intercom]);

const env = (vendor: Environment['vendor'], extra: Partial<Environment> = {}): Environment => ({ id: vendor, name: `${vendor} staging`, vendor, sites: ['http://localhost/*'], secret: 's', ...extra });
const answer = (extra = {}) => ({ ok: true as const, command: 'login' as const, loggedIn: true, response: {}, loggedOutPrevious: false, ready: 'widget' as const, ...extra });
const claimsOf = (vendor: typeof kustomer, externalId: string) => {
  const claims = vendor.buildClaims({ externalId, email: '' });
  if (!claims.ok) throw new Error('no claims');
  return claims;
};

describe('loginOutcome: what the tester reads, per vendor', () => {
  it('Kustomer: the customer id, confirmed by isLoggedIn', () => {
    const out = loginOutcome(kustomer, claimsOf(kustomer, 'cust-1'), answer({ response: { customerId: 'cus_1' }, ready: 'iframe', conversations: { ok: true, items: [] } }), undefined, 't');
    expect(out).toMatchObject({ tone: 'success', message: 'Logged in as External ID cust-1 (customer cus_1).', token: 't' });
  });
  it('Zendesk: says the evidence is the login callback, and what the widget cannot do', () => {
    const out = loginOutcome(zendesk, claimsOf(zendesk, 'user-1'), answer(), { externalId: 'user-0' }, 't');
    expect(out.message).toBe("Logged in as External ID user-1: zE('messenger', 'loginUser') called back without an error.");
    expect(out.notes).toContain(zendesk.limits);
  });
  it('Intercom: the visitor id and the Messenger booting, and who was logged out first', () => {
    const out = loginOutcome(intercom, claimsOf(intercom, 'user-2'), answer({ response: { visitorId: 'vis_1' }, loggedOutPrevious: true }), { externalId: 'user-1' }, 't');
    expect(out.message).toBe('Logged in as User ID user-2 (visitor vis_1): the Messenger booted with the token.');
    expect(out.notes[0]).toBe('Logged out User ID user-1 first.');
  });
  it('Kustomer: a login that isLoggedIn does not confirm is a warning', () => {
    expect(loginOutcome(kustomer, claimsOf(kustomer, 'c'), answer({ loggedIn: false }), undefined, 't').tone).toBe('warning');
  });
  it('a failed logout before a switch names who could not be logged out', () => {
    expect(switchFailed(zendesk, { externalId: 'a' }, { tone: 'error', message: 'boom', notes: [] }).message).toBe('Could not log out External ID a before the switch: boom');
  });
});

describe("problemOutcome: the page's refusals in the vendor's words", () => {
  const seconds = { sdkTimeoutSeconds: 4, kustomerApiUrl: '' };
  it('a Zendesk environment on a page with only Intercom says so, and offers the options', () => {
    const out = problemOutcome({ ok: false, problem: 'no-sdk', report: { sdk: 'none', pageLoaded: true, quietMs: 4000, others: ['intercom'] } }, seconds, env('zendesk'));
    expect(out.message).toBe(
      'This page has Intercom, not the Zendesk Messaging widget, but environment zendesk staging is for Zendesk Messaging. Pick the right chat vendor for this environment in Options, or open a page with the Zendesk Messaging widget.',
    );
    expect(out.action).toEqual({ kind: 'open-options', environmentId: 'zendesk' });
  });
  it.each([
    ['kustomer', 'login', 'Kustomer.login did not answer within 4 s.'],
    ['zendesk', 'login', "zE('messenger', 'loginUser') never called back"],
    ['intercom', 'boot', 'The Intercom Messenger did not boot with this token within 4 s.'],
  ] as const)('%s: a login that never answers', (vendor, call, start) => {
    expect(problemOutcome({ ok: false, problem: 'sdk-timeout', call }, seconds, env(vendor)).message.startsWith(start)).toBe(true);
  });
  it('Zendesk: a refusal quotes LoginFailedError', () => {
    expect(problemOutcome({ ok: false, problem: 'sdk-error', call: 'login', message: 'LoginFailedError: invalid_kid' }, seconds, env('zendesk')).message).toBe(
      "Zendesk refused the login (zE('messenger', 'loginUser') called back with an error): LoginFailedError: invalid_kid",
    );
  });
  it.each(['kustomer', 'zendesk', 'intercom'] as const)('%s: no widget at all names what was looked for', (vendor) => {
    expect(problemOutcome({ ok: false, problem: 'no-sdk', waitedMs: 3000 }, seconds, env(vendor)).message).toMatch(/^No (Kustomer chat SDK|Zendesk Messaging widget|Intercom Messenger) on this page .*none appeared in 3\.0 s/);
  });
  it('a call the widget lacks is said plainly', () => {
    expect(problemOutcome({ ok: false, problem: 'unsupported' }, seconds, env('intercom')).message).toContain('has no call for this');
  });
});

describe('token rules per vendor', () => {
  const sign = (header: object, payload: object) => `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.c2ln`;
  const ids = (token: string, vendor: typeof kustomer, environment = {}) => inspectToken(token, vendor.rules, { environment }).findings.map((f) => f.id);
  it('Zendesk: kid missing or not the environment\'s, no scope, snake_case near-misses, a past exp', () => {
    expect(ids(sign({ alg: 'HS256' }, { external_id: 'a' }), zendesk)).toEqual(expect.arrayContaining(['kid-missing', 'scope-not-user']));
    expect(ids(sign({ alg: 'HS256', kid: 'app_x' }, { scope: 'user', external_id: 'a' }), zendesk, { keyId: 'app_y' })).toEqual(['kid-mismatch']);
    expect(ids(sign({ alg: 'HS256', kid: 'k' }, { scope: 'user', externalId: 'a' }), zendesk)).toEqual(expect.arrayContaining(['near-miss-claim', 'no-identity']));
    expect(ids(sign({ alg: 'HS256', kid: 'k' }, { scope: 'user', external_id: 'a', exp: 1 }), zendesk)).toEqual(['exp-past']);
    expect(ids(sign({ alg: 'HS256', kid: 'k' }, { scope: 'user', external_id: 'x'.repeat(256) }), zendesk)).toEqual(['external-id-too-long']);
  });
  it('Intercom: user_id required and a string, userId is a near-miss, exp honoured', () => {
    expect(ids(sign({ alg: 'HS256' }, { email: 'a@b.test' }), intercom)).toEqual(['no-identity']);
    expect(ids(sign({ alg: 'HS256' }, { user_id: 5 }), intercom)).toEqual(['user-id-not-string']);
    expect(ids(sign({ alg: 'HS256' }, { userId: 'u' }), intercom)).toEqual(expect.arrayContaining(['near-miss-claim', 'no-identity']));
    expect(ids(sign({ alg: 'none' }, { user_id: 'u', exp: 1 }), intercom)).toEqual(['alg-none', 'exp-past']);
  });
  it('guesses the vendor from the claims', () => {
    expect(guessVendor(sign({ alg: 'HS256', kid: 'k' }, { scope: 'user', external_id: 'a' }))).toBe('zendesk');
    expect(guessVendor(sign({ alg: 'HS256' }, { user_id: 'u' }))).toBe('intercom');
    expect(guessVendor(sign({ alg: 'HS256' }, { externalId: 'c' }))).toBe('kustomer');
    expect(guessVendor('not a token')).toBeUndefined();
  });
});

describe('popup logic', () => {
  const context = { matches: [{ environment: env('kustomer'), pattern: 'p' }, { environment: env('zendesk'), pattern: 'p' }], settings: { sdkTimeoutSeconds: 4, kustomerApiUrl: '' }, unreadable: 0, environments: [] };
  it('picks the chosen environment among those covering the page, else the first', () => {
    expect(chosenEnvironment(context, 'zendesk')?.vendor).toBe('zendesk');
    expect(chosenEnvironment(context, 'gone')?.vendor).toBe('kustomer');
    expect(chosenEnvironment(undefined, 'x')).toBeUndefined();
  });
  it('blocks a login without a tab or a secret, with what to do', () => {
    expect(loginBlocked({ ...context, target: { tabId: 1, url: undefined } }, env('zendesk', { secret: '' }))?.message).toBe('Environment "zendesk staging" has no secret. Add the org\'s chat signing secret in Options.');
    expect(loginBlocked(context, env('zendesk'))?.message).toContain('No tab to act on');
    expect(loginBlocked({ ...context, target: { tabId: 1, url: undefined } }, env('zendesk'))).toBeUndefined();
  });
  it('finds the saved identity the fields are, name included', () => {
    const saved = [{ id: 'a', label: 'A', externalId: 'u', email: '', name: 'Ada', note: '', createdAt: 0 }];
    expect(savedIdentityFor(saved, { externalId: 'u ', email: '', name: 'Ada' })?.id).toBe('a');
    expect(savedIdentityFor(saved, { externalId: 'u', email: '' })).toBeUndefined();
  });
  it('builds the options query and warns about another org', () => {
    expect(optionsQuery({ kind: 'open-options', site: 'http://x', environmentId: 'e' })).toBe('?site=http%3A%2F%2Fx&edit=e');
    expect(optionsQuery({ kind: 'open-options' })).toBe('');
    expect(orgWarning('acme', env('kustomer', { orgName: 'other' }), [])).toContain('belongs to org acme');
    expect(orgWarning('acme', env('kustomer', { orgName: 'acme' }), [])).toBeUndefined();
  });
});

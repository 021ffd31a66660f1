import { describe, expect, it } from 'vitest';
import { decideLogin, switchFailed } from '../../src/actions/login-outcome';
import type { Environment } from '../../src/model/schema';
import type { PageResult } from '../../src/model/protocol';
import { inspectToken } from '../../src/jwt/token-findings';
import { problemOutcome } from '../../src/actions/vendor-outcome';
import { guessVendor } from '../../src/jwt/vendor-guess';
import type { WireExchange, WireReport } from '../../src/model/wire';
import { chosenEnvironment, loginBlocked, optionsQuery, accountWarning, savedIdentityFor } from '../../src/popup/popup-logic';
import { provideVendors } from '../../src/vendors/registry';
import intercom from '../../src/vendors/intercom/index';
import kustomer from '../../src/vendors/kustomer/index';
import zendesk from '../../src/vendors/zendesk/index';

provideVendors([kustomer, zendesk, intercom]);

const env = (vendor: Environment['vendor'], extra: Partial<Environment> = {}): Environment => ({ id: vendor, name: `${vendor} staging`, vendor, sites: ['http://localhost/*'], secret: 's', ...extra });
const answer = (extra: Record<string, unknown> = {}) =>
  ({ ok: true as const, command: 'login' as const, loggedIn: true, said: 'callback' as const, response: {}, loggedOutPrevious: false, ready: 'widget' as const, ...extra }) as Extract<PageResult, { ok: true; command: 'login' }>;
const claimsOf = (vendor: typeof kustomer, externalId: string) => {
  const claims = vendor.buildClaims({ externalId, email: '' });
  if (!claims.ok) throw new Error('no claims');
  return claims;
};

describe('decideLogin: only what the vendor said, strongest evidence first', () => {
  const seconds = { sdkTimeoutSeconds: 4, kustomerApiUrl: '' };
  const exchange = (status?: number, extra: Partial<WireExchange> = {}): WireExchange => ({ method: 'POST', host: 'api.example.test', path: '/login', carried: 'body' as const, at: 1, status, ms: 12, source: 'vendor', ...extra });
  const wire = (exchanges: WireExchange[] = [], extra: Partial<WireReport> = {}): WireReport => ({ exchanges, elsewhere: [], watched: true, hiddenHosts: [], ...extra });
  const decide = (vendor: typeof kustomer, page: Parameters<typeof decideLogin>[0]['page'], w = wire(), previous?: { externalId: string }) =>
    decideLogin({
      vendor,
      claims: claimsOf(vendor, 'user-1'),
      page,
      wire: w,
      previous,
      token: 't',
      environmentName: 'Staging',
      environmentId: 'env-1',
      timeoutSeconds: 4,
      problem: (r) => problemOutcome(r, seconds, env(vendor.id)),
    });

  it('Kustomer: the server accepted and isLoggedIn confirms: the strongest claim', () => {
    const { outcome, remember } = decide(kustomer, answer({ said: 'check', response: { customerId: 'cus_1' }, ready: 'iframe', conversations: { ok: true, items: [] } }), wire([exchange(200)]));
    expect(outcome).toMatchObject({ tone: 'success', token: 't' });
    expect(outcome.message).toBe("Logged in as External ID user-1 (customer cus_1): Kustomer's server accepted the token (HTTP 200 from api.example.test) and Kustomer.isLoggedIn confirms it.");
    expect(outcome.session?.requests).toHaveLength(1);
    expect(remember).toBe(true);
  });
  it.each([kustomer, zendesk, intercom])('%s: a refusal is never a login, and names the status and the likely causes', (vendor) => {
    const page = vendor.id === 'kustomer' ? ({ ok: false, problem: 'sdk-error', call: 'login', message: 'Invalid token signature' } as const) : answer({ said: vendor.id === 'zendesk' ? 'callback' : 'none', loggedIn: vendor.id === 'zendesk' });
    const { outcome, remember } = decide(vendor, page, wire([exchange(401)]));
    expect(outcome.tone).toBe('error');
    expect(outcome.message).toMatch(new RegExp(`^${vendor.name} refused the token \\(HTTP 401 from api\\.example\\.test\\)(: Invalid token signature)?\\. Most often the (secret|Key ID)`));
    expect(outcome.notes.join(' ')).toContain('Other likely causes');
    expect(outcome.message).not.toContain('Logged in');
    expect(outcome.session?.loggedIn).toBe(false);
    expect(remember).toBe(false);
  });
  it('Kustomer: a 2xx answer whose login call failed (errors in the answer) is no login, and never "accepted"', () => {
    const page = { ok: false, problem: 'sdk-error', call: 'login', message: 'its answer carries errors, a refusal whatever its HTTP status: Unauthorized.' } as const;
    const { outcome, remember } = decide(kustomer, page, wire([exchange(200)]));
    expect(outcome.tone).toBe('error');
    expect(outcome.message).toBe("Kustomer did not log External ID user-1 in: Kustomer.login answered with an error: its answer carries errors, a refusal whatever its HTTP status: Unauthorized (the request that carried the token got HTTP 200 from api.example.test).");
    expect(outcome.message).not.toContain('accepted');
    expect(remember).toBe(false);
  });
  it('a refusal Options cannot fix (409) offers no Open options; a 401 does', () => {
    expect(decide(zendesk, answer({ said: 'callback', loggedIn: false }), wire([exchange(409)])).outcome.action).toBeUndefined();
    expect(decide(zendesk, answer({ said: 'callback', loggedIn: false }), wire([exchange(401)])).outcome.action).toMatchObject({ kind: 'open-options' });
  });
  it('another host\'s answer is listed, never the verdict; a service worker\'s answer is named', () => {
    const other = exchange(200, { host: 'site.example', path: '/collect', source: undefined });
    const leak = decide(intercom, answer({ said: 'none', loggedIn: false }), wire([exchange(401)], { elsewhere: [other] })).outcome;
    expect(leak.message).toMatch(/^Intercom refused the token/);
    expect(leak.notes).toContain("The token was also sent to site.example/collect: not Intercom's server.");
    const worker = decide(intercom, answer({ said: 'none', loggedIn: false }), wire([exchange(200, { serviceWorker: true })])).outcome;
    expect(worker.message).toContain('a service worker of the page answered the request that carried the token');
    expect(worker.message).not.toContain('Logged in');
  });
  it('Kustomer: the widget\'s own error message is paired with the status', () => {
    expect(decide(kustomer, { ok: false, problem: 'sdk-error', call: 'login', message: 'Invalid token signature' }, wire([exchange(401)])).outcome.message).toContain('(HTTP 401 from api.example.test): Invalid token signature.');
  });
  it('Zendesk: the server accepted, the widget called back', () => {
    const { outcome } = decide(zendesk, answer({ said: 'callback' }), wire([exchange(200)]), { externalId: 'user-0' });
    expect(outcome.message).toBe("Logged in as External ID user-1: Zendesk Messaging's server accepted the token (HTTP 200 from api.example.test).");
    expect(outcome.notes).toContain("zE('messenger', 'loginUser') called back without an error.");
  });
  it('Zendesk: a build without loginCallback settles on the server answer alone', () => {
    const { outcome } = decide(zendesk, undefined, wire([exchange(200)]));
    expect(outcome.tone).toBe('success');
    expect(outcome.notes.join(' ')).toContain('did not call back');
  });
  it('Zendesk: only the callback answered: says exactly that, and claims no login', () => {
    const { outcome } = decide(zendesk, answer({ said: 'callback' }), wire());
    expect(outcome.tone).toBe('warning');
    expect(outcome.message).toBe(
      "zE('messenger', 'loginUser') called back without an error for External ID user-1, but no answer from Zendesk Messaging's server was seen (no request carrying the token was seen): the callback is all the evidence, not a confirmed login.",
    );
    expect(outcome.session?.loggedIn).toBe(false);
  });
  it('Intercom: a boot with no server answer is no login (Intercom.booted is not evidence)', () => {
    const { outcome } = decide(intercom, answer({ said: 'none', loggedIn: false }), wire());
    expect(outcome.tone).toBe('warning');
    expect(outcome.message).toContain('Nothing says whether Intercom accepted it');
    expect(outcome.message).not.toContain('Logged in');
  });
  it('Intercom: without access to its API hosts, says why and offers to grant it', () => {
    const { outcome } = decide(intercom, answer({ said: 'none', loggedIn: false }), wire([], { hiddenHosts: ['https://*.intercom.io/*'] }));
    expect(outcome.message).toContain("no access to Intercom's API hosts (https://*.intercom.io/*)");
    expect(outcome.action).toEqual({ kind: 'grant-access', origins: ['https://*.intercom.io/*'] });
  });
  it('Kustomer: isLoggedIn alone is evidence, and says the server was not seen', () => {
    const { outcome } = decide(kustomer, answer({ said: 'check', response: { customerId: 'cus_1' } }), wire());
    expect(outcome.message).toBe("Logged in as External ID user-1 (customer cus_1): Kustomer.isLoggedIn confirms it. No answer from Kustomer's server was seen (no request carrying the token was seen).");
  });
  it('Kustomer: a login that isLoggedIn does not confirm is a warning, even when the server accepted', () => {
    expect(decide(kustomer, answer({ said: 'check', loggedIn: false }), wire([exchange(200)])).outcome.tone).toBe('warning');
    expect(decide(kustomer, answer({ said: 'check', loggedIn: false })).outcome.tone).toBe('warning');
  });
  it('a server failure (5xx) or a failed request is no verdict and no login', () => {
    expect(decide(intercom, answer({ said: 'none', loggedIn: false }), wire([exchange(503)])).outcome).toMatchObject({ tone: 'error' });
    expect(decide(intercom, answer({ said: 'none', loggedIn: false }), wire([exchange(undefined, { failed: 'net::ERR_FAILED' })])).outcome.message).toContain('net::ERR_FAILED');
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
  const ids = (token: string, vendor: typeof kustomer, environment = {}) => inspectToken(token, vendor.signing.rules, { environment }).findings.map((f) => f.id);
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
    const all = [kustomer, zendesk, intercom];
    expect(guessVendor(sign({ alg: 'HS256', kid: 'k' }, { scope: 'user', external_id: 'a' }), all)).toBe('zendesk');
    expect(guessVendor(sign({ alg: 'HS256' }, { user_id: 'u' }), all)).toBe('intercom');
    expect(guessVendor(sign({ alg: 'HS256' }, { externalId: 'c' }), all)).toBe('kustomer');
    expect(guessVendor('not a token', all)).toBeUndefined();
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
    // The cause the widget's error code names leads; without one, the usual order.
    expect(zendesk.refusalCauses(401, 'Z')[0]).toMatch(/^the Key ID/);
    expect(zendesk.refusalCauses(401, 'Z', 'LoginFailedError: invalid_signature: The signature does not match')[0]).toMatch(/^the secret of environment "Z"/);
    expect(zendesk.refusalCauses(401, 'Z', 'invalid_signature')).toHaveLength(4);
    // A site to add: the account the page's chat names goes along, in its vendor's word, with that vendor.
    expect(optionsQuery({ kind: 'open-options', site: 'http://x' }, { account: 'acme-qa', vendor: kustomer })).toBe('?site=http%3A%2F%2Fx&vendor=kustomer&org=acme-qa');
    expect(optionsQuery({ kind: 'open-options', environmentId: 'e' }, { account: 'acme-qa', vendor: kustomer })).toBe('?edit=e');
    expect(optionsQuery({ kind: 'open-options', site: 'http://x' }, { vendor: zendesk })).toBe('?site=http%3A%2F%2Fx');
    expect(accountWarning('acme', env('kustomer', { settings: { orgName: 'other' } }), [])).toContain('belongs to org acme');
    expect(accountWarning('acme', env('kustomer', { settings: { orgName: 'acme' } }), [])).toBeUndefined();
  });
});

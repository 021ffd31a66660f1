/**
 * session/login: the one login both shells run (secret → credential → page → outcome →
 * remember), against a stand-in page (the ChatPage port) whose wire the test drives: what
 * reaches the page, what stops a login before it, what is remembered, and a switch.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ChatPage } from '../../src/model/chat-page';
import type { PageRequest, PageResult } from '../../src/model/protocol';
import { DEFAULT_SETTINGS, type Environment } from '../../src/model/schema';
import type { ChatVendor, IdentityFields } from '../../src/model/vendor';
import { createTrafficLog } from '../../src/model/traffic-log';
import { createWireLog, type WireLog } from '../../src/model/wire-log';
import { signHmac } from '../../src/jwt/credential';
import { type LoginMemory, type LoginPorts, logIn, type RememberedLogin } from '../../src/session/login';
import kustomer from '../../src/vendors/kustomer/index';
import zendesk from '../../src/vendors/zendesk/index';

const SECRET = 'login-test-secret';
const settings = { ...DEFAULT_SETTINGS, sdkTimeoutSeconds: 2 };
const environmentOf = (vendor: ChatVendor, extra: Partial<Environment> = {}): Environment => ({ id: 'env-1', name: 'Staging', vendor: vendor.id, sites: [], secret: SECRET, ...extra });
const fields = (externalId: string, email = ''): IdentityFields => ({ externalId, email });

/** A page that answers each command with `answer`, and whose login request reaches `apiUrl` with `status`. */
function standIn(answer: (request: PageRequest) => PageResult, wire?: { apiUrl: string; status: number; carry: (request: Extract<PageRequest, { command: 'login' }>) => string }) {
  const sent: PageRequest[] = [];
  let log: WireLog | undefined;
  const page: ChatPage = {
    url: 'https://shop.example.test/help',
    async run(_driver, request) {
      sent.push(request);
      if (request.command === 'login' && wire && log) {
        log.note({ requestId: `r${sent.length}`, url: `${wire.apiUrl}?t=${wire.carry(request)}`, method: 'POST', timeStamp: Date.now() }, 'url');
        log.finish(`r${sent.length}`, { statusCode: wire.status, timeStamp: Date.now() });
      }
      return answer(request);
    },
    watchWire(credential, origins) {
      log = createWireLog(credential, { watched: true, origins, hiddenHosts: async () => [] });
      return log.watch;
    },
    watchTraffic: () => ({ quiet: createTrafficLog().quiet, stop() {} }),
    readAccount: async () => undefined,
    readStorageNames: async () => undefined,
    reload: async () => true,
  };
  return { page, sent };
}

function memory(start?: RememberedLogin): LoginMemory & { held: () => RememberedLogin | undefined } {
  let held = start;
  return {
    held: () => held,
    last: async () => held,
    async remember(login) {
      held = login;
    },
    async forget() {
      held = undefined;
    },
  };
}

const ports = (mem: LoginMemory, secret: LoginPorts['secret'] = async (e) => e.secret): LoginPorts => ({ secret, memory: mem });
const loggedIn = (said: 'callback' | 'none' = 'callback'): PageResult => ({ ok: true, command: 'login', loggedIn: said === 'callback', said, response: {}, loggedOutPrevious: false, ready: 'widget' });

describe('session/login: one login for the extension and the Node package', () => {
  it('signs the vendor\'s credential, sends it with the identity and the settings (never the secret), and remembers who is logged in', async () => {
    const { page, sent } = standIn(() => loggedIn(), { apiUrl: 'https://acme.api.kustomerapp.com/c/v1/login', status: 200, carry: (r) => r.credential.value });
    const mem = memory();
    const done = await logIn({ page, vendor: kustomer, environment: environmentOf(kustomer, { settings: { orgName: 'acme' } }), fields: fields('cust-1'), settings, confirm: false }, ports(mem));
    expect(done.outcome).toMatchObject({ tone: 'success', message: expect.stringMatching(/^Logged in as External ID cust-1: Kustomer's server accepted the token \(HTTP 200 from acme\.api\.kustomerapp\.com\)\.$/) });
    const [request] = sent;
    expect(request).toMatchObject({ command: 'login', credential: { kind: 'jwt', value: done.credential?.value }, identity: { externalId: 'cust-1' }, lookup: { externalId: 'cust-1' }, settings: { orgName: 'acme' }, confirm: false });
    expect(JSON.stringify(sent)).not.toContain(SECRET);
    expect(done.outcome.token).toBe(done.credential?.value);
    expect(mem.held()).toEqual({ lookup: { externalId: 'cust-1' }, fields: fields('cust-1') });
  });

  it('a refusal forgets who was logged in; nothing is decided when the page never answered', async () => {
    const refused = standIn(() => ({ ok: false, problem: 'sdk-error', call: 'login', message: 'Invalid token' }), { apiUrl: 'https://acme.api.kustomerapp.com/c/v1/login', status: 401, carry: (r) => r.credential.value });
    const mem = memory({ lookup: { externalId: 'cust-0' }, fields: fields('cust-0') });
    const done = await logIn({ page: refused.page, vendor: kustomer, environment: environmentOf(kustomer), fields: fields('cust-1'), settings }, ports(mem));
    expect(done.outcome.message).toContain('Kustomer refused the token (HTTP 401');
    expect(mem.held()).toBeUndefined();
  });

  it('stops before the page when the secret port says why there is none, or the vendor refuses the identity', async () => {
    const { page, sent } = standIn(() => loggedIn());
    const locked = { tone: 'error' as const, message: 'Secrets are locked with a passphrase: enter it to sign.', notes: [] };
    expect(await logIn({ page, vendor: kustomer, environment: environmentOf(kustomer), fields: fields('cust-1'), settings }, ports(memory(), async () => locked))).toEqual({ outcome: locked });
    const refused = await logIn({ page, vendor: kustomer, environment: environmentOf(kustomer), fields: fields(''), settings }, ports(memory()));
    expect(refused).toEqual({ outcome: { tone: 'error', message: 'Enter an External ID or an Email to log in as.', notes: [] } });
    expect(sent).toEqual([]);
  });

  it("a switch where the widget's logout takes no callback logs the previous customer out first, and says so", async () => {
    const { page, sent } = standIn((r) => (r.command === 'logout' ? { ok: true, command: 'logout', ready: 'widget' } : loggedIn('none')), {
      apiUrl: 'https://acme.zendesk.com/sc/sdk/login',
      status: 200,
      carry: (r) => r.credential.value,
    });
    const mem = memory({ lookup: { externalId: 'user-1' }, fields: fields('user-1') });
    const done = await logIn({ page, vendor: zendesk, environment: environmentOf(zendesk, { settings: { keyId: 'app_1' } }), fields: fields('user-2'), settings }, ports(mem));
    expect(sent.map((r) => r.command)).toEqual(['logout', 'login']);
    expect(sent[1]).not.toHaveProperty('previous');
    expect(done.outcome.notes[0]).toBe('Before the switch, for External ID user-1: Logged out: the chat on this page is anonymous now.');
    expect(mem.held()?.lookup).toEqual({ externalId: 'user-2' });
  });

  it('a switch whose logout fails stops there, with the claims\' warnings, in both shells alike', async () => {
    const warned: ChatVendor = { ...zendesk, buildClaims: (f) => ({ ...(zendesk.buildClaims(f) as { ok: true; claims: Record<string, unknown>; lookup: { externalId: string } }), warnings: ['A warning about the claims.'] }) };
    const { page, sent } = standIn(() => ({ ok: false, problem: 'sdk-threw', call: 'logout', message: 'widget broke' }));
    const mem = memory({ lookup: { externalId: 'user-1' }, fields: fields('user-1') });
    const done = await logIn({ page, vendor: warned, environment: environmentOf(zendesk, { settings: { keyId: 'app_1' } }), fields: fields('user-2'), settings }, ports(mem));
    expect(done.outcome).toMatchObject({ tone: 'error', message: expect.stringMatching(/^Could not log out External ID user-1 before the switch: /), token: done.credential?.value });
    expect(done.outcome.notes[0]).toBe('A warning about the claims.');
    expect(sent.map((r) => r.command)).toEqual(['logout']);
  });

  it("an HMAC vendor's credential is the signature of its field, which the wire finds where the widget sends it", async () => {
    const signing = { kind: 'hmac' as const, field: 'email', serverCode: () => '' };
    const hmacVendor: ChatVendor = {
      ...kustomer,
      apiHosts: ['https://*.acme-chat.test/*'],
      features: {},
      buildClaims: (f) => ({ ok: true, claims: { email: f.email }, lookup: { email: f.email }, warnings: [] }),
      signing,
      credential: (identity, secret) => signHmac(signing, identity, secret),
    };
    const { page, sent } = standIn(() => loggedIn(), { apiUrl: 'https://api.acme-chat.test/identify', status: 200, carry: (r) => `${String(r.identity.email)}:${r.credential.value}` });
    const done = await logIn({ page, vendor: hmacVendor, environment: environmentOf(hmacVendor), fields: fields('', 'ada@example.test'), settings }, ports(memory()));
    const signature = createHmac('sha256', SECRET).update('ada@example.test').digest('hex');
    expect(done.credential).toEqual({ kind: 'hmac', value: signature, signed: 'ada@example.test', field: 'email' });
    expect(sent[0]).toMatchObject({ credential: { kind: 'hmac', value: signature }, identity: { email: 'ada@example.test' } });
    expect(done.outcome).toMatchObject({ tone: 'success', session: { loggedIn: true, requests: [{ status: 200, host: 'api.acme-chat.test' }] } });
  });
});

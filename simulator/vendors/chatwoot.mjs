/**
 * The simulated Chatwoot server (a self-hosted one: its Base URL is a loopback server of its
 * own, which the site's page loads the SDK from) and the rules its widget API applies
 * (shared/chat-vendors.md; chatwoot/chatwoot's contacts controller):
 *
 * - `POST /api/v1/widget/config?website_token=…` (header `X-Auth-Token`, the `cw_conversation`
 *   cookie's value): the frame's contact, a new anonymous one without a known token.
 * - `PATCH /api/v1/widget/contact/set_user?website_token=…` (header `X-Auth-Token`, JSON
 *   `{identifier, email, name, identifier_hash}`), sent by the widget's frame on Chatwoot's
 *   origin. A hash is checked whenever one is given, and a missing one too while the inbox
 *   enforces identity validation (`hmac_mandatory`, on here): HMAC-SHA256 hex of the identifier
 *   with the inbox's HMAC token (node:crypto, timingSafeEqual). A wrong one is 401
 *   `{"error":"HMAC failed: Invalid Identifier Hash Provided"}`. Another identifier on a contact
 *   that has one makes a new contact, with a new widget auth token.
 *
 * The SDK (`/packs/js/sdk.js`) and the frame (`/widget?website_token=…`) are in
 * simulator/public/chatwoot/. Page faults (`/chatwoot/?fault=`): accepts-base64 (the server
 * also takes the base64 form of the right HMAC), not-enforced (hmac_mandatory off: a missing
 * hash is accepted, unverified), logout-keeps (reset() keeps the cw_conversation and cw_user_
 * cookies, and the reloaded frame resumes the identified contact), sticky-identity (after
 * reset(), the reloaded frame sets the previous user again, so its requests still name them).
 * `?own=good`: the site sets its own user (`CHATWOOT_DEMO.siteUser`) once the widget is ready,
 * with a hash from its backend (`/chatwoot/api/site-identity`).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { readBody } from '../http.mjs';

export const CHATWOOT_DEMO = {
  /** The website inbox's HMAC token (Settings → Inboxes → Configuration → Identity validation). */
  hmacToken: 'demo-chatwoot-hmac-token-3e8a1c5f7b',
  websiteToken: 'simChatwootWebToken42',
  /** The site's own logged-in user, set by the site itself on `?own=good`. */
  siteUser: { identifier: 'cw-site-user', email: 'site-user@example.test' },
};
export const CHATWOOT_FAULTS = ['accepts-base64', 'not-enforced', 'logout-keeps', 'sticky-identity'];
export const HMAC_FAILED = 'HMAC failed: Invalid Identifier Hash Provided';

export class SetUserRefused extends Error {
  constructor(message, status = 401) {
    super(message);
    this.status = status;
  }
}

const token = () => randomBytes(18).toString('base64url');

/** Whether `given` is `expected`, compared in constant time. */
function same(given, expected) {
  const a = Buffer.from(String(given));
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function createChatwootBackend({ hmacToken = CHATWOOT_DEMO.hmacToken, websiteToken = CHATWOOT_DEMO.websiteToken } = {}) {
  /** contact id -> { id, identifier?, email?, name?, hmacVerified } */
  const contacts = new Map();
  /** widget auth token (cw_conversation) -> contact id */
  const tokens = new Map();
  let next = 1;
  const newContact = () => {
    const contact = { id: next++, hmacVerified: false };
    contacts.set(contact.id, contact);
    const auth = token();
    tokens.set(auth, contact.id);
    return { contact, auth };
  };
  const shown = (contact) => ({ id: contact.id, identifier: contact.identifier ?? null, email: contact.email ?? null, name: contact.name ?? null, hmac_verified: contact.hmacVerified });
  const inbox = (given) => {
    if (given !== websiteToken) throw new SetUserRefused('web widget does not exist', 404);
  };

  return {
    websiteToken,
    /** The frame's contact: the one its auth token names, or a new anonymous one. */
    config(given, authToken) {
      inbox(given);
      const known = authToken ? tokens.get(authToken) : undefined;
      if (known !== undefined) return { auth_token: authToken, contact: shown(contacts.get(known)) };
      const { contact, auth } = newContact();
      return { auth_token: auth, contact: shown(contact) };
    },
    /** The identity request: checked as the contacts controller's validate_hmac does, then applied. */
    setUser(given, authToken, body, { fault } = {}) {
      inbox(given);
      const contactId = authToken ? tokens.get(authToken) : undefined;
      if (contactId === undefined) throw new SetUserRefused('Invalid auth token', 401);
      const identifier = body.identifier;
      if (typeof identifier !== 'string' && typeof identifier !== 'number') throw new SetUserRefused('identifier is required', 422);
      const hash = typeof body.identifier_hash === 'string' ? body.identifier_hash : '';
      const mandatory = fault !== 'not-enforced';
      const mac = () => createHmac('sha256', hmacToken).update(String(identifier));
      const valid = hash !== '' && (same(hash, mac().digest('hex')) || (fault === 'accepts-base64' && same(hash, mac().digest('base64'))));
      if ((hash !== '' || mandatory) && !valid) throw new SetUserRefused(HMAC_FAILED, 401);
      let contact = contacts.get(contactId);
      let widgetAuthToken;
      // Another identifier on a contact that has one: a new contact, with its own auth token.
      if (contact.identifier !== undefined && contact.identifier !== String(identifier)) {
        const made = newContact();
        contact = made.contact;
        widgetAuthToken = made.auth;
      }
      contact.identifier = String(identifier);
      if (typeof body.email === 'string' && body.email !== '') contact.email = body.email;
      if (typeof body.name === 'string' && body.name !== '') contact.name = body.name;
      contact.hmacVerified = valid;
      return { ...shown(contact), ...(widgetAuthToken ? { widget_auth_token: widgetAuthToken } : {}) };
    },
    /** The contact an auth token names (tests and the page's display). */
    contactOf(authToken) {
      const id = tokens.get(authToken);
      return id === undefined ? null : shown(contacts.get(id));
    },
  };
}

const PUBLIC = fileURLToPath(new URL('../public/chatwoot/', import.meta.url));
const inlineJson = (value) => JSON.stringify(value).replaceAll('<', '\\u003c');

/**
 * The Chatwoot server on an origin of its own (another port of 127.0.0.1, standing for a
 * self-hosted Base URL): the SDK, the widget's frame and its API. Every request is noted in
 * `requests` (tests check that no secret reaches it), every set_user in `identities`.
 */
async function startChatwootServer(backend, requests, identities) {
  const server = createServer((req, res) => {
    const json = (status, value) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify(value));
    };
    (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = req.method === 'POST' || req.method === 'PATCH' ? await readBody(req, 100_000) : '';
      requests.push({ at: new Date().toISOString(), method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body });
      const websiteToken = url.searchParams.get('website_token') ?? '';
      const fault = url.searchParams.get('sim_fault') ?? undefined;
      const authToken = String(req.headers['x-auth-token'] ?? '');
      if (url.pathname === '/packs/js/sdk.js' || url.pathname === '/packs/js/widget.js') {
        const file = url.pathname.endsWith('sdk.js') ? 'sdk.js' : 'widget.js';
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
        return res.end(await readFile(`${PUBLIC}${file}`, 'utf8'));
      }
      if (url.pathname === '/widget') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        return res.end(
          `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Chatwoot widget</title></head><body><p id="widget-contact">Chat with us</p><script type="application/json" id="widget-params">${inlineJson({ websiteToken, fault: fault ?? '' })}</script><script src="/packs/js/widget.js"></script></body></html>`,
        );
      }
      try {
        if (url.pathname === '/api/v1/widget/config' && req.method === 'POST') return json(200, backend.config(websiteToken, authToken));
        if (url.pathname === '/api/v1/widget/contact/set_user' && req.method === 'PATCH') {
          let input;
          try {
            input = JSON.parse(body || '{}');
          } catch {
            return json(400, { error: 'Body is not JSON.' });
          }
          const note = { at: Date.now(), identifier: input.identifier, email: input.email, hash: input.identifier_hash, authToken, status: 0 };
          identities.push(note);
          try {
            const contact = backend.setUser(websiteToken, authToken, input, { fault });
            note.status = 200;
            return json(200, contact);
          } catch (error) {
            if (!(error instanceof SetUserRefused)) throw error;
            note.status = error.status;
            return json(error.status, { error: error.message });
          }
        }
      } catch (error) {
        if (error instanceof SetUserRefused) return json(error.status, { error: error.message });
        throw error;
      }
      return json(404, { error: 'Not found' });
    })().catch((error) => json(500, { error: String(error?.message ?? error) }));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve(undefined));
      }),
  };
}

/**
 * The Chatwoot page of the simulator: `/chatwoot/` (the site, with Chatwoot's snippet), and
 * the Chatwoot server it names as its Base URL, started beside it.
 */
export function chatwootSite(options = {}) {
  const hmacToken = options.hmacToken ?? CHATWOOT_DEMO.hmacToken;
  const websiteToken = options.websiteToken ?? CHATWOOT_DEMO.websiteToken;
  const backend = createChatwootBackend({ hmacToken, websiteToken });
  /** @type {{ url: string, close(): Promise<unknown> } | undefined} */
  let server;
  /** Every request the Chatwoot server received, oldest first. */
  const requests = [];
  /** Every set_user it answered, oldest first. */
  const identities = [];
  return {
    prefix: '/chatwoot/',
    apiOrigins: () => [server?.url],
    banner: (siteUrl) => [`Chatwoot page on ${siteUrl}/chatwoot/  (Base URL ${server?.url}, website token ${websiteToken}, HMAC token ${hmacToken})`],
    backend,
    secret: hmacToken,
    hmacToken,
    websiteToken,
    requests,
    identities,
    /** The Chatwoot server's URL (the Base URL), once started. */
    get baseUrl() {
      return server?.url ?? '';
    },
    async start() {
      server = await startChatwootServer(backend, requests, identities);
    },
    async close() {
      await server?.close();
    },
    render(html, params) {
      const fault = params.get('fault');
      const known = fault && CHATWOOT_FAULTS.includes(fault) ? fault : undefined;
      // Chatwoot's own snippet: the SDK from the Base URL, then chatwootSDK.run on its load.
      const snippet = `<script>
      (function (d, t) {
        var BASE_URL = ${inlineJson(server?.url ?? '')};
        var g = d.createElement(t), s = d.getElementsByTagName(t)[0];
        g.src = BASE_URL + '/packs/js/sdk.js';
        g.defer = true;
        g.async = true;
        s.parentNode.insertBefore(g, s);
        g.onload = function () {
          window.chatwootSDK.run({ websiteToken: ${inlineJson(websiteToken)}, baseUrl: BASE_URL${known ? `, simFault: ${inlineJson(known)}` : ''} });
        };
      })(document, 'script');
    </script>`;
      return html
        .replaceAll('{{SNIPPET}}', snippet)
        .replaceAll('{{BASE_URL}}', server?.url ?? '')
        .replaceAll('{{WEBSITE_TOKEN}}', websiteToken)
        .replaceAll('{{FAULT}}', known ?? 'none');
    },
    /** The site's own backend: the signed identity of its logged-in user (`?own=good`). */
    async handle(url, _input, json) {
      if (url.pathname !== '/chatwoot/api/site-identity') return false;
      const { identifier, email } = CHATWOOT_DEMO.siteUser;
      return json(200, { identifier, email, identifier_hash: createHmac('sha256', hmacToken).update(identifier).digest('hex') });
    },
  };
}

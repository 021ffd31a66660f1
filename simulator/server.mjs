#!/usr/bin/env node
/**
 * Local Kustomer staging simulator: a staging page with a Kustomer-like chat widget and a
 * backend that enforces Kustomer's token rules. Loopback only.
 *
 *   node simulator/server.mjs [--port 4100]      (or SIM_PORT, SIM_SECRET, SIM_API_KEY, SIM_LATENCY_MS)
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';
import { BACKEND_FAULTS, createBackend, TokenRejected } from './backend.mjs';
import { readBody } from './http.mjs';
import { chatwootSite } from './vendors/chatwoot.mjs';
import { frontSite } from './vendors/front.mjs';
import { helpscoutSite } from './vendors/helpscout.mjs';
import { intercomSite } from './vendors/intercom.mjs';
import { sunshineSite } from './vendors/sunshine.mjs';
import { zendeskSite } from './vendors/zendesk.mjs';

/**
 * Kustomer API faults (a page's `?fault=` reaches the API with the login): errors-200 answers
 * the login HTTP 200 with a JSON:API `errors` body and logs nobody in (the status says yes, the
 * body says no: a response carrying errors is a failure, whatever its status).
 */
const API_FAULTS = ['errors-200'];

/**
 * The other vendors' staging pages, one line each (simulator/vendors/<vendor>.mjs). A site is
 * `{ prefix: '/<id>/', render, handle, owns?, file?, start?, close?, apiOrigins?, banner? }`:
 * its page under its prefix, its API on the vendors' origin (or on servers of its own it starts),
 * where its widget sends requests (`apiOrigins(vendorUrl)`, default the vendors' origin) and its
 * line in the simulator's banner (`banner(siteUrl)`). The simulator exposes it by its id.
 */
const VENDOR_SITES = [zendeskSite, intercomSite, chatwootSite, frontSite, helpscoutSite, sunshineSite];

export const DEMO = {
  orgName: 'acme-staging',
  orgId: '5f1e0c0a9b8d7c6e5f4a3b2c',
  secret: 'demo-chat-secret-7f3c9a1e5b2d4f6a8c0e',
  apiKey: 'demo-admin-api-key',
};

const PUBLIC = fileURLToPath(new URL('./public/', import.meta.url));
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };
/** logout-keeps and sticky-identity break the widget's own session keeping (chat-web/sdk.js). */
const FAULTS = new Set(['silent', 'login-error', 'never-load', 'no-start', 'conversations-error', 'logout-error', 'reload-on-login', 'logout-keeps', 'sticky-identity', ...API_FAULTS, ...BACKEND_FAULTS]);

/** The chat widget's own API key: a readable JWT naming the org, as Kustomer's are. */
async function chatKey(orgName, orgId) {
  return new SignJWT({ org: orgId, orgName, pod: 'prod1', roles: ['org.tracking'] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt()
    .sign(new TextEncoder().encode(`chat-key-signing-${orgId}`));
}

/**
 * The page's chat scripts. Page settings for trying real-site behaviour and failures reach the
 * widget through its script URL: fault, sync=broken, draw=elsewhere (no #kustomer-ui-sdk-iframe),
 * callbacks=none (login and logout answer only through onLogin / onLogout). widget=late: a
 * stand-in tag manager adds the widget and the site's chat code 2.5 s after the page loaded;
 * widget=consent: once the visitor accepts cookies on the page's banner. loader=documented: the
 * page calls Kustomer.start() with no options from its kustomerLoaded handler.
 */
function widgetScripts(pageParams, key, vendorUrl) {
  const widgetParams = new URLSearchParams();
  const fault = pageParams.get('fault');
  if (fault && FAULTS.has(fault)) widgetParams.set('fault', fault);
  if (pageParams.get('sync') === 'broken') widgetParams.set('sync', 'broken');
  if (pageParams.get('draw') === 'elsewhere') widgetParams.set('draw', 'elsewhere');
  if (pageParams.get('callbacks') === 'none') widgetParams.set('callbacks', 'none');
  // From the vendor's own origin, as Kustomer's CDN: the SDK sends its requests beside it.
  const widget = `${vendorUrl}/chat-web/widget.js${widgetParams.size > 0 ? `?${widgetParams}` : ''}`;
  const late = pageParams.get('widget');
  if (late === 'late' || late === 'consent') {
    return `<script src="/tag-manager.js" data-widget-src="${widget}" data-widget-key="${key}" data-delay-ms="2500" data-trigger="${late}" defer></script>`;
  }
  // loader=documented: the page starts the chat from its own kustomerLoaded handler, registered
  // before the loader, with Kustomer.start() and no options (the docs' first example).
  const documented =
    pageParams.get('loader') === 'documented'
      ? `<script>window.addEventListener('kustomerLoaded', function () { window.Kustomer.start(); });</script>\n    `
      : '';
  return `${documented}<script src="${widget}" data-kustomer-api-key="${key}" defer></script>\n    <script src="/app.js" defer></script>`;
}

/**
 * Scripts a real site may have besides the chat, first in the head (before the widget's):
 * analytics=forward, an analytics script that forwards every request it sees to the site's own
 * /collect; sw=offline, an "offline-first" service worker that answers the page's cross-origin
 * POSTs itself.
 */
function pageExtras(params) {
  const extras = [];
  if (params.get('analytics') === 'forward') extras.push('<script src="/analytics-forward.js"></script>');
  if (params.get('sw') === 'offline') extras.push("<script>navigator.serviceWorker.register('/sw-offline.js');</script>");
  return extras.length > 0 ? `\n    ${extras.join('\n    ')}` : '';
}

/**
 * Starts the simulator. Returns its URL, the log of every request it received (tests check
 * that no secret ever reaches the site), and `close`.
 */
export async function startSimulator(options = {}) {
  const port = options.port ?? 0;
  const host = '127.0.0.1';
  const secret = options.secret ?? DEMO.secret;
  const apiKey = options.apiKey ?? DEMO.apiKey;
  const orgName = options.orgName ?? DEMO.orgName;
  const latencyMs = options.latencyMs ?? 0;
  const backend = createBackend({ secret, seed: options.seed ?? true });
  const key = await chatKey(orgName, DEMO.orgId);
  const vendorSites = VENDOR_SITES.map((site) => site(options.vendors?.[site.name] ?? {}));
  // Vendors whose API lives on hosts of its own (Intercom's) start them first.
  await Promise.all(vendorSites.map((site) => site.start?.()));
  const sites = Object.fromEntries(vendorSites.map((site) => [site.prefix.replaceAll('/', ''), site]));
  /** @type {{at: string, method: string, url: string, headers: Record<string, unknown>, body: string}[]} */
  const requests = [];

  /** The vendors' own origin (set once it listens): their scripts and APIs, as a CDN and an API host would be. */
  let vendorUrl = '';

  async function handle(req, res) {
    const url = new URL(req.url ?? '/', `http://${host}`);
    // The widgets call their vendor's origin from the site's pages: a cross-origin API answers CORS.
    const cors = { 'access-control-allow-origin': '*' };
    if (req.method === 'OPTIONS') {
      // Kustomer's SDK sends its tracking token, Zendesk's the Bearer token and its x-smooch-* headers.
      // Kept by the browser for 10 minutes, as API hosts let it: not one preflight per request.
      const headers = 'content-type, authorization, x-kustomer-tracking-token, x-smooch-appid, x-smooch-clientid, x-smooch-sdk';
      res.writeHead(204, { ...cors, 'access-control-allow-methods': 'GET, POST, PATCH', 'access-control-allow-headers': headers, 'access-control-max-age': '600' });
      return res.end();
    }
    const body = req.method === 'POST' ? await readBody(req) : '';
    requests.push({ at: new Date().toISOString(), method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body });

    const json = (status, value) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...cors });
      res.end(JSON.stringify(value));
    };

    if (url.pathname === '/__sim/requests') return json(200, requests);
    if (url.pathname === '/__sim/state') return json(200, backend.snapshot());
    if (url.pathname === '/__sim/api-origins') return json(200, apiOrigins());
    // The site's own analytics endpoint (?analytics=forward): it answers 200 to anything.
    if (url.pathname === '/collect') return json(200, { collected: true });

    if (url.pathname === '/v1/auth/customer/settings') {
      if (req.headers.authorization !== `Bearer ${apiKey}`) return json(401, { errors: [{ status: 401, title: 'Unauthorized' }] });
      return json(200, { data: { type: 'customer_settings', attributes: { secret } } });
    }

    // The site's own backend minting a token for its own Kustomer.login (?own=good|bad on the page).
    if (url.pathname === '/api/site/token') {
      const kind = url.searchParams.get('kind');
      const key = new TextEncoder().encode(secret);
      const header = { alg: 'HS256', typ: 'JWT' };
      const payload =
        kind === 'bad'
          ? { external_id: 'cust-site', iat: Date.now() } // two classic mistakes: snake_case, milliseconds
          : { externalId: 'cust-site', iat: Math.floor(Date.now() / 1000) };
      return json(200, { token: await new SignJWT(payload).setProtectedHeader(header).sign(key) });
    }

    // Kustomer's login, as its SDKs send it: the token in a JSON body ({ externalToken }) to the
    // org's API host, the device's session in the x-kustomer-tracking-token header.
    if (url.pathname === '/c/v1/identity' && req.method === 'POST') {
      if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
      let input;
      try {
        input = JSON.parse(body || '{}');
      } catch {
        return json(400, { errors: [{ status: '400', code: 'request.invalid', title: 'Body is not JSON.' }] });
      }
      const deviceId = String(req.headers['x-kustomer-tracking-token'] ?? '');
      if (!deviceId) return json(400, { errors: [{ status: '400', code: 'request.invalid', title: 'x-kustomer-tracking-token is required.' }] });
      const fault = url.searchParams.get('fault');
      if (fault === 'errors-200') {
        return json(200, { errors: [{ status: '401', code: 'auth.identity.unverified', title: 'Unauthorized', detail: 'The identity could not be verified, though this answer says HTTP 200.' }] });
      }
      try {
        return json(200, await backend.login(deviceId, input.externalToken, { fault: BACKEND_FAULTS.includes(fault) ? fault : undefined }));
      } catch (error) {
        if (error instanceof TokenRejected) return json(401, { errors: [{ status: '401', code: 'auth.token.invalid', title: 'Unauthorized', detail: error.message }] });
        throw error;
      }
    }

    if (url.pathname.startsWith('/api/chat/')) {
      if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
      let input = {};
      try {
        input = body ? JSON.parse(body) : {};
      } catch {
        return json(400, { error: 'Body is not JSON.' });
      }
      const deviceId = String(input.deviceId ?? url.searchParams.get('deviceId') ?? '');
      const rawFault = input.fault ?? url.searchParams.get('fault');
      const fault = BACKEND_FAULTS.includes(rawFault) ? rawFault : undefined;
      if (!deviceId) return json(400, { error: 'deviceId is required.' });
      try {
        switch (url.pathname) {
          case '/api/chat/logout':
            backend.logout(deviceId);
            return json(200, { identified: false });
          case '/api/chat/session':
            return json(200, backend.session(deviceId));
          case '/api/chat/conversations':
            if (req.method === 'POST') return json(200, backend.createConversation(deviceId, input.message));
            return json(200, backend.conversations(deviceId, { perDevice: url.searchParams.get('sync') === 'broken', fault }));
          case '/api/chat/describe':
            return json(200, backend.describeCustomer(deviceId, input.attributes ?? {}));
          default:
            return json(404, { error: 'No such endpoint.' });
        }
      } catch (error) {
        if (error instanceof TokenRejected) return json(401, { errors: [{ status: '401', code: 'auth.token.invalid', title: 'Unauthorized', detail: error.message }] });
        throw error;
      }
    }

    const vendorSite = vendorSites.find((site) => url.pathname.startsWith(site.prefix) || site.owns?.(url.pathname));
    if (vendorSite && (url.pathname.startsWith(`${vendorSite.prefix}api/`) || vendorSite.owns?.(url.pathname))) {
      let input = {};
      try {
        input = body ? JSON.parse(body) : {};
      } catch {
        return json(400, { error: 'Body is not JSON.' });
      }
      if ((await vendorSite.handle(url, input, json, req.headers)) === false) return json(404, { error: 'No such endpoint.' });
      return;
    }

    // Static pages and the widget.
    let path = url.pathname === '/' ? '/index.html' : (vendorSite?.file?.(url.pathname) ?? url.pathname);
    if (vendorSite && path === vendorSite.prefix) path = `${vendorSite.prefix}index.html`;
    path = normalize(path).replace(/^(\.\.[/\\])+/, '');
    const file = join(PUBLIC, path);
    if (!file.startsWith(PUBLIC)) return json(404, { error: 'Not found.' });
    let content;
    try {
      content = await readFile(file, 'utf8');
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('Not found');
    }
    if (path === '/index.html') {
      content = content
        .replaceAll('{{WIDGET_SCRIPTS}}', widgetScripts(url.searchParams, key, vendorUrl))
        .replaceAll(
          '{{START_MODE}}',
          url.searchParams.get('start') === 'click'
            ? 'the "Chat with us" button'
            : url.searchParams.get('loader') === 'documented'
              ? "the page's kustomerLoaded handler: Kustomer.start()"
              : 'the page, on load',
        )
        .replaceAll('{{ORG_NAME}}', orgName);
    }
    if (vendorSite && path === `${vendorSite.prefix}index.html`) content = vendorSite.render(content, url.searchParams, vendorUrl);
    if (extname(file) === '.html') content = content.replace('<head>', `<head>${pageExtras(url.searchParams)}`);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(content);
  }

  const listener = (req, res) => {
    handle(req, res).catch((error) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: String(error?.message ?? error) }));
    });
  };
  const listen = async (server, atPort) => {
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(atPort, host, resolve);
    });
    const address = server.address();
    return typeof address === 'object' && address ? address.port : atPort;
  };
  // The site, and Kustomer's and Zendesk's own origin (another port of 127.0.0.1, standing for
  // cdn.kustomerapp.com / ORG.api.kustomerapp.com and static.zdassets.com / SUBDOMAIN.zendesk.com):
  // a widget's requests never go to the site's own origin, so the site's own endpoints (an
  // analytics /collect) are never the vendor's.
  const server = createServer(listener);
  const vendorServer = createServer(listener);
  const actualPort = await listen(server, port);
  vendorUrl = `http://${host}:${await listen(vendorServer, options.vendorPort ?? 0)}`;
  /** Where each vendor's widget sends its requests: what an environment lists as its API origin. */
  function apiOrigins() {
    return { kustomer: [vendorUrl], ...Object.fromEntries(Object.entries(sites).map(([id, site]) => [id, site.apiOrigins?.(vendorUrl) ?? [vendorUrl]])) };
  }
  const closeServer = (s) =>
    new Promise((resolve) => {
      s.closeAllConnections?.();
      s.close(() => resolve(undefined));
    });
  return {
    url: `http://${host}:${actualPort}`,
    port: actualPort,
    /** The vendors' own origin (Kustomer's and Zendesk's scripts and APIs). */
    vendorUrl,
    /** Each vendor's API origins, as an environment's "API origin" lists them. */
    get apiOrigins() {
      return apiOrigins();
    },
    secret,
    apiKey,
    orgName,
    requests,
    backend,
    /** The other vendors' pages, by id: their backends, secrets and account ids. */
    ...sites,
    /** Each other vendor's lines for the banner: where its page is, its account and secret. */
    banners: () => vendorSites.flatMap((site) => site.banner?.(`http://${host}:${actualPort}`) ?? []),
    close: async () => {
      await Promise.all(vendorSites.map((site) => site.close?.()));
      await Promise.all([closeServer(server), closeServer(vendorServer)]);
    },
  };
}

function argValue(name) {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const port = Number(argValue('--port') ?? process.env.SIM_PORT ?? 4100);
  const sim = await startSimulator({
    port,
    vendorPort: Number(process.env.SIM_VENDOR_PORT ?? port + 3),
    secret: process.env.SIM_SECRET,
    apiKey: process.env.SIM_API_KEY,
    latencyMs: Number(process.env.SIM_LATENCY_MS ?? 0),
  });
  console.log(`Kustomer staging simulator on ${sim.url}/  (the vendors' scripts and APIs on ${sim.vendorUrl})`);
  console.log(`  org ${sim.orgName}, chat secret: ${sim.secret}`);
  console.log(`  admin API key (for GET /v1/auth/customer/settings): ${sim.apiKey}`);
  for (const line of sim.banners()) console.log(line);
  const stop = () => sim.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

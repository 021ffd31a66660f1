/**
 * The simulated Sunshine Conversations backend (api.smooch.io), for the Web Messenger (`smooch`
 * on npm): the rules it applies to a user JWT (shared/chat-vendors.md): HS256 signed with an app
 * key's secret, the header's `kid` naming that key (`app_…`), `scope: "user"` with `external_id`
 * (the legacy `scope: "appUser"` with `userId` is still taken), and `exp` honoured when present.
 *
 * Its SDK API, on a loopback server of its own (the site's origin is never the vendor's):
 * `POST /sdk/v2/apps/APP_ID/login` with `authorization: Bearer <JWT>`, a JSON body naming the
 * user (`userId`) and the client, and x-smooch-appid / x-smooch-clientid / x-smooch-sdk headers,
 * answered with the `appUser`; `POST /sdk/v2/apps/APP_ID/appusers/APP_USER_ID/logout` (the
 * widget then forgets the appUser id and session token and keeps its client id). A refusal is
 * HTTP 401 `{ error: { code: 'invalid_auth', description } }`; **an expired token's 401 carries
 * no CORS header**, as the real API's does: the page sees only a network error (and the widget's
 * onInvalidAuth never runs), while a browser extension or a test driver still sees the status.
 *
 * Page faults (`/sunshine/?fault=`): accepts-expired (the server takes an expired token),
 * logout-keeps (the widget's logout keeps its stored session and the server keeps the client
 * linked: its next request still names the customer), sticky-identity (after a switch, the
 * widget's login still names the previous customer's appUser beside the new one).
 * `/sunshine/?clock=ahead`: the API's clock is two hours ahead of the tester's (as on a machine
 * whose clock is behind): a token that expires within two hours of its signing is expired on
 * arrival, and refused with the expired token's 401 without CORS headers.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { decodeProtectedHeader, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { readBody } from '../http.mjs';

export const SUNSHINE_DEMO = {
  secret: 'demo-sunshine-app-key-secret-5c1e9a7d3b',
  keyId: 'app_demo_sunshine_01',
  appId: '5e1f3a9c2b7d4e0012cd56ef',
};
export const SUNSHINE_FAULTS = ['accepts-expired', 'logout-keeps', 'sticky-identity'];
/** How far ahead the API's clock is on `?clock=ahead`. */
export const CLOCK_AHEAD_MS = 2 * 60 * 60 * 1000;

export class AuthRefused extends Error {
  /** `cors: false`: answered without CORS headers (the real API's expired-token 401). */
  constructor(message, { status = 401, code = 'invalid_auth', cors = true } = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.cors = cors;
  }
}

export function createSunshineBackend({ secret = SUNSHINE_DEMO.secret, keyId = SUNSHINE_DEMO.keyId, now = () => Date.now() } = {}) {
  const key = new TextEncoder().encode(secret);
  /** clientId (the widget's device) -> { externalId, appUserId, previous? } */
  const clients = new Map();
  /** external_id -> its appUser id (one per user). */
  const appUsers = new Map();
  /** What the backend applied, in order (tests read it). */
  const events = [];

  /** Verifies a user JWT as Sunshine Conversations does; returns the user's external id or throws AuthRefused. */
  async function verify(token, { fault, clockAhead = false } = {}) {
    if (typeof token !== 'string' || token.split('.').length !== 3) throw new AuthRefused('Invalid JWT.');
    let header;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      throw new AuthRefused('Invalid JWT header.');
    }
    if (typeof header.kid !== 'string' || header.kid === '') throw new AuthRefused('Invalid JWT header. Missing key id (kid)');
    if (header.kid !== keyId) throw new AuthRefused(`Invalid JWT header. Unknown key id (kid) ${JSON.stringify(header.kid)}`);
    let payload;
    try {
      ({ payload } = await jwtVerify(token, key, {
        algorithms: ['HS256'],
        currentDate: new Date(now() + (clockAhead ? CLOCK_AHEAD_MS : 0)),
        // accepts-expired: a server that never looks at exp.
        ...(fault === 'accepts-expired' ? { clockTolerance: Number.MAX_SAFE_INTEGER } : {}),
      }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw new AuthRefused('Expired JWT.', { cors: false });
      if (error instanceof joseErrors.JWSSignatureVerificationFailed) throw new AuthRefused('Invalid JWT signature.');
      throw new AuthRefused(`Invalid JWT: ${error.message}`);
    }
    if (payload.scope === 'user') {
      if (typeof payload.external_id !== 'string' || payload.external_id === '') throw new AuthRefused('Invalid JWT body. Missing external_id.');
      return payload.external_id;
    }
    // The legacy claims of the first SDKs, still taken.
    if (payload.scope === 'appUser') {
      if (typeof payload.userId !== 'string' || payload.userId === '') throw new AuthRefused('Invalid JWT body. Missing userId.');
      return payload.userId;
    }
    throw new AuthRefused(`Invalid JWT body. Invalid scope ${JSON.stringify(payload.scope ?? null)}.`);
  }

  return {
    verify,
    events,
    /** The widget's login: the JWT's user, who must be the one the widget names. */
    async login(clientId, token, { userId, appUserId, fault, clockAhead } = {}) {
      const externalId = await verify(token, { fault, clockAhead });
      if (userId !== undefined && userId !== externalId) throw new AuthRefused(`The userId ${JSON.stringify(userId)} does not match the JWT's external_id.`);
      const id = appUsers.get(externalId) ?? randomUUID().replaceAll('-', '').slice(0, 24);
      appUsers.set(externalId, id);
      // sticky-identity: the widget named another user's appUser beside the new one; the server merges them on this client.
      const previous = appUserId && appUserId !== id ? [...appUsers].find(([, value]) => value === appUserId)?.[0] : undefined;
      clients.set(clientId, { externalId, appUserId: id, ...(previous ? { previous } : {}) });
      events.push({ kind: 'login', clientId, externalId, ...(previous ? { previous } : {}) });
      return { _id: id, userId: externalId, externalId, clients: [{ id: clientId, platform: 'web', active: true }] };
    },
    logout(clientId, appUserId, { fault } = {}) {
      const linked = clients.get(clientId);
      if (linked && linked.appUserId !== appUserId) throw new AuthRefused('This client is not linked to that appUser.', { status: 403, code: 'forbidden' });
      events.push({ kind: 'logout', clientId });
      // logout-keeps: answered 200, but the client stays linked to the customer.
      if (fault !== 'logout-keeps') clients.delete(clientId);
    },
    session(clientId) {
      const linked = clients.get(clientId);
      return linked ? { signedIn: true, ...linked } : { signedIn: false };
    },
  };
}

/** `/sdk/v2/apps/APP/login`, `/sdk/v2/apps/APP/appusers/ID/logout`, `/sdk/v2/apps/APP/appusers/ID`. */
const SDK_PATH = /^\/sdk\/v2\/apps\/([^/]+)\/(?:(login)|appusers\/([^/]+)(?:\/(logout))?)$/;
const CORS = { 'access-control-allow-origin': '*' };

/**
 * api.smooch.io on its own loopback port. Every SDK request is noted in `calls` (its path, the
 * appUser it names, its status), for tests to read. The `fault` rides in the query string, as
 * the page's widget passes it on.
 */
async function startApiHost(backend, appId, calls) {
  const server = createServer((req, res) => {
    const json = (status, value, cors = true) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...(cors ? CORS : {}) });
      res.end(JSON.stringify(value));
    };
    (async () => {
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          ...CORS,
          'access-control-allow-methods': 'GET, POST',
          'access-control-allow-headers': 'content-type, authorization, x-smooch-appid, x-smooch-clientid, x-smooch-sdk',
          'access-control-max-age': '600',
        });
        return res.end();
      }
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const fault = SUNSHINE_FAULTS.includes(url.searchParams.get('fault')) ? url.searchParams.get('fault') : undefined;
      const clockAhead = url.searchParams.get('clock') === 'ahead';
      // Not Sunshine's: the simulated site reads who the server has linked to a client, to show it.
      if (url.pathname === '/__sim/session') return json(200, backend.session(String(url.searchParams.get('clientId') ?? '')));
      const sdk = SDK_PATH.exec(url.pathname);
      if (!sdk) return json(404, { error: { code: 'not_found', description: 'No such endpoint.' } });
      const [, app, login, appUserId, logout] = sdk;
      let body = {};
      try {
        body = req.method === 'POST' ? JSON.parse((await readBody(req, 100_000)) || '{}') : {};
      } catch {
        return json(400, { error: { code: 'bad_request', description: 'Body is not JSON.' } });
      }
      const note = { at: Date.now(), path: url.pathname, userId: body.userId, appUserId: body.appUserId ?? appUserId, status: 0 };
      calls.push(note);
      const answer = (status, value, cors = true) => {
        note.status = status;
        return json(status, value, cors);
      };
      if (app !== appId) return answer(404, { error: { code: 'not_found', description: `No app ${app}.` } });
      const clientId = String(req.headers['x-smooch-clientid'] ?? '');
      if (!clientId) return answer(400, { error: { code: 'bad_request', description: 'x-smooch-clientid is required.' } });
      try {
        if (login && req.method === 'POST') {
          const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''));
          if (!bearer) return answer(401, { error: { code: 'invalid_auth', description: 'Invalid JWT. No Bearer token.' } });
          const appUser = await backend.login(clientId, bearer[1], { userId: body.userId, appUserId: body.appUserId, fault, clockAhead });
          return answer(200, { appUser, conversations: [], sessionToken: randomUUID().replaceAll('-', '') });
        }
        if (logout && req.method === 'POST') {
          backend.logout(clientId, appUserId, { fault });
          return answer(200, {});
        }
        if (appUserId && req.method === 'GET') {
          const session = backend.session(clientId);
          if (!session.signedIn || session.appUserId !== appUserId) return answer(401, { error: { code: 'unauthorized', description: 'No such appUser on this client.' } });
          return answer(200, { appUser: { _id: session.appUserId, userId: session.externalId, externalId: session.externalId } });
        }
        return answer(404, { error: { code: 'not_found', description: 'No such endpoint.' } });
      } catch (error) {
        if (error instanceof AuthRefused) return answer(error.status, { error: { code: error.code, description: error.message } }, error.cors);
        throw error;
      }
    })().catch((error) => json(500, { error: { code: 'server_error', description: String(error?.message ?? error) } }));
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
 * The Sunshine Conversations page of the simulator: `/sunshine/` (the site: the Web Messenger's
 * loader snippet and `Smooch.init({ appId })`), the Web Messenger stand-in under the CDN's path,
 * and the SDK API on a host of its own.
 */
export function sunshineSite(options = {}) {
  const backend = createSunshineBackend(options);
  const secret = options.secret ?? SUNSHINE_DEMO.secret;
  const keyId = options.keyId ?? SUNSHINE_DEMO.keyId;
  const appId = SUNSHINE_DEMO.appId;
  /** Every SDK request the API host received, oldest first. */
  const calls = [];
  /** @type {{ url: string, close(): Promise<unknown> } | undefined} */
  let host;
  return {
    prefix: '/sunshine/',
    apiOrigins: () => [host?.url],
    banner: (siteUrl) => [`Sunshine Conversations page on ${siteUrl}/sunshine/  (App ID ${appId}, Key ID ${keyId}, secret ${secret}; API on ${host?.url})`],
    backend,
    secret,
    keyId,
    appId,
    calls,
    get api() {
      return host?.url;
    },
    async start() {
      host = await startApiHost(backend, appId, calls);
    },
    async close() {
      await host?.close();
    },
    render(html, params) {
      const fault = SUNSHINE_FAULTS.includes(params.get('fault')) ? params.get('fault') : '';
      const clock = params.get('clock') === 'ahead' ? ' data-clock="ahead"' : '';
      // The page names the API host the way the stand-in reads it (the real one has it built in).
      const loader = `<script src="/sunshine/cdn.smooch.io/smooch.min.js" data-api-base="${host?.url ?? ''}"${fault ? ` data-fault="${fault}"` : ''}${clock} defer></script>`;
      return html.replaceAll('{{LOADER}}', loader).replaceAll('{{APP_ID}}', appId).replaceAll('{{KEY_ID}}', keyId);
    },
    /** The Web Messenger stand-in, under the path of the real one's CDN. */
    file(pathname) {
      return pathname.startsWith('/sunshine/cdn.smooch.io/') ? '/sunshine/smooch.js' : undefined;
    },
    async handle(url, _input, json) {
      if (url.pathname === '/sunshine/api/site-token') {
        const token = await new SignJWT({ scope: 'user', external_id: 'sun-site-user' })
          .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: keyId })
          .setIssuedAt()
          .sign(new TextEncoder().encode(secret));
        return json(200, { token });
      }
      return false;
    },
  };
}

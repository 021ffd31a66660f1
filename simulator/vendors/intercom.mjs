/**
 * The simulated Intercom Messenger backend: the rules Intercom applies to a Messenger user
 * JWT (shared/chat-vendors.md): HS256 signed with the Messenger API secret, `user_id` a
 * required string, `exp` honoured when present, and the app id the Messenger boots with. As
 * identity verification does, it refuses a ping whose `user_data` names another user than the
 * JWT (the Messenger merges the page's `window.intercomSettings` under a boot's arguments, so a
 * boot that does not clear the page's `user_id` sends it beside the token), and an identified
 * ping without a JWT (403, as users report for JWT workspaces).
 *
 * A second app, `hashAppId`, verifies identities the older way, by `user_hash` (identity
 * verification): HMAC-SHA256 hex of the ping's user_id, or of its email when there is none, with
 * the workspace's identity verification secret (node:crypto, timingSafeEqual). A wrong hash gets
 * 401 `hmac_mismatch` "Failed Identity Verification check" (as users report); an identified
 * ping without a hash 403. Which way an app verifies is the workspace's: a user_hash sent to the
 * JWT app, or a JWT to the user_hash app, is refused (403, its message names the app's way).
 * That last answer is this simulator's choice: Intercom documents none for it.
 *
 * Page settings (`/intercom/?…`): verification=hash (the user_hash app's page);
 * fault=never-boot (the Messenger never loads; boot stays queued); the integration check's
 * faults, which reach the API with each ping (`?fault=` on the ping's URL): accepts-expired (JWT
 * app: an expired JWT is accepted), accepts-base64 (user_hash app: the base64 form of the right
 * HMAC is accepted too), not-enforced (an identified ping with no JWT and no hash is accepted),
 * logout-keeps (shutdown leaves the session cookie and the Messenger's identity: its next ping
 * names the user), sticky-identity (after a switch the Messenger still pings as the previous
 * user too); region=eu (an EU workspace, whose page names its API host in `api_base`);
 * own=good (the site boots the Messenger for its user with a token from its backend);
 * own=settings (the site names its user in window.intercomSettings: user_id, email and its
 * JWT, and the Messenger boots from them by itself); install=npm (installed with
 * @intercom/messenger-js-sdk: no snippet, no boot call, a script with id _intercom_npm_loader).
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { readBody } from '../http.mjs';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';

export const INTERCOM_DEMO = {
  secret: 'demo-intercom-messenger-secret-9a2c5e7f',
  appId: 'sim12app',
  /** The user_hash app: its own App ID and identity verification secret. */
  hashAppId: 'sim12hash',
  hashSecret: 'demo-intercom-identity-verification-3b8d1f6a',
  /** The site's own signed-in user, on `?own=good` and `?own=settings`. */
  siteUser: { userId: 'ic-site-user', email: 'site-user@example.test' },
};
export const INTERCOM_FAULTS = ['never-boot', 'accepts-expired', 'accepts-base64', 'not-enforced', 'logout-keeps', 'sticky-identity'];
/** The faults the API applies (the others are the Messenger's, on the page). */
const API_FAULTS = ['accepts-expired', 'accepts-base64', 'not-enforced'];

/** user_hash as Intercom computes it: HMAC-SHA256 of the value, with the identity verification secret. */
export function intercomUserHash(value, secret = INTERCOM_DEMO.hashSecret, encoding = 'hex') {
  return createHmac('sha256', secret).update(value).digest(encoding);
}

export class PingRefused extends Error {
  constructor(message, { status = 401, code = 'unauthorized' } = {}) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/**
 * Knows the workspace's app, its EU twin (`APPeu`), which only the EU API host serves, and the
 * user_hash app (`hashAppId`, its own secret).
 */
export function createIntercomBackend({
  secret = INTERCOM_DEMO.secret,
  appId = INTERCOM_DEMO.appId,
  hashAppId = INTERCOM_DEMO.hashAppId,
  hashSecret = INTERCOM_DEMO.hashSecret,
  now = () => Date.now(),
} = {}) {
  const key = new TextEncoder().encode(secret);
  /** deviceId -> { visitorId, userId? } */
  const devices = new Map();

  async function verify(token, { fault } = {}) {
    let payload;
    try {
      // accepts-expired: a workspace whose server does not honour exp (ten years of tolerance).
      const tolerance = fault === 'accepts-expired' ? 10 * 365 * 24 * 3600 : 0;
      ({ payload } = await jwtVerify(token, key, { algorithms: ['HS256'], currentDate: new Date(now()), clockTolerance: tolerance }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw new PingRefused('The user JWT has expired (exp).');
      if (error instanceof joseErrors.JWSSignatureVerificationFailed) throw new PingRefused('The user JWT is not signed with the Messenger API secret.');
      throw new PingRefused(`The user JWT could not be verified: ${error.message}`);
    }
    if (typeof payload.user_id !== 'string' || payload.user_id === '') throw new PingRefused('The user JWT has no user_id (a string).');
    return payload;
  }

  /** What the JWT signs is the identity: user_data naming anyone else is refused, as identity verification does. */
  function checkUserData(payload, userData) {
    const named = (value) => value !== undefined && value !== null && value !== '';
    if (named(userData.user_id) && String(userData.user_id) !== payload.user_id) {
      throw new PingRefused(`user_data names user_id ${JSON.stringify(String(userData.user_id))}, but the identity verification JWT is for ${JSON.stringify(payload.user_id)}.`, {
        code: 'identity_verification_mismatch',
      });
    }
    if (named(userData.email) && typeof payload.email === 'string' && String(userData.email).toLowerCase() !== payload.email.toLowerCase()) {
      throw new PingRefused(`user_data names email ${JSON.stringify(String(userData.email))}, but the identity verification JWT signs ${JSON.stringify(payload.email)}.`, {
        code: 'identity_verification_mismatch',
      });
    }
  }

  /**
   * Identity verification's check: the hash of the user_id when the ping names one, else of the
   * email; hex, compared in constant time (accepts-base64: the base64 digest passes too).
   */
  function verifyHash(userData, { fault } = {}) {
    const present = (value) => value !== undefined && value !== null && value !== '';
    const signed = present(userData.user_id) ? String(userData.user_id) : present(userData.email) ? String(userData.email) : undefined;
    if (signed === undefined) throw new PingRefused('A user_hash needs the user_id or email it signs.', { status: 400, code: 'parameter_invalid' });
    const given = Buffer.from(String(userData.user_hash));
    const digests = [intercomUserHash(signed, hashSecret, 'hex'), ...(fault === 'accepts-base64' ? [intercomUserHash(signed, hashSecret, 'base64')] : [])];
    const matches = digests.some((digest) => {
      const expected = Buffer.from(digest);
      return expected.length === given.length && timingSafeEqual(expected, given);
    });
    if (!matches) throw new PingRefused('Failed Identity Verification check', { code: 'hmac_mismatch' });
  }

  const named = (userData) => userData.user_id !== undefined || userData.email !== undefined;
  const hasHash = (userData) => userData.user_hash !== undefined && userData.user_hash !== null && userData.user_hash !== '';

  return {
    verify,
    verifyHash,
    /**
     * The Messenger's ping: anonymous without an identity; the JWT's user (the JWT app) or the
     * hashed user (the user_hash app) with one; `user_data` is what the Messenger sent. `fault`:
     * the page's (accepts-expired, accepts-base64, not-enforced).
     */
    async ping(deviceId, { app_id: bootAppId, jwt, user_data: userData = {}, fault } = {}) {
      let user;
      if (bootAppId === hashAppId) {
        if (hasHash(userData)) verifyHash(userData, { fault });
        else if (named(userData) && jwt !== undefined) {
          throw new PingRefused('This workspace verifies identities with user_hash (identity verification), not JWT: send user_hash, not intercom_user_jwt.', { status: 403, code: 'identity_verification_required' });
        } else if (named(userData) && fault !== 'not-enforced') {
          throw new PingRefused('Identity verification is enforced: an identified user needs a user_hash.', { status: 403, code: 'identity_verification_required' });
        }
        user = named(userData) ? { user_id: userData.user_id, email: userData.email } : undefined;
      } else {
        if (bootAppId !== appId && bootAppId !== `${appId}eu`) throw new PingRefused(`Unknown app_id ${JSON.stringify(bootAppId ?? null)}.`);
        const payload = jwt === undefined ? undefined : await verify(jwt, { fault });
        if (payload) checkUserData(payload, userData);
        else if (named(userData) && hasHash(userData)) {
          throw new PingRefused('This workspace verifies identities with JWT (intercom_user_jwt), not user_hash.', { status: 403, code: 'identity_verification_required' });
        } else if (named(userData) && fault !== 'not-enforced') {
          throw new PingRefused('This workspace verifies identities with JWT: an identified user needs intercom_user_jwt.', { status: 403, code: 'identity_verification_required' });
        }
        user = payload ?? (named(userData) ? { user_id: userData.user_id, email: userData.email } : undefined);
      }
      const visitorId = `vis_${randomUUID().slice(0, 8)}`;
      const userId = user?.user_id ?? user?.email;
      devices.set(deviceId, { visitorId, userId, email: user?.email });
      return { visitorId, userId: userId ?? null };
    },
    shutdown(deviceId) {
      devices.delete(deviceId);
    },
    session(deviceId) {
      return devices.get(deviceId) ?? null;
    },
  };
}

/**
 * What a ping carries, read as the real Messenger sends it: a form (app_id, source, user_data
 * holding JSON, and the JWT), `withCredentials` aside. JSON bodies are read too.
 */
function readPing(text, contentType = '') {
  let fields;
  if (contentType.includes('application/x-www-form-urlencoded')) fields = Object.fromEntries(new URLSearchParams(text));
  else fields = JSON.parse(text || '{}');
  let userData = fields.user_data ?? {};
  if (typeof userData === 'string') userData = JSON.parse(userData || '{}');
  if (!userData || typeof userData !== 'object') userData = {};
  return { ...fields, user_data: userData };
}

/**
 * One of Intercom's API hosts (api-iam.intercom.io, or a region's: api-iam.eu.intercom.io), on
 * its own origin (another port of 127.0.0.1), as the real Messenger's API is not the site's.
 * A workspace lives in one region: another region's host does not know its app (404). Every
 * ping is noted in `pings` (what it named, and the answer's status), for tests to read.
 */
async function startApiHost(backend, region, apps, pings) {
  const server = createServer((req, res) => {
    const json = (status, value) => {
      res.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*', 'cache-control': 'no-store' });
      res.end(JSON.stringify(value));
    };
    (async () => {
      if (req.method === 'OPTIONS') {
        res.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'content-type' });
        return res.end();
      }
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let input;
      try {
        input = readPing(await readBody(req, 100_000), req.headers['content-type']);
      } catch {
        return json(400, { type: 'error.list', errors: [{ code: 'parameter_invalid', message: 'Body is not a form or JSON.' }] });
      }
      // The device is the Messenger's anonymous id (its intercom-id cookie, here its localStorage).
      const deviceId = String(input.user_data.anonymous_id ?? input.deviceId ?? '');
      switch (url.pathname) {
        case '/messenger/web/ping': {
          const jwt = typeof input.intercom_user_jwt === 'string' && input.intercom_user_jwt !== '' ? input.intercom_user_jwt : undefined;
          const rawFault = url.searchParams.get('fault');
          const fault = API_FAULTS.includes(rawFault) ? rawFault : undefined;
          const note = { at: Date.now(), region, appId: input.app_id, source: input.source, userData: input.user_data, jwt, ...(fault ? { fault } : {}), status: 0 };
          pings.push(note);
          const answer = (status, value) => {
            note.status = status;
            return json(status, value);
          };
          if (apps[input.app_id] !== region) {
            return answer(404, { type: 'error.list', errors: [{ code: 'app_not_found', message: `No app ${JSON.stringify(input.app_id ?? null)} in this region (${region}).` }] });
          }
          try {
            return answer(200, await backend.ping(deviceId, { app_id: input.app_id, jwt, user_data: input.user_data, fault }));
          } catch (error) {
            if (error instanceof PingRefused) return answer(error.status, { type: 'error.list', errors: [{ code: error.code, message: error.message }] });
            throw error;
          }
        }
        case '/messenger/web/shutdown':
          backend.shutdown(deviceId);
          return json(200, {});
        default:
          return json(404, { type: 'error.list', errors: [{ code: 'not_found', message: 'No such endpoint.' }] });
      }
    })().catch((error) => json(500, { type: 'error.list', errors: [{ code: 'server_error', message: String(error?.message ?? error) }] }));
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

/** JSON inside a <script> element: nothing in it can close the element. */
const inlineJson = (value) => JSON.stringify(value).replaceAll('<', '\\u003c');

/**
 * The Intercom page of the simulator: `/intercom/` (the site, with the snippet and
 * window.intercomSettings, or the npm package's install); the Messenger's API on two hosts of
 * its own (the default region's, and the EU region's for `?region=eu`, whose settings name it
 * in `api_base`).
 */
export function intercomSite(options = {}) {
  const backend = createIntercomBackend(options);
  const secret = options.secret ?? INTERCOM_DEMO.secret;
  const appId = options.appId ?? INTERCOM_DEMO.appId;
  const euAppId = `${appId}eu`;
  const hashAppId = options.hashAppId ?? INTERCOM_DEMO.hashAppId;
  const hashSecret = options.hashSecret ?? INTERCOM_DEMO.hashSecret;
  const siteUser = INTERCOM_DEMO.siteUser;
  /** app_id -> the region whose API host knows it (the user_hash app is the default region's). */
  const apps = { [appId]: 'us', [euAppId]: 'eu', [hashAppId]: 'us' };
  /** @type {{ us: {url: string, close(): Promise<unknown>}, eu: {url: string, close(): Promise<unknown>} } | undefined} */
  let hosts;
  /** Every ping the API hosts received, oldest first. */
  const pings = [];
  /** The site's own user's JWT, as its server renders it into the page (`?own=settings`). */
  let siteToken = '';
  const signSiteToken = () =>
    new SignJWT({ user_id: siteUser.userId, email: siteUser.email })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuedAt()
      .sign(new TextEncoder().encode(secret));
  return {
    prefix: '/intercom/',
    apiOrigins: () => [hosts?.us.url, hosts?.eu.url],
    banner: (siteUrl) => [
      `Intercom page on ${siteUrl}/intercom/  (App ID ${appId}, secret ${secret})`,
      `  Intercom's API on ${hosts?.us.url} (default region) and ${hosts?.eu.url} (EU: /intercom/?region=eu, App ID ${euAppId})`,
      `  Intercom with user_hash on ${siteUrl}/intercom/?verification=hash  (App ID ${hashAppId}, identity verification secret ${hashSecret})`,
      `  Intercom faults: /intercom/?fault=accepts-expired|not-enforced|logout-keeps|sticky-identity (JWT app), &verification=hash with accepts-base64|not-enforced|logout-keeps|sticky-identity`,
    ],
    backend,
    secret,
    appId,
    euAppId,
    hashAppId,
    hashSecret,
    siteUser,
    pings,
    /** The API hosts' URLs, once started. */
    get api() {
      return { us: hosts?.us.url, eu: hosts?.eu.url };
    },
    async start() {
      const [us, eu, token] = await Promise.all([startApiHost(backend, 'us', apps, pings), startApiHost(backend, 'eu', apps, pings), signSiteToken()]);
      hosts = { us, eu };
      siteToken = token;
    },
    async close() {
      await Promise.all([hosts?.us.close(), hosts?.eu.close()]);
    },
    render(html, params) {
      const fault = INTERCOM_FAULTS.includes(params.get('fault') ?? '') ? (params.get('fault') ?? '') : '';
      const neverBoot = fault === 'never-boot';
      const hash = params.get('verification') === 'hash';
      const eu = params.get('region') === 'eu' && !hash;
      const npm = params.get('install') === 'npm';
      const app = hash ? hashAppId : eu ? euAppId : appId;
      const region = eu ? { app_id: euAppId, api_base: hosts?.eu.url, alignment: 'left', horizontal_padding: 40 } : { app_id: app };
      // ?own=settings: the site's server names its signed-in user in the settings (the usual
      // install for logged-in users): the Messenger boots with them by itself.
      const ownCredential = hash ? { user_hash: intercomUserHash(siteUser.userId, hashSecret) } : { intercom_user_jwt: siteToken };
      const own = params.get('own') === 'settings' ? { user_id: siteUser.userId, email: siteUser.email, ...ownCredential } : {};
      const settings = { ...region, ...own };
      // The path names the real loader's host, as pages that self-host it do; the Messenger's
      // built-in API host is the default region's.
      // The page's fault rides on the Messenger's script URL: its pings carry it to the API.
      const faultQuery = fault && !neverBoot ? `?fault=${fault}` : '';
      const messenger = neverBoot ? '' : `<script src="/intercom/widget.intercom.io/widget/${app}${faultQuery}" data-api-base="${hosts?.us.url ?? ''}" defer></script>`;
      // The package names the API host from its region itself: the app passes none.
      const { api_base: _named, ...props } = settings;
      const scripts = npm
        ? [
            // The site's app bundle calls the package's Intercom({ app_id, region, ...user }), with
            // a widgetUrl of its own (the package's option): only the loader's id says Intercom.
            `<script type="application/json" id="intercom-npm-config">${inlineJson({
              props: { ...props, region: eu ? 'eu' : 'us', widgetUrl: neverBoot ? '/intercom/never-loads.js' : `/intercom/messenger/${app}${faultQuery}` },
              regionApis: { us: hosts?.us.url, eu: hosts?.eu.url },
            })}</script>`,
            '<script src="/intercom/npm-app.js" defer></script>',
          ]
        : [`<script>window.intercomSettings = ${inlineJson(settings)};</script>`, '<script src="/intercom/stub.js"></script>', messenger];
      const install = npm ? '@intercom/messenger-js-sdk (no boot call; the Messenger boots from intercomSettings)' : "Intercom's snippet";
      return html
        .replaceAll('{{MESSENGER}}', scripts.filter(Boolean).join('\n    '))
        .replaceAll('{{APP_ID}}', app)
        .replaceAll('{{VERIFICATION}}', hash ? 'identity verification with user_hash' : 'identity verification with JWT')
        .replaceAll('{{FAULT}}', fault ? ` Fault: <code>${fault}</code>.` : '')
        .replaceAll('{{INSTALL}}', install);
    },
    /** The Messenger script is served under the real loader's path (and the npm page's widgetUrl). */
    file(pathname) {
      return pathname.startsWith('/intercom/widget.intercom.io/widget/') || pathname.startsWith('/intercom/messenger/') ? '/intercom/widget.js' : undefined;
    },
    async handle(url, input, json) {
      const deviceId = String(input.deviceId ?? url.searchParams.get('deviceId') ?? '');
      switch (url.pathname) {
        case '/intercom/api/session':
          return json(200, backend.session(deviceId));
        case '/intercom/api/site-token': {
          if (url.searchParams.get('verification') === 'hash') return json(200, { userHash: intercomUserHash(siteUser.userId, hashSecret) });
          const token = await signSiteToken();
          return json(200, { token });
        }
        default:
          return false;
      }
    },
  };
}

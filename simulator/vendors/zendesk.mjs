/**
 * The simulated Zendesk Messaging backend: the rules Zendesk applies to a messaging user
 * token (shared/chat-vendors.md): HS256 signed with the signing key's secret, the header's
 * `kid` naming that key, `scope: "user"`, `external_id` a string of at most 255 characters,
 * and `exp` honoured when present. Devices and who is signed in on each, in memory.
 *
 * Its API is the Sunshine Conversations SDK API the real widget calls, on Zendesk's own origin:
 * `POST /sc/sdk/v2/apps/APP_ID/login` with the token as `authorization: Bearer <JWT>` (JSON
 * body, x-smooch-appid / x-smooch-clientid / x-smooch-sdk headers), answered with the `appUser`;
 * `POST /sc/sdk/v2/apps/APP_ID/appusers/APP_USER_ID/logout`. A refusal is HTTP 401 with
 * `{ error: { code, description } }` (the code names the reason); an `external_id` already
 * linked to another identity is HTTP 409 Conflict (the backend starts with one: `zd-linked`).
 *
 * Page faults (`/zendesk/?fault=`): wrong-kid (the account's key id differs from the one the
 * extension was given, so every token is refused), never-boot (the widget never loads).
 * `/zendesk/?build=no-callback`: a widget build whose loginUser never calls loginCallback.
 */
import { randomUUID } from 'node:crypto';
import { decodeProtectedHeader, errors as joseErrors, jwtVerify } from 'jose';

export const ZENDESK_DEMO = {
  secret: 'demo-zendesk-signing-secret-4b7e1d9c2a',
  keyId: 'app_demo_zendesk_01',
  widgetKey: 'sim-widget-key-7f3c',
  /** The Sunshine Conversations app behind the widget key: the login path names it. */
  appId: '64f1c0de5a7b3e0012ab34cd',
  /** An external_id the account has already linked to another identity: its logins get HTTP 409. */
  linkedExternalId: 'zd-linked',
};
/**
 * accepts-expired: an exp passed is accepted; logout-keeps and sticky-identity break the
 * widget's session keeping (zendesk/snippet.js).
 */
export const ZENDESK_FAULTS = ['wrong-kid', 'never-boot', 'accepts-expired', 'logout-keeps', 'sticky-identity'];
/** How long the simulated logout takes to be answered (and applied): a switch must wait for it. */
export const ZENDESK_LOGOUT_MS = 400;

export class LoginFailed extends Error {
  /** `status`: 401 for a token Zendesk refuses, 409 for an identity conflict. */
  constructor(reason, message, status = 401) {
    super(message);
    this.reason = reason;
    this.status = status;
  }
}

export function createZendeskBackend({ secret = ZENDESK_DEMO.secret, keyId = ZENDESK_DEMO.keyId, now = () => Date.now() } = {}) {
  const key = new TextEncoder().encode(secret);
  /** deviceId (the SDK's client id) -> external_id */
  const devices = new Map();
  /** external_id -> its appUser id (one per user, as Zendesk keeps them). */
  const appUsers = new Map();
  /** external_ids already linked to another identity (another user's email or channel): 409. */
  const linked = new Map([[ZENDESK_DEMO.linkedExternalId, 'the user linked@example.test, from the email channel']]);
  /** What the backend applied, in order: tests read it to see a logout land before the next login. */
  const events = [];

  /** Verifies a user token as Zendesk does; returns its claims or throws LoginFailed. */
  async function verify(token, { fault } = {}) {
    if (typeof token !== 'string' || token.split('.').length !== 3) throw new LoginFailed('invalid_token', 'The token is not a JWT.');
    let header;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      throw new LoginFailed('invalid_token', 'The token header is not valid base64url JSON.');
    }
    const expectedKid = fault === 'wrong-kid' ? `${keyId}-rotated` : keyId;
    if (header.kid !== expectedKid) {
      throw new LoginFailed('invalid_kid', `The token's kid ${JSON.stringify(header.kid ?? null)} does not name this account's signing key (${expectedKid}).`);
    }
    let payload;
    try {
      // accepts-expired: exp is not checked (a week of tolerance stands for "not at all").
      ({ payload } = await jwtVerify(token, key, { algorithms: ['HS256'], currentDate: new Date(now()), ...(fault === 'accepts-expired' ? { clockTolerance: 7 * 24 * 3600 } : {}) }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw new LoginFailed('expired_token', 'The token has expired (exp).');
      if (error instanceof joseErrors.JWSSignatureVerificationFailed) throw new LoginFailed('invalid_signature', 'The signature does not match the signing key.');
      throw new LoginFailed('invalid_token', `The token could not be verified: ${error.message}`);
    }
    if (payload.scope !== 'user') throw new LoginFailed('invalid_scope', 'The token must have scope "user".');
    const externalId = payload.external_id;
    if (typeof externalId !== 'string' || externalId === '' || externalId.length > 255) {
      throw new LoginFailed('invalid_external_id', 'external_id must be a string of 1 to 255 characters.');
    }
    return payload;
  }

  return {
    verify,
    events,
    async login(deviceId, token, options) {
      const payload = await verify(token, options);
      const other = linked.get(payload.external_id);
      if (other) throw new LoginFailed('conflict', `The external_id ${JSON.stringify(payload.external_id)} is already linked to another identity (${other}).`, 409);
      const appUserId = appUsers.get(payload.external_id) ?? randomUUID().replaceAll('-', '').slice(0, 24);
      appUsers.set(payload.external_id, appUserId);
      devices.set(deviceId, payload.external_id);
      events.push({ kind: 'login', deviceId, externalId: payload.external_id });
      return { externalId: payload.external_id, name: payload.name, email: payload.email, appUser: { _id: appUserId, userId: payload.external_id } };
    },
    /** Marks an external_id as linked to another identity: its logins get 409 Conflict. */
    link(externalId, other = 'another identity') {
      linked.set(externalId, other);
    },
    logout(deviceId) {
      devices.delete(deviceId);
      events.push({ kind: 'logout', deviceId });
    },
    session(deviceId) {
      const externalId = devices.get(deviceId);
      return externalId ? { signedIn: true, externalId } : { signedIn: false };
    },
  };
}

/** A Sunshine Conversations SDK path: `/sc/sdk/v2/apps/APP/login`, `…/appusers/ID/logout` or `…/appusers/ID/session` (a kept session restored). */
const SDK_PATH = /^\/sc\/sdk\/v2\/apps\/([^/]+)\/(?:(login)|appusers\/([^/]+)\/(logout|session))$/;

/**
 * The Zendesk page of the simulator: `/zendesk/` (the site, with the snippet), the widget's
 * SDK API under `/sc/sdk/v2/` and the site's own endpoints under `/zendesk/api/`.
 * `json(status, value)` answers; returns false for other paths.
 */
export function zendeskSite(options = {}) {
  const backend = createZendeskBackend(options);
  const secret = options.secret ?? ZENDESK_DEMO.secret;
  const keyId = options.keyId ?? ZENDESK_DEMO.keyId;
  const appId = ZENDESK_DEMO.appId;
  const refusal = (error) => ({ error: { code: error.reason, description: error.message } });
  return {
    prefix: '/zendesk/',
    banner: (siteUrl) => [`Zendesk Messaging page on ${siteUrl}/zendesk/  (Key ID ${keyId}, secret ${secret})`],
    backend,
    secret,
    keyId,
    appId,
    linkedExternalId: ZENDESK_DEMO.linkedExternalId,
    /** The widget's own API paths, outside the page's prefix. */
    owns: (pathname) => pathname.startsWith('/sc/sdk/v2/'),
    /** The page's snippet, with the page's fault passed on. */
    render(html, params, vendorUrl = '') {
      const fault = ZENDESK_FAULTS.includes(params.get('fault')) ? params.get('fault') : '';
      const build = params.get('build') === 'no-callback' ? '&build=no-callback' : '';
      // From Zendesk's own origin (static.zdassets.com): the widget's API calls go beside it.
      // The app id stands for what the real snippet reads from the key's settings.
      const src = `${vendorUrl}/zendesk/snippet.js?key=${ZENDESK_DEMO.widgetKey}&app=${appId}${fault ? `&fault=${fault}` : ''}${build}`;
      return html.replaceAll('{{SNIPPET}}', `<script id="ze-snippet" src="${src}"></script>`).replaceAll('{{KEY_ID}}', keyId);
    },
    async handle(url, input, json, headers = {}) {
      const fault = ZENDESK_FAULTS.includes(url.searchParams.get('fault')) ? url.searchParams.get('fault') : undefined;
      const sdk = SDK_PATH.exec(url.pathname);
      if (sdk) {
        const [, app, login, appUserId, logout] = sdk;
        if (app !== appId) return json(404, { error: { code: 'not_found', description: `No app ${app}.` } });
        const clientId = String(headers['x-smooch-clientid'] ?? '');
        if (!clientId) return json(400, { error: { code: 'bad_request', description: 'x-smooch-clientid is required.' } });
        if (login) {
          const bearer = /^Bearer (.+)$/.exec(String(headers.authorization ?? ''));
          if (!bearer) return json(401, { error: { code: 'invalid_auth', description: 'No Bearer token in the authorization header.' } });
          try {
            const user = await backend.login(clientId, bearer[1], { fault });
            return json(200, { appUser: user.appUser, sessionToken: randomUUID() });
          } catch (error) {
            if (error instanceof LoginFailed) return json(error.status, refusal(error));
            throw error;
          }
        }
        if (logout === 'session') return json(200, { appUser: { _id: appUserId }, restored: true });
        if (logout) {
          // Applied when answered: a login that arrived meanwhile is undone, as on a slow real logout.
          await new Promise((resolve) => setTimeout(resolve, ZENDESK_LOGOUT_MS));
          backend.logout(clientId);
          return json(200, { appUserId });
        }
      }
      const deviceId = String(input.deviceId ?? url.searchParams.get('deviceId') ?? '');
      switch (url.pathname) {
        case '/zendesk/api/session':
          return json(200, backend.session(deviceId));
        case '/zendesk/api/site-token': {
          const { SignJWT } = await import('jose');
          const token = await new SignJWT({ scope: 'user', external_id: 'zd-site-user', name: 'Site User' })
            .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: keyId })
            .setIssuedAt()
            .sign(new TextEncoder().encode(secret));
          return json(200, { token });
        }
        default:
          return false;
      }
    },
  };
}

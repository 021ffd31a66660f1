/**
 * The simulated Zendesk Messaging backend: the rules Zendesk applies to a messaging user
 * token (shared/chat-vendors.md): HS256 signed with the signing key's secret, the header's
 * `kid` naming that key, `scope: "user"`, `external_id` a string of at most 255 characters,
 * and `exp` honoured when present. Devices and who is signed in on each, in memory.
 *
 * Page faults (`/zendesk/?fault=`): wrong-kid (the account's key id differs from the one the
 * extension was given, so every token is refused), never-boot (the widget never loads).
 * `/zendesk/?build=no-callback`: a widget build whose loginUser never calls loginCallback.
 */
import { decodeProtectedHeader, errors as joseErrors, jwtVerify } from 'jose';

export const ZENDESK_DEMO = { secret: 'demo-zendesk-signing-secret-4b7e1d9c2a', keyId: 'app_demo_zendesk_01', widgetKey: 'sim-widget-key-7f3c' };
export const ZENDESK_FAULTS = ['wrong-kid', 'never-boot'];
/** How long the simulated logout takes to be answered (and applied): a switch must wait for it. */
export const ZENDESK_LOGOUT_MS = 400;

export class LoginFailed extends Error {
  constructor(reason, message) {
    super(message);
    this.reason = reason;
  }
}

export function createZendeskBackend({ secret = ZENDESK_DEMO.secret, keyId = ZENDESK_DEMO.keyId, now = () => Date.now() } = {}) {
  const key = new TextEncoder().encode(secret);
  /** deviceId -> external_id */
  const devices = new Map();
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
      ({ payload } = await jwtVerify(token, key, { algorithms: ['HS256'], currentDate: new Date(now()) }));
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
      devices.set(deviceId, payload.external_id);
      events.push({ kind: 'login', deviceId, externalId: payload.external_id });
      return { externalId: payload.external_id, name: payload.name, email: payload.email };
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

/**
 * The Zendesk page of the simulator: `/zendesk/` (the site, with the snippet) and the widget's
 * API under `/zendesk/api/`. `json(status, value)` answers; returns false for other paths.
 */
export function zendeskSite(options = {}) {
  const backend = createZendeskBackend(options);
  const secret = options.secret ?? ZENDESK_DEMO.secret;
  const keyId = options.keyId ?? ZENDESK_DEMO.keyId;
  return {
    prefix: '/zendesk/',
    backend,
    secret,
    keyId,
    /** The page's snippet, with the page's fault passed on. */
    render(html, params, vendorUrl = '') {
      const fault = ZENDESK_FAULTS.includes(params.get('fault')) ? params.get('fault') : '';
      const build = params.get('build') === 'no-callback' ? '&build=no-callback' : '';
      // From Zendesk's own origin (static.zdassets.com): the widget's API calls go beside it.
      const src = `${vendorUrl}/zendesk/snippet.js?key=${ZENDESK_DEMO.widgetKey}${fault ? `&fault=${fault}` : ''}${build}`;
      return html.replaceAll('{{SNIPPET}}', `<script id="ze-snippet" src="${src}"></script>`).replaceAll('{{KEY_ID}}', keyId);
    },
    async handle(url, input, json) {
      const fault = ZENDESK_FAULTS.includes(url.searchParams.get('fault')) ? url.searchParams.get('fault') : undefined;
      const deviceId = String(input.deviceId ?? url.searchParams.get('deviceId') ?? '');
      switch (url.pathname) {
        case '/zendesk/api/login':
          try {
            return json(200, await backend.login(deviceId, input.token, { fault }));
          } catch (error) {
            if (error instanceof LoginFailed) return json(401, { reason: error.reason, message: error.message });
            throw error;
          }
        case '/zendesk/api/logout':
          // Applied when answered: a login that arrived meanwhile is undone, as on a slow real logout.
          await new Promise((resolve) => setTimeout(resolve, ZENDESK_LOGOUT_MS));
          backend.logout(deviceId);
          return json(200, { signedIn: false });
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

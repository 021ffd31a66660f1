/**
 * The simulated Intercom Messenger backend: the rules Intercom applies to a Messenger user
 * JWT (shared/chat-vendors.md): HS256 signed with the Messenger API secret, `user_id` a
 * required string, `exp` honoured when present, and the app id the Messenger boots with.
 *
 * Page faults (`/intercom/?fault=`): never-boot (the Messenger never loads; boot stays queued).
 */
import { randomUUID } from 'node:crypto';
import { errors as joseErrors, jwtVerify } from 'jose';

export const INTERCOM_DEMO = { secret: 'demo-intercom-messenger-secret-9a2c5e7f', appId: 'sim12app' };
export const INTERCOM_FAULTS = ['never-boot'];

export class PingRefused extends Error {}

export function createIntercomBackend({ secret = INTERCOM_DEMO.secret, appId = INTERCOM_DEMO.appId, now = () => Date.now() } = {}) {
  const key = new TextEncoder().encode(secret);
  /** deviceId -> { visitorId, userId? } */
  const devices = new Map();

  async function verify(token) {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, key, { algorithms: ['HS256'], currentDate: new Date(now()) }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw new PingRefused('The user JWT has expired (exp).');
      if (error instanceof joseErrors.JWSSignatureVerificationFailed) throw new PingRefused('The user JWT is not signed with the Messenger API secret.');
      throw new PingRefused(`The user JWT could not be verified: ${error.message}`);
    }
    if (typeof payload.user_id !== 'string' || payload.user_id === '') throw new PingRefused('The user JWT has no user_id (a string).');
    return payload;
  }

  return {
    verify,
    /** The Messenger's boot request: anonymous without a JWT, the user with one. */
    async ping(deviceId, { app_id: bootAppId, jwt } = {}) {
      if (bootAppId !== appId) throw new PingRefused(`Unknown app_id ${JSON.stringify(bootAppId ?? null)}.`);
      const payload = jwt === undefined ? undefined : await verify(jwt);
      const visitorId = `vis_${randomUUID().slice(0, 8)}`;
      devices.set(deviceId, { visitorId, userId: payload?.user_id, email: payload?.email });
      return { visitorId, userId: payload?.user_id ?? null };
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
 * The Intercom page of the simulator: `/intercom/` (the site, with the snippet and
 * window.intercomSettings) and the Messenger's API under `/intercom/api/`.
 */
export function intercomSite(options = {}) {
  const backend = createIntercomBackend(options);
  const secret = options.secret ?? INTERCOM_DEMO.secret;
  const appId = options.appId ?? INTERCOM_DEMO.appId;
  return {
    prefix: '/intercom/',
    backend,
    secret,
    appId,
    render(html, params) {
      const neverBoot = params.get('fault') === 'never-boot';
      const scripts = [
        `<script>window.intercomSettings = { app_id: ${JSON.stringify(appId)} };</script>`,
        '<script src="/intercom/stub.js"></script>',
        // The path names the real loader's host, as pages that self-host it do.
        neverBoot ? '' : `<script src="/intercom/widget.intercom.io/widget/${appId}" defer></script>`,
      ];
      return html.replaceAll('{{MESSENGER}}', scripts.filter(Boolean).join('\n    ')).replaceAll('{{APP_ID}}', appId);
    },
    /** The Messenger script is served under the real loader's path. */
    file(pathname) {
      return pathname.startsWith('/intercom/widget.intercom.io/widget/') ? '/intercom/widget.js' : undefined;
    },
    async handle(url, input, json) {
      const deviceId = String(input.deviceId ?? url.searchParams.get('deviceId') ?? '');
      switch (url.pathname) {
        case '/intercom/api/ping':
          try {
            return json(200, await backend.ping(deviceId, { app_id: input.app_id, jwt: input.jwt ?? undefined }));
          } catch (error) {
            if (error instanceof PingRefused) return json(401, { error: error.message });
            throw error;
          }
        case '/intercom/api/shutdown':
          backend.shutdown(deviceId);
          return json(200, {});
        case '/intercom/api/session':
          return json(200, backend.session(deviceId));
        case '/intercom/api/site-token': {
          const { SignJWT } = await import('jose');
          const token = await new SignJWT({ user_id: 'ic-site-user', email: 'site-user@example.test' })
            .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
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

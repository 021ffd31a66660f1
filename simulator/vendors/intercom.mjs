/**
 * The simulated Intercom Messenger backend: the rules Intercom applies to a Messenger user
 * JWT (shared/chat-vendors.md): HS256 signed with the Messenger API secret, `user_id` a
 * required string, `exp` honoured when present, and the app id the Messenger boots with.
 *
 * Page faults (`/intercom/?fault=`): never-boot (the Messenger never loads; boot stays queued).
 * `/intercom/?region=eu`: an EU workspace, whose page names its API host in `api_base`.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { readBody } from '../http.mjs';
import { errors as joseErrors, jwtVerify } from 'jose';

export const INTERCOM_DEMO = { secret: 'demo-intercom-messenger-secret-9a2c5e7f', appId: 'sim12app' };
export const INTERCOM_FAULTS = ['never-boot'];

export class PingRefused extends Error {}

/** Knows the workspace's app, and its EU twin (`APPeu`), which only the EU API host serves. */
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
      if (bootAppId !== appId && bootAppId !== `${appId}eu`) throw new PingRefused(`Unknown app_id ${JSON.stringify(bootAppId ?? null)}.`);
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
 * One of Intercom's API hosts (api-iam.intercom.io, or a region's: api-iam.eu.intercom.io), on
 * its own origin (another port of 127.0.0.1), as the real Messenger's API is not the site's.
 * A workspace lives in one region: another region's host does not know its app (404).
 */
async function startApiHost(backend, region, apps) {
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
      let input = {};
      try {
        // The Messenger sends text/plain JSON, as real widgets do to avoid CORS preflights.
        input = JSON.parse((await readBody(req, 100_000)) || '{}');
      } catch {
        return json(400, { type: 'error.list', errors: [{ code: 'parameter_invalid', message: 'Body is not JSON.' }] });
      }
      const deviceId = String(input.deviceId ?? '');
      switch (url.pathname) {
        case '/messenger/web/ping': {
          if (apps[input.app_id] !== region) {
            return json(404, { type: 'error.list', errors: [{ code: 'app_not_found', message: `No app ${JSON.stringify(input.app_id ?? null)} in this region (${region}).` }] });
          }
          try {
            return json(200, await backend.ping(deviceId, { app_id: input.app_id, jwt: input.jwt ?? undefined }));
          } catch (error) {
            if (error instanceof PingRefused) return json(401, { type: 'error.list', errors: [{ code: 'unauthorized', message: error.message }] });
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

/**
 * The Intercom page of the simulator: `/intercom/` (the site, with the snippet and
 * window.intercomSettings); the Messenger's API on two hosts of its own (the default region's,
 * and the EU region's for `?region=eu`, whose settings name it in `api_base`).
 */
export function intercomSite(options = {}) {
  const backend = createIntercomBackend(options);
  const secret = options.secret ?? INTERCOM_DEMO.secret;
  const appId = options.appId ?? INTERCOM_DEMO.appId;
  const euAppId = `${appId}eu`;
  /** app_id -> the region whose API host knows it. */
  const apps = { [appId]: 'us', [euAppId]: 'eu' };
  /** @type {{ us: {url: string, close(): Promise<unknown>}, eu: {url: string, close(): Promise<unknown>} } | undefined} */
  let hosts;
  return {
    prefix: '/intercom/',
    backend,
    secret,
    appId,
    euAppId,
    /** The API hosts' URLs, once started. */
    get api() {
      return { us: hosts?.us.url, eu: hosts?.eu.url };
    },
    async start() {
      const [us, eu] = await Promise.all([startApiHost(backend, 'us', apps), startApiHost(backend, 'eu', apps)]);
      hosts = { us, eu };
    },
    async close() {
      await Promise.all([hosts?.us.close(), hosts?.eu.close()]);
    },
    render(html, params) {
      const neverBoot = params.get('fault') === 'never-boot';
      const eu = params.get('region') === 'eu';
      const settings = eu
        ? { app_id: euAppId, api_base: hosts?.eu.url, alignment: 'left', horizontal_padding: 40 }
        : { app_id: appId };
      const scripts = [
        `<script>window.intercomSettings = ${JSON.stringify(settings)};</script>`,
        '<script src="/intercom/stub.js"></script>',
        // The path names the real loader's host, as pages that self-host it do; the Messenger's
        // built-in API host is the default region's.
        neverBoot ? '' : `<script src="/intercom/widget.intercom.io/widget/${eu ? euAppId : appId}" data-api-base="${hosts?.us.url ?? ''}" defer></script>`,
      ];
      return html.replaceAll('{{MESSENGER}}', scripts.filter(Boolean).join('\n    ')).replaceAll('{{APP_ID}}', eu ? euAppId : appId);
    },
    /** The Messenger script is served under the real loader's path. */
    file(pathname) {
      return pathname.startsWith('/intercom/widget.intercom.io/widget/') ? '/intercom/widget.js' : undefined;
    },
    async handle(url, input, json) {
      const deviceId = String(input.deviceId ?? url.searchParams.get('deviceId') ?? '');
      switch (url.pathname) {
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

/**
 * The simulated Front Chat: a site page whose widget (a stand-in for chat-assets.frontapp.com's
 * chat.bundle.js) sends the identity from FrontChat('init', { chatId, userId or email, userHash,
 * name }) to Front's API on the vendors' origin (`POST /frontapp/chat/v1/CHAT_ID/identify`, JSON),
 * where the user hash is checked with node:crypto: the HMAC-SHA256 (hex) of the userId when one
 * is given, else of the email, with the chat channel's verification secret. Front does not
 * document what its server answers a bad hash: this stand-in answers 401 (docs/simulator.md).
 * FrontChat('shutdown', { clearSession: true }) forgets the session (localStorage
 * `frontchat-session-CHAT_ID`, our choice of name) and tells the API; a visit follows either.
 * Faults: simulator/vendors/hmac-identity.mjs.
 */
import { createHmacIdentityBackend, hmacFault } from './hmac-identity.mjs';

export const FRONT_DEMO = {
  secret: 'demo-front-chat-verification-secret-3e8b',
  chatId: '4ba9a1366a0c3ac55355eceb11901b9e',
};

const API = /^\/frontapp\/chat\/v1\/([^/]+)\/(identify|visit|logout)$/;

export function frontSite(options = {}) {
  const secret = options.secret ?? FRONT_DEMO.secret;
  const chatId = options.chatId ?? FRONT_DEMO.chatId;
  const backend = createHmacIdentityBackend({ secret });
  return {
    prefix: '/front/',
    banner: (siteUrl) => [`Front Chat page on ${siteUrl}/front/  (Chat ID ${chatId}, verification secret ${secret}; faults: ?fault=accepts-base64|not-enforced|logout-keeps|sticky-identity)`],
    backend,
    secret,
    chatId,
    /** Front's API paths, outside the page's prefix. */
    owns: (pathname) => pathname.startsWith('/frontapp/'),
    /** The bundle is served under the real loader's path, from Front's origin. */
    file: (pathname) => (pathname.startsWith('/front/chat-assets.frontapp.com/') ? '/front/chat.bundle.js' : undefined),
    render(html, params, vendorUrl = '') {
      const fault = hmacFault(params);
      const src = `${vendorUrl}/front/chat-assets.frontapp.com/v1/chat.bundle.js${fault ? `?fault=${fault}` : ''}`;
      return html.replaceAll('{{BUNDLE}}', src).replaceAll('{{CHAT_ID}}', chatId).replaceAll('{{FAULT}}', fault ?? 'none');
    },
    async handle(url, input, json) {
      const api = API.exec(url.pathname);
      if (!api) return false;
      const [, channel, action] = api;
      if (channel !== chatId) return json(404, { error: 'not_found', message: `No chat channel ${channel}.` });
      const fault = hmacFault(url.searchParams);
      if (action === 'identify') {
        const userId = typeof input.userId === 'string' && input.userId !== '' ? input.userId : undefined;
        const email = typeof input.email === 'string' && input.email !== '' ? input.email : undefined;
        if (!userId && !email) return json(400, { error: 'bad_request', message: 'An identity needs a userId or an email.' });
        const customer = { ...(userId ? { userId } : {}), ...(email ? { email } : {}), ...(typeof input.name === 'string' ? { name: input.name } : {}) };
        const previous = input.previous && typeof input.previous === 'object' ? input.previous : undefined;
        const answer = backend.identify({ signed: userId ?? email, signature: input.userHash, customer, previous }, fault);
        return json(answer.status, answer.body);
      }
      const answer = action === 'visit' ? backend.visit(input.sessionToken) : backend.logout(input.sessionToken);
      return json(answer.status, answer.body);
    },
  };
}

/**
 * The simulated Help Scout Beacon: a site page with the Beacon's snippet (window.Beacon as a
 * queue, Beacon('init', BEACON_ID)) and a stand-in for beacon-v2.helpscout.net that runs the
 * queue and sends the identity of Beacon('identify', { name, email, signature }) to the Beacon
 * API on the vendors' origin (`POST /beaconapi/v2/BEACON_ID/identify`, JSON), where the signature
 * is checked with node:crypto: the HMAC-SHA256 (hex) of the email with the secure-mode key. With
 * secure mode on (the default here) an identify without a signature is refused (401).
 * Beacon('logout') forgets the customer (localStorage `persist:hs-beacon-BEACON_ID`) and tells
 * the API; Beacon('reset') forgets everything the Beacon kept. Faults: simulator/vendors/hmac-identity.mjs.
 */
import { createHmacIdentityBackend, hmacFault } from './hmac-identity.mjs';

export const HELPSCOUT_DEMO = {
  secret: 'demo-helpscout-secure-mode-key-5c1d7a',
  beaconId: 'c676047b-c2e8-45b1-8319-344f4e7e2431',
};

const API = /^\/beaconapi\/v2\/([^/]+)\/(identify|visit|logout)$/;

export function helpscoutSite(options = {}) {
  const secret = options.secret ?? HELPSCOUT_DEMO.secret;
  const beaconId = options.beaconId ?? HELPSCOUT_DEMO.beaconId;
  const backend = createHmacIdentityBackend({ secret });
  return {
    prefix: '/helpscout/',
    banner: (siteUrl) => [`Help Scout Beacon page on ${siteUrl}/helpscout/  (Beacon ID ${beaconId}, secure-mode key ${secret}; faults: ?fault=accepts-base64|not-enforced|logout-keeps|sticky-identity)`],
    backend,
    secret,
    beaconId,
    /** The Beacon API's paths, outside the page's prefix. */
    owns: (pathname) => pathname.startsWith('/beaconapi/'),
    /** The Beacon is served under the real loader's host name, from the vendors' origin. */
    file: (pathname) => (pathname.startsWith('/helpscout/beacon-v2.helpscout.net/') ? '/helpscout/beacon.js' : undefined),
    render(html, params, vendorUrl = '') {
      const fault = hmacFault(params);
      const src = `${vendorUrl}/helpscout/beacon-v2.helpscout.net/${fault ? `?fault=${fault}` : ''}`;
      return html.replaceAll('{{BEACON_SRC}}', src).replaceAll('{{BEACON_ID}}', beaconId).replaceAll('{{FAULT}}', fault ?? 'none');
    },
    async handle(url, input, json) {
      const api = API.exec(url.pathname);
      if (!api) return false;
      const [, beacon, action] = api;
      if (beacon !== beaconId) return json(404, { error: 'not_found', message: `No Beacon ${beacon}.` });
      const fault = hmacFault(url.searchParams);
      if (action === 'identify') {
        const email = typeof input.email === 'string' ? input.email : '';
        if (!/^[^@\s]+@[^@\s]+$/.test(email)) return json(400, { error: 'bad_request', message: 'identify needs an email address.' });
        const customer = { email, ...(typeof input.name === 'string' ? { name: input.name } : {}) };
        const previous = input.previous && typeof input.previous === 'object' ? input.previous : undefined;
        const answer = backend.identify({ signed: email, signature: input.signature, customer, previous }, fault);
        return json(answer.status, answer.body);
      }
      const answer = action === 'visit' ? backend.visit(input.sessionToken) : backend.logout(input.sessionToken);
      return json(answer.status, answer.body);
    },
  };
}

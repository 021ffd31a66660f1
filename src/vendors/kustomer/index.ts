import { signJwt } from '../../jwt/credential';
import type { JwtSigning, JwtVendor } from '../../model/vendor';
import { problemOutcome, refusalCauses } from './wording';
import { runKustomerCommand } from './page-command';
import { orgFromChatKey, readChatKey } from './page-org';
import { kustomer } from './profile';
import { serverCode } from './server-code';
import { kustomerRules } from './token-rules';

/** Kustomer's JWT: a plain HS256 header, its token rules and server code. */
const signing: JwtSigning = {
  kind: 'jwt',
  header: () => ({ alg: 'HS256', typ: 'JWT' }),
  rules: kustomerRules,
  serverCode: (payload, language, _header, expiresIn) => serverCode(payload, language, expiresIn),
};

/** Kustomer: its JWT, the page command and the page's chat key. */
const vendor: JwtVendor = {
  ...kustomer,
  problemOutcome,
  refusalCauses,
  signing,
  credential: (identity, secret, settings, options) => signJwt(signing, identity, secret, settings, options),
  pageCommand: runKustomerCommand,
  // The chat key's org: page-bridge reads the page, this module stays pure.
  pageAccount: { read: readChatKey, parse: orgFromChatKey, missing: "The chat key's org could not be read from the page (no data-kustomer-api-key)." },
  // The logged-in customer's session the chat keeps in the page (the device's tracking token stays: it is the device's).
  sessionKeys: { localStorage: ['kustomer-chat-customer'] },
  presence: { globals: ['Kustomer'], scripts: ['script[data-kustomer-api-key]', 'script[src*="chat-web/widget.js"]'] },
  // What its page command reports besides the shared states and signals (session/chat-readiness).
  readiness: {
    signals: { iframe: "the chat widget's iframe is on the page", probe: 'Kustomer.isLoggedIn answered a probe' },
    unusable: { cards: 'cards-sdk' },
  },
};

export default vendor;

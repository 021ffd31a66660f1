import { signJwt } from '../../jwt/credential';
import { jwtServerCode } from '../../jwt/server-code';
import type { JwtSigning, JwtVendor } from '../../model/vendor';
import { problemOutcome, refusalCauses } from './wording';
import { runZendeskCommand } from './page-command';
import { zendesk } from './profile';
import { zendeskRules } from './token-rules';

const advice = "Mint when the widget asks (zE('messenger', 'loginUser', jwtCallback, …) calls jwtCallback), with the signing key's id as kid.";

/** Zendesk Messaging's JWT: the header names the signing key (kid). */
const signing: JwtSigning = {
  kind: 'jwt',
  header: (settings) => ({ alg: 'HS256', typ: 'JWT', ...(settings.keyId ? { kid: settings.keyId } : {}) }),
  rules: zendeskRules,
  serverCode: (payload, language, header, expiresIn) => {
    const style = { secretVariable: zendesk.secretVariable, advice, header, expiresIn };
    return jwtServerCode(payload, language, style);
  },
};

/** Zendesk Messaging: its JWT and page command; the rest as the profile says. */
const vendor: JwtVendor = {
  ...zendesk,
  problemOutcome,
  refusalCauses,
  signing,
  credential: (identity, secret, settings, options) => signJwt(signing, identity, secret, settings, options),
  pageCommand: runZendeskCommand,
  // The SDK keeps the user as `{appId}.appUserId` and `{appId}.sessionToken`; logout removes both and keeps the client id.
  sessionKeys: { localStorage: ['*.appUserId', '*.sessionToken'] },
  presence: { globals: ['zE'], scripts: ['script#ze-snippet', 'script[src*="/ekr/snippet.js"]'] },
};

export default vendor;

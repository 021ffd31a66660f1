import { signHmac, signJwt } from '../../jwt/credential';
import { hmacServerCode, jwtServerCode } from '../../jwt/server-code';
import type { HmacSigning, JwtSigning, JwtVendor } from '../../model/vendor';
import { usesUserHash } from './claims';
import { problemOutcome, refusalCauses } from './wording';
import { runIntercomCommand } from './page-command';
import { intercom } from './profile';
import { intercomRules } from './token-rules';

const advice = "Mint for the page that boots the Messenger: Intercom('boot', { app_id, intercom_user_jwt: token }).";
const hashAdvice = "Sign for the page that boots the Messenger: Intercom('boot', { app_id, user_id, email, user_hash: signature }).";

/** Intercom's Messenger JWT: a plain HS256 header. */
const signing: JwtSigning = {
  kind: 'jwt',
  header: () => ({ alg: 'HS256', typ: 'JWT' }),
  rules: intercomRules,
  serverCode: (payload, language, _header, expiresIn) => {
    const style = { secretVariable: intercom.secretVariable, advice, expiresIn };
    return jwtServerCode(payload, language, style);
  },
};

/** Identity verification's user_hash: HMAC-SHA256 hex of the user_id, or of the email when there is none. */
const userHash: HmacSigning = {
  kind: 'hmac',
  field: ['user_id', 'email'],
  serverCode: (signed, language) => hmacServerCode(signed, language, { secretVariable: 'INTERCOM_IDENTITY_VERIFICATION_SECRET', advice: hashAdvice, field: 'user_id (or email)' }),
};

/** Intercom: its JWT (the default) or user_hash, as the environment's Identity verification says; its page command. */
const vendor: JwtVendor = {
  ...intercom,
  problemOutcome,
  refusalCauses,
  signing,
  signingFor: (settings) => (usesUserHash(settings) ? userHash : signing),
  credential: (identity, secret, settings, options) => (usesUserHash(settings) ? signHmac(userHash, identity, secret) : signJwt(signing, identity, secret, settings, options)),
  pageCommand: runIntercomCommand,
  presence: { globals: ['Intercom'], scripts: ['script[src*="widget.intercom.io"]', 'script#_intercom_npm_loader'] },
  // The logged-in session's cookie. intercom-id-APP is the anonymous visitor's id, which the
  // Messenger sets again as soon as it boots after a shutdown: its name says nothing of the
  // customer (whether the next requests still name them is checked instead); the device id stays by design.
  sessionKeys: { cookies: ['intercom-session-*'], localStorage: ['intercom-state'] },
};

export default vendor;

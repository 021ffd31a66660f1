import { signJwt } from '../../jwt/credential';
import { jwtServerCode } from '../../jwt/server-code';
import type { JwtSigning, JwtVendor } from '../../model/vendor';
import { runSunshineCommand } from './page-command';
import { sunshineAccount } from './page-app';
import { sunshine } from './profile';
import { sunshineRules } from './token-rules';
import { problemOutcome, refusalCauses } from './wording';

const advice = "Mint for the page's Smooch.login(externalId, token), with the app key's id as kid; short-lived, and again from onInvalidAuth when it expires.";

/**
 * How long a token lives: user tokens are short-lived (an expired one is refused with a 401 the
 * page cannot read), and a check's token issued a quarter of an hour ago is expired.
 */
const LIFETIME_SECONDS = 15 * 60;

/** Sunshine Conversations' user JWT: the header names the app key (kid). */
const signing: JwtSigning = {
  kind: 'jwt',
  header: (settings) => ({ alg: 'HS256', typ: 'JWT', ...(settings.keyId ? { kid: settings.keyId } : {}) }),
  rules: sunshineRules,
  serverCode: (payload, language, header, expiresIn) => {
    const style = { secretVariable: sunshine.secretVariable, advice, header, expiresIn: expiresIn ?? LIFETIME_SECONDS };
    return jwtServerCode(payload, language, style);
  },
};

/** Sunshine Conversations' Web Messenger: its JWT and page command; the rest as the profile says. */
const vendor: JwtVendor = {
  ...sunshine,
  problemOutcome,
  refusalCauses,
  signing,
  credential: (identity, secret, settings, options) => signJwt(signing, identity, secret, settings, { ...options, expiresIn: options?.expiresIn ?? LIFETIME_SECONDS }),
  pageCommand: runSunshineCommand,
  pageAccount: sunshineAccount,
  presence: { globals: ['Smooch'], scripts: ['script[src*="cdn.smooch.io"]'] },
  // The Web Messenger's storage, by app (`<appId>.appUserId`, `<appId>.sessionToken`); its
  // `<appId>.clientId` is the device and stays after a logout.
  sessionKeys: { localStorage: ['*.appUserId', '*.sessionToken'] },
};

export default vendor;

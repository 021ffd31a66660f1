import { signJwt } from '../../jwt/credential';
import { jwtServerCode } from '../../jwt/server-code';
import type { JwtSigning, JwtVendor } from '../../model/vendor';
import { problemOutcome, refusalCauses } from './wording';
import { runIntercomCommand } from './page-command';
import { intercom } from './profile';
import { intercomRules } from './token-rules';

const advice = "Mint for the page that boots the Messenger: Intercom('boot', { app_id, intercom_user_jwt: token }).";

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

/** Intercom: its JWT and page command; the rest as the profile says. */
const vendor: JwtVendor = {
  ...intercom,
  problemOutcome,
  refusalCauses,
  signing,
  credential: (identity, secret, settings, options) => signJwt(signing, identity, secret, settings, options),
  pageCommand: runIntercomCommand,
  presence: { globals: ['Intercom'], scripts: ['script[src*="widget.intercom.io"]', 'script#_intercom_npm_loader'] },
};

export default vendor;

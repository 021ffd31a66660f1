import { nodeSnippet, pythonSnippet } from '../../jwt/server-code';
import type { ChatVendor } from '../../model/vendor';
import { problemOutcome, refusalCauses } from './wording';
import { runIntercomCommand } from './page-command';
import { intercom } from './profile';
import { intercomRules } from './token-rules';

const advice = "Mint for the page that boots the Messenger: Intercom('boot', { app_id, intercom_user_jwt: token }).";

/** Intercom: a plain HS256 header; the rest as the profile says. */
const vendor: ChatVendor = {
  ...intercom,
  problemOutcome,
  refusalCauses,
  header: () => ({ alg: 'HS256', typ: 'JWT' }),
  pageCommand: runIntercomCommand,
  presence: { globals: ['Intercom'], scripts: ['script[src*="widget.intercom.io"]', 'script#_intercom_npm_loader'] },
  rules: intercomRules,
  serverCode: (payload, language, _header, expiresIn) => {
    const style = { secretVariable: intercom.secretVariable, advice, expiresIn };
    return language === 'node' ? nodeSnippet(payload, style) : pythonSnippet(payload, style);
  },
};

export default vendor;

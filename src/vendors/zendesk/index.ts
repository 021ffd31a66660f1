import { nodeSnippet, pythonSnippet } from '../../jwt/server-code';
import type { ChatVendor } from '../../model/vendor';
import { problemOutcome, refusalCauses } from './wording';
import { runZendeskCommand } from './page-command';
import { zendesk } from './profile';
import { zendeskRules } from './token-rules';

const advice = "Mint when the widget asks (zE('messenger', 'loginUser', jwtCallback, …) calls jwtCallback), with the signing key's id as kid.";

/** Zendesk Messaging: the header names the signing key (kid); the rest as the profile says. */
const vendor: ChatVendor = {
  ...zendesk,
  problemOutcome,
  refusalCauses,
  header: (settings) => ({ alg: 'HS256', typ: 'JWT', ...(settings.keyId ? { kid: settings.keyId } : {}) }),
  pageCommand: runZendeskCommand,
  presence: { globals: ['zE'], scripts: ['script#ze-snippet', 'script[src*="/ekr/snippet.js"]'] },
  rules: zendeskRules,
  serverCode: (payload, language, header, expiresIn) => {
    const style = { secretVariable: zendesk.secretVariable, advice, header, expiresIn };
    return language === 'node' ? nodeSnippet(payload, style) : pythonSnippet(payload, style);
  },
};

export default vendor;

import type { ChatVendor } from '../../model/vendor';
import { problemOutcome, refusalCauses } from './wording';
import { runKustomerCommand } from './page-command';
import { orgFromChatKey, readChatKey } from './page-org';
import { kustomer } from './profile';
import { serverCode } from './server-code';
import { kustomerRules } from './token-rules';

/** Kustomer: a plain HS256 header, the page command, its token rules and server code. */
const vendor: ChatVendor = {
  ...kustomer,
  problemOutcome,
  refusalCauses,
  header: () => ({ alg: 'HS256', typ: 'JWT' }),
  pageCommand: runKustomerCommand,
  rules: kustomerRules,
  serverCode: (payload, language, _header, expiresIn) => serverCode(payload, language, expiresIn),
  // The chat key's org: page-bridge reads the page, this module stays pure.
  pageAccount: { read: readChatKey, parse: orgFromChatKey },
};

export default vendor;

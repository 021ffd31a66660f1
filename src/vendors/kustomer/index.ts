import type { ChatVendor } from '../vendor';
import { problemOutcome } from './wording';
import { pageOrg } from './page-org';
import { runKustomerCommand } from './page-command';
import { kustomer } from './profile';
import { serverCode } from './server-code';
import { kustomerRules } from './token-rules';

/** Kustomer: a plain HS256 header, the page command, its token rules and server code. */
const vendor: ChatVendor = {
  ...kustomer,
  problemOutcome,
  header: () => ({ alg: 'HS256', typ: 'JWT' }),
  pageCommand: runKustomerCommand,
  rules: kustomerRules,
  serverCode: (payload, language) => serverCode(payload, language),
  pageAccount: pageOrg,
};

export default vendor;

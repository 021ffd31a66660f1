import type { ChatVendor } from '../../model/vendor';
import { problemOutcome, refusalCauses } from './wording';
import { runKustomerCommand } from './page-command';
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
  serverCode: (payload, language) => serverCode(payload, language),
  // Reads the page (browser APIs): loaded only when the popup asks, so this module stays pure.
  pageAccount: (tabId) => import('./page-org').then((m) => m.pageOrg(tabId)),
};

export default vendor;

import { signHmac } from '../../jwt/credential';
import { hmacServerCode } from '../../jwt/server-code';
import type { ChatVendor, HmacSigning } from '../../model/vendor';
import { parseChatId, readFrontChatId } from './page-account';
import { runFrontCommand } from './page-command';
import { front } from './profile';
import { problemOutcome, refusalCauses } from './wording';

const style = {
  secretVariable: front.secretVariable,
  advice: "Sign the user id when the page passes one to FrontChat('init'), else the email; pass the result as userHash.",
  field: 'user id (or, without one, email)',
};

/** Front's user hash: HMAC-SHA256 (hex) of the userId when one is given, otherwise of the email. */
const signing: HmacSigning = {
  kind: 'hmac',
  field: ['userId', 'email'],
  serverCode: (signed, language) => hmacServerCode(signed, language, style),
};

/** Front Chat, whole: its profile, user hash, page command and sentences. */
const vendor: ChatVendor = {
  ...front,
  problemOutcome,
  refusalCauses,
  signing,
  credential: (identity, secret) => signHmac(signing, identity, secret),
  pageCommand: runFrontCommand,
  pageAccount: { read: readFrontChatId, parse: parseChatId, missing: "The page's chatId could not be read (no FrontChat('init', { chatId }) in its inline scripts)." },
  presence: { globals: ['FrontChat'], scripts: ['script[src*="chat-assets.frontapp.com"]', 'script[src*="chat.bundle.js"]'] },
  // Our stand-in's choice (Front's own keys are not public): see docs/vendors.md.
  sessionKeys: { localStorage: ['frontchat-session-*'] },
};

export default vendor;

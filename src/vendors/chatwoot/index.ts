import { signHmac } from '../../jwt/credential';
import { hmacServerCode } from '../../jwt/server-code';
import type { ChatVendor, HmacSigning } from '../../model/vendor';
import { parseWebsiteToken, readWebsiteToken } from './page-account';
import { runChatwootCommand } from './page-command';
import { chatwoot } from './profile';
import { problemOutcome, refusalCauses } from './wording';

const style = {
  secretVariable: chatwoot.secretVariable,
  advice: "Sign the identifier the page passes to window.$chatwoot.setUser(identifier, { email, name, identifier_hash }): hex, with the inbox's HMAC token.",
  field: 'identifier',
};

/** Chatwoot's identifier_hash: HMAC-SHA256 (hex) of the identifier. */
const signing: HmacSigning = {
  kind: 'hmac',
  field: 'identifier',
  serverCode: (signed, language) => hmacServerCode(signed, language, style),
};

/** Chatwoot, whole: its profile, signature, page command and sentences. */
const vendor: ChatVendor = {
  ...chatwoot,
  problemOutcome,
  refusalCauses,
  signing,
  credential: (identity, secret) => signHmac(signing, identity, secret),
  pageCommand: runChatwootCommand,
  pageAccount: { read: readWebsiteToken, parse: parseWebsiteToken, missing: "The widget's website token could not be read from the page (no #chatwoot_live_chat_widget frame and no websiteToken in the snippet)." },
  readiness: { signals: { iframe: "the Chatwoot widget's frame has loaded ($chatwoot.hasLoaded)" } },
  presence: { globals: ['$chatwoot', 'chatwootSDK'], scripts: ['script[src*="/packs/js/sdk.js"]', 'iframe#chatwoot_live_chat_widget'] },
  // cw_user_<token> holds who is set; cw_conversation is made anew (anonymous) by every reset, so
  // its name says nothing: whether the next requests still name the customer is checked instead.
  sessionKeys: { cookies: ['cw_user_*'] },
  // The widget's frame PATCHes the identity (JSON body), a body Chromium does not show extensions.
  credentialRequest: { method: 'PATCH', path: '/api/v1/widget/contact/set_user' },
};

export default vendor;

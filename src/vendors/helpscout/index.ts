import { signHmac } from '../../jwt/credential';
import { hmacServerCode } from '../../jwt/server-code';
import type { ChatVendor, HmacSigning } from '../../model/vendor';
import { parseBeaconId, readBeaconId } from './page-account';
import { runBeaconCommand } from './page-command';
import { helpscout } from './profile';
import { problemOutcome, refusalCauses } from './wording';

const style = {
  secretVariable: helpscout.secretVariable,
  advice: "Sign the email the page passes to Beacon('identify', { email, name, signature }); hex, not the base64 of one Python sample in Help Scout's docs.",
  field: 'email',
};

/** The Beacon's signature: HMAC-SHA256 (hex) of the email, with the secure-mode key. */
const signing: HmacSigning = {
  kind: 'hmac',
  field: 'email',
  serverCode: (signed, language) => hmacServerCode(signed, language, style),
};

/** Help Scout's Beacon, whole: its profile, signature, page command and sentences. */
const vendor: ChatVendor = {
  ...helpscout,
  problemOutcome,
  refusalCauses,
  signing,
  credential: (identity, secret) => signHmac(signing, identity, secret),
  pageCommand: runBeaconCommand,
  pageAccount: { read: readBeaconId, parse: parseBeaconId, missing: "The page's Beacon ID could not be read (no Beacon('init', BEACON_ID) in its inline scripts)." },
  presence: { globals: ['Beacon'], scripts: ['script[src*="beacon-v2.helpscout.net"]'] },
  // The Beacon's own localStorage keys (persist:hs-beacon-…, as cookie-consent tools list them).
  sessionKeys: { localStorage: ['persist:hs-beacon-*'] },
};

export default vendor;

import type { VendorProfile } from '../../model/vendor';
import { buildIntercomClaims, describeIntercomLookup, VERIFICATION_KEY } from './claims';

const CALLS: Record<string, string> = {
  login: "Intercom('boot')",
  boot: "Intercom('boot')",
  logout: "Intercom('shutdown')",
  shutdown: "Intercom('shutdown')",
};

/** Intercom's Messenger, identities verified by a JWT or by user_hash, as the popup and options see it. */
export const intercom: VendorProfile = {
  id: 'intercom',
  name: 'Intercom',
  widget: 'Intercom Messenger',
  secretHelp:
    "With JWT: the Messenger API secret (Intercom → Settings → Channels → Messenger → Security). With user_hash: the workspace's identity verification secret (Settings → Security → Enforce identity on web).",
  secretVariable: 'INTERCOM_MESSENGER_SECRET',
  settings: [
    {
      key: 'appId',
      label: 'App ID',
      placeholder: 'abc12def',
      help: "The workspace's app id, used to boot the Messenger when the page does not name one (window.intercomSettings.app_id).",
      required: false,
      flag: '--app-id',
      problem: (value) => (/^[A-Za-z0-9_-]{1,64}$/.test(value) ? undefined : 'The App ID is letters and digits, such as abc12def (it is in the Messenger snippet).'),
    },
    {
      key: VERIFICATION_KEY,
      label: 'Identity verification',
      placeholder: '',
      help: "How the workspace verifies the Messenger's users: a JWT (intercom_user_jwt, Messenger security), or the older user_hash (an HMAC-SHA256 hex of the user_id, or of the email when there is none).",
      required: false,
      flag: '--identity-verification',
      choices: [
        { value: 'jwt', label: 'JWT (intercom_user_jwt)' },
        { value: 'user_hash', label: 'user_hash (HMAC of the user_id or email)' },
      ],
    },
  ],
  fields: [
    { key: 'externalId', label: 'User ID', type: 'text', placeholder: 'user-1001' },
    { key: 'email', label: 'Email', type: 'email', placeholder: 'ada@example.test' },
  ],
  capabilities: { logoutAnswers: true },
  features: {
    unsignedLogin: {
      setting:
        'Intercom → Settings → Channels → Messenger → Security: "Enforce messenger security" (JWT); for user_hash, Settings → Security → "Enforce identity on web" (identity verification)',
    },
  },
  limits:
    "Intercom has no call that confirms a login or lists conversations, and Intercom.booted is set whatever a boot's result: the evidence is Intercom's server's answer to the request that carried the token (or the user_hash). Check login, history sync and the integration check are not offered.",
  apiHosts: ['https://*.intercom.io/*'],
  buildClaims: buildIntercomClaims,
  describe: describeIntercomLookup,
  callName: (call) => (call && CALLS[call]) ?? 'The Intercom Messenger',
};

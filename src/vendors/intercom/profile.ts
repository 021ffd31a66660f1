import type { VendorProfile } from '../../model/vendor';
import { buildIntercomClaims, describeIntercomLookup } from './claims';

const CALLS: Record<string, string> = {
  login: "Intercom('boot')",
  boot: "Intercom('boot')",
  logout: "Intercom('shutdown')",
  shutdown: "Intercom('shutdown')",
};

/** Intercom's Messenger with JWT identity, as the popup and options see it. */
export const intercom: VendorProfile = {
  id: 'intercom',
  name: 'Intercom',
  widget: 'Intercom Messenger',
  secretHelp: 'The Messenger API secret (Intercom → Settings → Security → Messenger: identity verification with JWT).',
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
  ],
  fields: [
    { key: 'externalId', label: 'User ID', type: 'text', placeholder: 'user-1001' },
    { key: 'email', label: 'Email', type: 'email', placeholder: 'ada@example.test' },
  ],
  capabilities: { logoutAnswers: true },
  features: {},
  limits:
    "Intercom has no call that confirms a login or lists conversations, and Intercom.booted is set whatever a boot's result: the evidence is Intercom's server's answer to the request that carried the token. Check login, history sync and the integration check are not offered.",
  apiHosts: ['https://*.intercom.io/*'],
  buildClaims: buildIntercomClaims,
  describe: describeIntercomLookup,
  callName: (call) => (call && CALLS[call]) ?? 'The Intercom Messenger',
};

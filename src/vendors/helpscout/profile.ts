import type { VendorProfile } from '../../model/vendor';
import { buildBeaconClaims, describeBeaconLookup } from './claims';

const CALLS: Record<string, string> = {
  login: "Beacon('identify')",
  identify: "Beacon('identify')",
  logout: "Beacon('logout')",
  reset: "Beacon('reset')",
};

/** Where Help Scout keeps the Beacon's secure-mode key (its toggle turns secure mode on). */
const SECURE_MODE = 'Help Scout → Manage → Beacon → your Beacon → Contact → "Enable cross-device history" (Secure Mode)';

/** Help Scout's Beacon, as the popup and options see it. */
export const helpscout: VendorProfile = {
  id: 'helpscout',
  name: 'Help Scout Beacon',
  widget: 'Help Scout Beacon',
  secretHelp: `The Beacon's secure-mode key (${SECURE_MODE}).`,
  secretVariable: 'HELPSCOUT_BEACON_SECRET',
  settings: [
    {
      key: 'beaconId',
      label: 'Beacon ID',
      placeholder: 'c676047b-c2e8-45b1-8319-344f4e7e2431',
      help: "The id of the page's Beacon('init', BEACON_ID) call: it says which Beacon a page belongs to.",
      required: false,
      flag: '--beacon-id',
      problem: (value) =>
        /^[0-9A-Za-z]{8}-[0-9A-Za-z]{4}-[0-9A-Za-z]{4}-[0-9A-Za-z]{4}-[0-9A-Za-z]{12}$/.test(value)
          ? undefined
          : "The Beacon ID is a UUID, such as c676047b-c2e8-45b1-8319-344f4e7e2431 (it is in the page's Beacon('init') call and in the Beacon's settings address).",
    },
  ],
  fields: [
    { key: 'email', label: 'Email', type: 'email', placeholder: 'ada@example.test' },
    { key: 'name', label: 'Name', type: 'text', placeholder: 'Ada Lovelace' },
  ],
  capabilities: { logoutAnswers: true },
  features: { unsignedLogin: { setting: `${SECURE_MODE}: with secure mode on, an identify without a signature is refused` } },
  account: { noun: 'Beacon', setting: 'beaconId' },
  limits:
    "Help Scout's Beacon has no call that says who is logged in or lists conversations, and Beacon('identify') takes no callback: the evidence is Help Scout's server's answer to the request that carried the signature. Check login and history sync are not offered.",
  apiHosts: ['https://*.helpscout.net/*'],
  buildClaims: buildBeaconClaims,
  describe: describeBeaconLookup,
  callName: (call) => (call && CALLS[call]) ?? "Help Scout's Beacon",
  calls: ['identify', 'reset'],
};

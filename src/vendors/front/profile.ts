import type { VendorProfile } from '../../model/vendor';
import { buildFrontClaims, describeFrontLookup } from './claims';

const CALLS: Record<string, string> = {
  login: "FrontChat('init')",
  init: "FrontChat('init')",
  logout: "FrontChat('shutdown')",
  shutdown: "FrontChat('shutdown')",
};

/** Where Front keeps the channel's verification secret and its enforcement switch. */
const CHANNEL_SETTINGS = 'Front → Settings → Inboxes → your chat inbox → your chat channel → "Verify logged-in user identity"';

/** Front Chat, as the popup and options see it. */
export const front: VendorProfile = {
  id: 'front',
  name: 'Front Chat',
  widget: 'Front Chat widget',
  secretHelp: `The chat channel's verification secret (${CHANNEL_SETTINGS}).`,
  secretVariable: 'FRONT_CHAT_VERIFICATION_SECRET',
  settings: [
    {
      key: 'chatId',
      label: 'Chat ID',
      placeholder: '4ba9a1366a0c3ac55355eceb11901b9e',
      help: "The chatId of the page's FrontChat('init', { chatId }) call: it names the chat channel, and starts the widget when the page's own call cannot be read.",
      required: false,
      flag: '--chat-id',
      problem: (value) => (/^[A-Za-z0-9_-]{1,64}$/.test(value) ? undefined : "The Chat ID is letters and digits, such as 4ba9a1366a0c3ac55355eceb11901b9e (it is in the page's FrontChat('init') call)."),
    },
  ],
  fields: [
    { key: 'externalId', label: 'User ID', type: 'text', placeholder: 'user-1001' },
    { key: 'email', label: 'Email', type: 'email', placeholder: 'ada@example.test' },
    { key: 'name', label: 'Name', type: 'text', placeholder: 'Ada Lovelace' },
  ],
  capabilities: { logoutAnswers: true },
  features: { unsignedLogin: { setting: `${CHANNEL_SETTINGS}: turn on rejecting unverified users` } },
  account: { noun: 'chat channel', setting: 'chatId' },
  limits:
    "Front Chat has no call that says who is logged in or lists conversations, and FrontChat('init') takes no callback: the evidence is Front's server's answer to the request that carried the user hash. Check login and history sync are not offered.",
  apiHosts: ['https://*.frontapp.com/*'],
  buildClaims: buildFrontClaims,
  describe: describeFrontLookup,
  callName: (call) => (call && CALLS[call]) ?? 'The Front Chat widget',
  calls: ['init'],
};

import type { VendorProfile } from '../../model/vendor';
import { buildZendeskClaims, describeZendeskLookup } from './claims';

const CALLS: Record<string, string> = {
  login: "zE('messenger', 'loginUser')",
  logout: "zE('messenger', 'logoutUser')",
};

/** Zendesk Messaging (Web Widget in messaging mode) as the popup and options see it. */
export const zendesk: VendorProfile = {
  id: 'zendesk',
  name: 'Zendesk Messaging',
  widget: 'Zendesk Messaging widget',
  secretHelp: 'The messaging signing key\'s secret (Zendesk Admin Center → Account → Security → End users → Messaging: "Create key").',
  secretVariable: 'ZENDESK_MESSAGING_SECRET',
  settings: [
    {
      key: 'keyId',
      label: 'Key ID',
      placeholder: 'app_64f0c2a1b3e4d5',
      help: 'The key id shown beside the signing secret (app_…): it goes in the token header as kid, and Zendesk refuses a token without the right one.',
      required: true,
      flag: '--key-id',
      problem: (value) => (/^\S{1,200}$/.test(value) ? undefined : 'The Key ID has no spaces: copy it as Zendesk shows it, such as app_64f0c2a1b3e4d5.'),
    },
  ],
  fields: [
    { key: 'externalId', label: 'External ID', type: 'text', placeholder: 'user-1001' },
    { key: 'email', label: 'Email', type: 'email', placeholder: 'ada@example.test' },
    { key: 'name', label: 'Name', type: 'text', placeholder: 'Ada Lovelace' },
  ],
  capabilities: { logoutAnswers: false },
  features: {},
  limits:
    "Zendesk Messaging has no call that says who is logged in or lists conversations: the evidence is Zendesk's server's answer to the request that carried the token (and the login callback, where the widget gives one), so Check login, history sync and the integration check are not offered.",
  apiHosts: ['https://*.zendesk.com/*', 'https://*.zdassets.com/*', 'https://*.smooch.io/*'],
  buildClaims: buildZendeskClaims,
  describe: describeZendeskLookup,
  callName: (call) => (call && CALLS[call]) ?? 'The Zendesk Messaging widget',
};

import type { VendorProfile } from '../../model/vendor';
import { buildSunshineClaims, describeSunshineLookup } from './claims';

const CALLS: Record<string, string> = {
  login: 'Smooch.login',
  logout: 'Smooch.logout',
};

/** The Sunshine Conversations Web Messenger (`smooch`) with JWT users, as the popup and options see it. */
export const sunshine: VendorProfile = {
  id: 'sunshine',
  name: 'Sunshine Conversations',
  widget: 'Sunshine Conversations Web Messenger',
  secretHelp: "The secret of an app key (Sunshine Conversations → the app's Settings → API keys): the key whose id goes in the token header as kid.",
  secretVariable: 'SUNSHINE_CONVERSATIONS_SECRET',
  settings: [
    {
      key: 'appId',
      label: 'App ID',
      placeholder: '5e1f3a9c2b7d4e0012cd56ef',
      help: "The Sunshine Conversations app the page's Web Messenger belongs to (Smooch.init's appId; the login request's path names it): the popup warns when the page names another.",
      required: false,
      flag: '--app-id',
      problem: (value) => (/^[A-Za-z0-9_-]{1,64}$/.test(value) ? undefined : 'The App ID is letters and digits, such as 5e1f3a9c2b7d4e0012cd56ef (it is in the app\'s settings and in Smooch.init).'),
    },
    {
      key: 'keyId',
      label: 'Key ID',
      placeholder: 'app_5e1f3a9c2b7d4e0012cd56f0',
      help: "The app key's id (app_…) shown beside its secret: it goes in the token header as kid, and Sunshine refuses a token without it (\"Missing key id (kid)\").",
      required: true,
      flag: '--key-id',
      problem: (value) => (/^\S{1,200}$/.test(value) ? undefined : 'The Key ID has no spaces: copy it as Sunshine Conversations shows it, such as app_5e1f3a9c2b7d4e0012cd56f0.'),
    },
  ],
  fields: [{ key: 'externalId', label: 'External ID', type: 'text', placeholder: 'user-1001' }],
  capabilities: { logoutAnswers: true },
  features: {},
  account: { noun: 'app', setting: 'appId' },
  limits:
    "The Web Messenger has no call that confirms a login or lists conversations: the evidence is Sunshine Conversations' server's answer to the request that carried the token (Smooch.login's promise is the widget's word). An expired token's refusal reaches the page as a network error, but the extension still sees the server's status. Check login, history sync and the integration check are not offered.",
  apiHosts: ['https://*.smooch.io/*'],
  buildClaims: buildSunshineClaims,
  describe: describeSunshineLookup,
  callName: (call) => (call && CALLS[call]) ?? 'The Sunshine Conversations Web Messenger',
};

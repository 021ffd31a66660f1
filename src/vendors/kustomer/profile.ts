import type { VendorProfile } from '../../model/vendor';
import { buildClaims, describeLookup } from './claims';
import { orgNameProblem } from './org-name';

/** Kustomer as the popup and options see it (shared/kustomer-web-sdk.md). */
export const kustomer: VendorProfile = {
  id: 'kustomer',
  name: 'Kustomer',
  widget: 'Kustomer chat SDK',
  secretHelp: "The org's chat signing secret (Kustomer → Settings → Chat → Authentication).",
  secretVariable: 'KUSTOMER_CHAT_SECRET',
  settings: [
    {
      key: 'orgName',
      label: 'Org name',
      placeholder: 'acme',
      help: 'The subdomain of your Kustomer address (acme for acme.kustomerapp.com): the popup warns when a page belongs to another org.',
      required: false,
      flag: '--org',
      problem: (value) => (value === '' ? undefined : orgNameProblem(value)),
      normalise: (value) => value.trim().toLowerCase(),
    },
  ],
  fields: [
    { key: 'externalId', label: 'External ID', type: 'text', placeholder: 'cust-1001' },
    { key: 'email', label: 'Email', type: 'email', placeholder: 'ada@example.test' },
  ],
  capabilities: { logoutAnswers: true },
  features: {
    loggedInCheck: { call: 'isLoggedIn' },
    conversations: { call: 'getOpenConversations' },
    startSdk: { call: 'start' },
    historySync: { call: 'getOpenConversations' },
    integrationCheck: { call: 'createConversation' },
    fetchSecret: () => import('./fetch-secret').then((m) => m.secretFetcher),
  },
  account: { noun: 'org', setting: 'orgName' },
  limits: '',
  apiHosts: ['https://*.kustomerapp.com/*'],
  buildClaims,
  describe: describeLookup,
  callName: (call) => (call ? `Kustomer.${call}` : 'The Kustomer SDK'),
};

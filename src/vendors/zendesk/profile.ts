import { error } from '../../core/outcome';
import type { VendorProfile } from '../vendor';
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
  setting: {
    key: 'keyId',
    label: 'Key ID',
    placeholder: 'app_64f0c2a1b3e4d5',
    help: 'The key id shown beside the signing secret (app_…): it goes in the token header as kid, and Zendesk refuses a token without the right one.',
    required: true,
    problem: (value) => (/^\S{1,200}$/.test(value) ? undefined : 'The Key ID has no spaces: copy it as Zendesk shows it, such as app_64f0c2a1b3e4d5.'),
  },
  fields: [
    { key: 'externalId', label: 'External ID', type: 'text', placeholder: 'user-1001' },
    { key: 'email', label: 'Email', type: 'email', placeholder: 'ada@example.test' },
    { key: 'name', label: 'Name', type: 'text', placeholder: 'Ada Lovelace' },
  ],
  capabilities: { check: false, conversations: false, startSdk: false, historySync: false, integrationCheck: false, fetchSecret: false },
  limits:
    "Zendesk Messaging has no call that says who is logged in or lists conversations: the login callback's answer is the evidence, so Check login, history sync and the integration check are not offered.",
  buildClaims: buildZendeskClaims,
  describe: describeZendeskLookup,
  callName: (call) => (call && CALLS[call]) ?? 'The Zendesk Messaging widget',
  problemOutcome(result) {
    if (result.problem === 'no-sdk') {
      const waited = (result.waitedMs ?? 0) >= 100 ? `, and none appeared in ${((result.waitedMs ?? 0) / 1000).toFixed(1)} s` : '';
      return error(
        `No Zendesk Messaging widget on this page (no window.zE and no ze-snippet loader${waited}). Open a page that loads the widget; if the site adds it later (after a consent banner, on another route), do that first and try again.`,
      );
    }
    if (result.problem === 'sdk-error' && result.call === 'login') {
      return error(`Zendesk refused the login (zE('messenger', 'loginUser') called back with an error): ${result.message ?? 'no message'}`);
    }
    if (result.problem === 'sdk-timeout' && result.call === 'login') {
      return error(
        "zE('messenger', 'loginUser') never called back: the Zendesk widget may not have booted (check the page's console and network for the widget's requests), or it is slow: raise the SDK timeout in Options.",
      );
    }
    return undefined;
  },
};

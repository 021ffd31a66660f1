/**
 * Chatwoot's live-chat widget (open source; cloud and self-hosted), as the popup and options see
 * it: the page calls `window.$chatwoot.setUser(identifier, { email, name, identifier_hash })`,
 * where identifier_hash is the HMAC-SHA256 (hex) of the identifier with the inbox's HMAC token.
 * The widget's own frame, on the Chatwoot server's origin (the Base URL), sends it.
 */
import { emailProblem } from '../../model/email';
import type { ClaimsResult, IdentityFields, IdentityLookup, VendorProfile } from '../../model/vendor';

const CALLS: Record<string, string> = {
  login: '$chatwoot.setUser',
  setUser: '$chatwoot.setUser',
  logout: '$chatwoot.reset',
  reset: '$chatwoot.reset',
};

/** The website token in Chatwoot's snippet: letters and digits. */
const WEBSITE_TOKEN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The identifier is required (it is what is signed); setUser also needs one of avatar_url,
 * email or name, or the widget throws: an Email or a Name is asked for here first.
 */
export function buildChatwootClaims(fields: IdentityFields): ClaimsResult {
  const identifier = fields.externalId.trim();
  const email = fields.email.trim();
  const name = (fields.name ?? '').trim();
  const errors: string[] = [];
  if (identifier === '') errors.push('Enter an Identifier: Chatwoot signs the identifier (identifier_hash is its HMAC).');
  if (email !== '') {
    const problem = emailProblem(email);
    if (problem) errors.push(problem);
  }
  if (identifier !== '' && email === '' && name === '') {
    errors.push("Enter an Email or a Name too: Chatwoot's setUser throws for a user with none of avatar_url, email and name.");
  }
  if (errors.length > 0) return { ok: false, errors };
  const claims: Record<string, unknown> = { identifier, ...(email ? { email } : {}), ...(name ? { name } : {}) };
  return { ok: true, claims, lookup: { externalId: identifier }, warnings: [] };
}

const describeChatwoot = (lookup: IdentityLookup) => ('email' in lookup ? lookup.email : `Identifier ${lookup.externalId}`);

/** A Base URL as Chatwoot's snippet names it: scheme, host, port, perhaps a path; no query. */
function baseUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'The Base URL is the Chatwoot server, such as https://app.chatwoot.com (the snippet\'s BASE_URL).';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'The Base URL starts with https:// (or http://), such as https://app.chatwoot.com.';
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') return `The Base URL has no query or credentials: type ${url.origin}.`;
  return undefined;
}

export const chatwoot: VendorProfile = {
  id: 'chatwoot',
  name: 'Chatwoot',
  widget: 'Chatwoot widget',
  secretHelp: "The inbox's HMAC token (Chatwoot → Settings → Inboxes → <inbox> → Configuration → Identity validation).",
  secretVariable: 'CHATWOOT_HMAC_TOKEN',
  settings: [
    {
      key: 'baseUrl',
      label: 'Base URL',
      placeholder: 'https://app.chatwoot.com',
      help: "The Chatwoot server (the snippet's BASE_URL): its widget frame sends the identity from there, so its answers are Chatwoot's.",
      required: false,
      flag: '--base-url',
      problem: baseUrlProblem,
      normalise: (value) => value.replace(/\/+$/, ''),
      apiOrigin: true,
    },
    {
      key: 'websiteToken',
      label: 'Website token',
      placeholder: 'xT3bq8Zc1vRkL2mN9pWs4dYe',
      help: "The inbox's website token (the snippet's websiteToken): the popup warns when a page's widget names another.",
      required: false,
      flag: '--website-token',
      problem: (value) => (WEBSITE_TOKEN.test(value) ? undefined : "The Website token is letters and digits, as in the snippet's websiteToken."),
    },
  ],
  fields: [
    { key: 'externalId', label: 'Identifier', type: 'text', placeholder: 'user-1001', flag: '--identifier' },
    { key: 'email', label: 'Email', type: 'email', placeholder: 'ada@example.test' },
    { key: 'name', label: 'Name', type: 'text', placeholder: 'Ada Lovelace' },
  ],
  // reset() takes no callback; the login command itself resets before a setUser, so a switch
  // never depends on a separate logout.
  capabilities: { logoutAnswers: true },
  features: {
    unsignedLogin: { setting: 'Chatwoot → Settings → Inboxes → <inbox> → Configuration → Identity validation → "Enforce user identity validation"' },
  },
  account: { noun: 'website token', setting: 'websiteToken' },
  limits:
    "Chatwoot has no call that says who is logged in and setUser takes no callback: the evidence is the Chatwoot server's answer to the request the widget's frame sends with the identifier_hash (and the widget's chatwoot:error event on a refusal). Check login, history sync and the integration check's chats are not offered.",
  // Chatwoot Cloud; a self-hosted server is the environment's Base URL.
  apiHosts: ['https://app.chatwoot.com/*'],
  buildClaims: buildChatwootClaims,
  describe: describeChatwoot,
  callName: (call) => (call && CALLS[call]) ?? 'The Chatwoot widget',
  calls: ['setUser', 'reset'],
};

/**
 * Fetching the org's chat secret from Kustomer (shared/kustomer-web-sdk.md):
 * GET https://ORG.api.kustomerapp.com/v1/auth/customer/settings with an API key that has the
 * org.admin and org.user roles; the secret is at data.attributes.secret. The API key is used
 * for this one request and never stored.
 */
import { orgNameProblem } from './org-name';

export { orgNameProblem } from './org-name';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Why a Kustomer API address is refused, if it is: the admin API key travels with the request,
 * so it must be https, or http to this machine only (a local stand-in such as the simulator).
 */
export function apiUrlProblem(apiUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(apiUrl.trim().replaceAll('{org}', 'org'));
  } catch {
    return 'Enter an https address, such as https://{org}.api.kustomerapp.com.';
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return undefined;
  if (url.protocol === 'http:') return 'Use https: the admin API key would travel in the clear (http is only for localhost or 127.0.0.1).';
  return 'Enter an https address, such as https://{org}.api.kustomerapp.com.';
}

export type FetchSecretResult = { ok: true; secret: string } | { ok: false; message: string };

/** The settings endpoint for an org; `apiUrl` may contain {org} (the default does). */
export function settingsUrl(apiUrl: string, orgName: string): string {
  const base = apiUrl.trim().replace(/\/+$/, '').replaceAll('{org}', orgName.trim().toLowerCase());
  return `${base}/v1/auth/customer/settings`;
}

/** The origin to ask host permission for before the request. */
export function apiOrigin(apiUrl: string, orgName: string): string | undefined {
  try {
    const url = new URL(settingsUrl(apiUrl, orgName || 'org'));
    return `${url.protocol}//${url.hostname}/*`;
  } catch {
    return undefined;
  }
}

export async function fetchSecret(apiUrl: string, orgName: string, apiKey: string, fetcher: typeof fetch = fetch): Promise<FetchSecretResult> {
  const badOrg = orgNameProblem(orgName);
  if (badOrg) return { ok: false, message: badOrg };
  if (apiKey.trim() === '') return { ok: false, message: 'Enter an API key with the org.admin and org.user roles.' };
  let url: string;
  try {
    url = new URL(settingsUrl(apiUrl, orgName)).href;
  } catch {
    return { ok: false, message: `The Kustomer API URL "${apiUrl}" is not a URL: fix it under Settings.` };
  }
  let response: Response;
  try {
    response = await fetcher(url, { headers: { Authorization: `Bearer ${apiKey.trim()}`, Accept: 'application/json' }, credentials: 'omit' });
  } catch {
    return { ok: false, message: `Could not reach ${new URL(url).host}: check the network (and the org name), then try again.` };
  }
  if (response.status === 401) return { ok: false, message: 'Kustomer refused the API key (401): check that it is complete and not revoked.' };
  if (response.status === 403) {
    return { ok: false, message: 'The API key lacks the roles to read the chat settings (403): use a key with org.admin and org.user (the chat widget\'s own key cannot).' };
  }
  if (response.status === 404) return { ok: false, message: `No Kustomer org answers at ${new URL(url).host} (404): check the org name.` };
  if (!response.ok) return { ok: false, message: `Kustomer answered ${response.status}: try again later.` };
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { ok: false, message: 'Kustomer answered with something that is not JSON: check the API URL under Settings.' };
  }
  const secret = (body as { data?: { attributes?: { secret?: unknown } } })?.data?.attributes?.secret;
  if (typeof secret !== 'string' || secret === '') {
    return { ok: false, message: 'The answer has no secret (data.attributes.secret): is chat authentication set up for this org?' };
  }
  return { ok: true, secret };
}

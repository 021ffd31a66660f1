import type { SecretFetcher } from '../../model/vendor';
import { apiOrigin, apiUrlProblem, fetchSecret, orgNameProblem } from './api';

/** Kustomer's Fetch secret: the org's chat secret from its API (./api), with an admin API key used once. */
export const secretFetcher: SecretFetcher = {
  settings: [
    {
      key: 'apiUrl',
      label: 'Kustomer API URL',
      help: 'Where Fetch secret asks; {org} is replaced by the org name. Point it at a local simulator to try the flow.',
      default: 'https://{org}.api.kustomerapp.com',
      problem: apiUrlProblem,
    },
  ],
  key: { label: 'API key', help: 'A Kustomer API key with the org.admin and org.user roles. Used once to fetch the secret, never stored.' },
  problem: (environment) => orgNameProblem(environment.orgName ?? ''),
  origin: (settings, environment) => apiOrigin(settings.apiUrl ?? '', environment.orgName ?? ''),
  async fetch(settings, environment, apiKey) {
    const org = environment.orgName ?? '';
    const result = await fetchSecret(settings.apiUrl ?? '', org, apiKey);
    return result.ok ? { ...result, message: `Fetched the chat secret of ${org.trim().toLowerCase()}. Click Save to keep it.` } : result;
  },
};

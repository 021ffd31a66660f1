import { render } from 'preact';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { loadProfiles, profileOf, VENDOR_IDS } from '../vendors/registry';
import type { SecretFetchers } from '../model/vendor';
import { Options } from './Options';

/** The vendors' Fetch secret features (each loads on demand from its folder). */
async function secretFetchers(): Promise<SecretFetchers> {
  const loaded = await Promise.all(VENDOR_IDS.map(async (id) => [id, await profileOf(id).features.fetchSecret?.()] as const));
  return Object.fromEntries(loaded.filter(([, fetcher]) => fetcher !== undefined));
}

const app = document.getElementById('app');
// Every vendor's profile first (names, fields, settings), and its features: the page offers them all.
if (app) {
  void loadProfiles()
    .then(secretFetchers)
    .catch(() => ({}))
    .then((fetchers) =>
      render(
        <ErrorBoundary page="the options page">
          <Options params={new URLSearchParams(location.search)} fetchers={fetchers} />
        </ErrorBoundary>,
        app,
      ),
    );
}

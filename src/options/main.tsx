import { render } from 'preact';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { loadProfiles } from '../vendors/registry';
import { Options } from './Options';

const app = document.getElementById('app');
// Every vendor's profile first (names, fields, settings): the form offers them all.
if (app) {
  void loadProfiles().finally(() =>
    render(
      <ErrorBoundary page="the options page">
        <Options params={new URLSearchParams(location.search)} />
      </ErrorBoundary>,
      app,
    ),
  );
}

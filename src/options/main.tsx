import { render } from 'preact';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { Options } from './Options';

const app = document.getElementById('app');
if (app) {
  render(
    <ErrorBoundary page="the options page">
      <Options params={new URLSearchParams(location.search)} />
    </ErrorBoundary>,
    app,
  );
}

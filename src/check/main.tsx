import { render } from 'preact';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { CheckPage } from './CheckPage';

/** The integration check page: ?tabId=N&env=ID names the page under test and its environment. */
const params = new URLSearchParams(location.search);
const app = document.getElementById('app');
if (app) {
  render(
    <ErrorBoundary page="the integration check">
      <CheckPage tabId={params.get('tabId')} environmentId={params.get('env')} />
    </ErrorBoundary>,
    app,
  );
}

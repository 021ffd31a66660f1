import { render } from 'preact';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { Popup } from './Popup';
import { loadPopupContext } from './target';

const params = new URLSearchParams(location.search);
// Start the storage and tab reads before the first render, not after it.
const context = loadPopupContext(params.get('tabId'));
const app = document.getElementById('app');
if (app) {
  render(
    <ErrorBoundary page="the popup">
      <Popup params={params} context={context} />
    </ErrorBoundary>,
    app,
  );
}

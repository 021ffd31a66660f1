import { render } from 'preact';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { Inspector } from './Inspector';
import { takeHandedToken } from '../actions/inspector-handoff';

const params = new URLSearchParams(location.search);
const app = document.getElementById('app');
if (app) {
  render(
    <ErrorBoundary page="the token inspector">
      <Inspector initialToken={takeHandedToken(params)} environmentId={params.get('env') ?? undefined} />
    </ErrorBoundary>,
    app,
  );
}

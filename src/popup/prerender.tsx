/**
 * Renders the popup's first state to HTML at build time (vite.config.ts puts it into
 * dist/src/popup/index.html): the very component the browser hydrates, before storage and the
 * tab have answered (effects do not run here), so the markup is exactly what it starts from.
 */
import { renderToString } from 'preact-render-to-string';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { Popup } from './Popup';

export function renderPopup(): string {
  const answering = new Promise<never>(() => {});
  return renderToString(
    <ErrorBoundary page="the popup">
      <Popup context={answering} />
    </ErrorBoundary>,
  );
}

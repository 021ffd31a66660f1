/**
 * Renders the popup's first state to HTML at build time (vite.config.ts puts it into
 * dist/src/popup/<page>.html, one page per vendor): the very component the browser hydrates,
 * before storage and the tab have answered (effects do not run here), so the markup is exactly
 * what it starts from.
 */
import { renderToString } from 'preact-render-to-string';
import type { VendorId } from '../model/vendor-ids';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { loadProfiles, VENDOR_IDS } from '../vendors/registry';
import { Popup } from './Popup';

export { POPUP_ROWS, popupPage, rowsInView } from './pages';

/** Every vendor's popup, in the list's order. */
export async function renderPopups(): Promise<[VendorId, string][]> {
  const pages: [VendorId, string][] = [];
  for (const vendor of VENDOR_IDS) pages.push([vendor, await renderPopup(vendor)]);
  return pages;
}

export async function renderPopup(vendor: VendorId): Promise<string> {
  await loadProfiles([vendor]);
  const answering = new Promise<never>(() => {});
  return renderToString(
    <ErrorBoundary page="the popup">
      <Popup context={answering} vendor={vendor} />
    </ErrorBoundary>,
  );
}

/**
 * Renders the popup's first state to HTML at build time (vite.config.ts puts it into
 * dist/src/popup/index.html): the same components as in the browser, with the state usePopup
 * starts with, so the browser hydrates exactly this markup.
 */
import { renderToString } from 'preact-render-to-string';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { kustomer } from '../vendors/kustomer/profile';
import { PopupView } from './PopupView';
import type { PopupController } from './usePopup';

const nothing = () => undefined;
const later = async () => undefined;

/** usePopup's state before storage and the tab have answered, with no actions. */
export function initialController(): PopupController {
  return {
    context: undefined,
    environment: undefined,
    environmentId: undefined,
    setEnvironmentId: nothing,
    vendor: kustomer,
    identities: [],
    filter: '',
    setFilter: nothing,
    fields: { externalId: '', email: '', name: '' },
    setFields: nothing,
    label: '',
    setLabel: nothing,
    bothWarning: undefined,
    emailError: undefined,
    busy: undefined,
    ready: true,
    waiting: undefined,
    cancel: undefined,
    outcome: undefined,
    sequence: 0,
    session: undefined,
    confirmation: undefined,
    dismissConfirmation: nothing,
    copied: false,
    passphrase: '',
    setPassphrase: nothing,
    org: undefined,
    orgWarning: undefined,
    site: undefined,
    act: later,
    switchTo: later,
    saveIdentity: later,
    newRandomIdentity: nothing,
    askHistorySync: later,
    runHistorySync: later,
    openIntegrationCheck: later,
    copyToken: later,
    unlock: later,
    runAction: later,
    inspect: nothing,
    openOptions: nothing,
  };
}

export function renderPopup(): string {
  return renderToString(
    <ErrorBoundary page="the popup">
      <PopupView popup={initialController()} />
    </ErrorBoundary>,
  );
}

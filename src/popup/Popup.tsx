import { IdentityForm } from './IdentityForm';
import { IdentityList } from './IdentityList';
import { SeenOnPage } from './SeenOnPage';
import { SessionPanel } from './SessionPanel';
import { StatusPanel } from './StatusPanel';
import type { PopupContext } from './target';
import { TargetSummary } from './TargetSummary';
import { usePopup } from './usePopup';

interface PopupProps {
  params: URLSearchParams;
  /** Storage and tab, read while the popup renders: controls are live before it arrives. */
  context: Promise<PopupContext>;
}

/** The popup, laid out by what a tester sees; state and actions live in usePopup. */
export function Popup({ context: contextPromise }: PopupProps) {
  const popup = usePopup(contextPromise);
  const { context, environment } = popup;
  return (
    <>
      <h1>Chat Identity Lab</h1>
      <TargetSummary popup={popup} />
      {environment && <IdentityList identities={popup.identities} filter={popup.filter} onFilter={popup.setFilter} onLogin={popup.switchTo} disabled={!popup.ready} />}
      <IdentityForm popup={popup} />
      <StatusPanel popup={popup} />
      {environment && <SessionPanel session={popup.session} vendor={popup.vendor} />}
      {context?.target && environment && environment.observeLogins !== false && (
        <SeenOnPage tabId={context.target.tabId} onInspect={(token) => popup.inspect(token)} />
      )}
      <footer class="row">
        <button type="button" class="link" onClick={popup.openOptions}>
          Options
        </button>
        <button type="button" class="link" onClick={() => popup.inspect()}>
          Token inspector
        </button>
      </footer>
    </>
  );
}

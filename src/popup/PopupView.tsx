import { IdentityForm } from './IdentityForm';
import { IdentityList } from './IdentityList';
import { originOf } from '../sites/sites';
import { SaveRow } from './SaveRow';
import { SeenOnPage } from './SeenOnPage';
import { SessionPanel } from './SessionPanel';
import { StatusPanel } from './StatusPanel';
import { TargetSummary } from './TargetSummary';
import type { PopupController } from './usePopup';

/**
 * The popup as a tester sees it, from its controller's state alone: rendered at build time
 * (the loading state, into index.html) and hydrated in the browser with usePopup.
 *
 * Laid out so the answer to a click and every control are in view together, nothing over
 * anything: the identities one line each, the outcome in the flow right under the buttons that
 * caused it, saving and the rest below it.
 */
export function PopupView({ popup }: { popup: PopupController }) {
  const { context, environment } = popup;
  return (
    <>
      <header class="top">
        <h1>Chat Identity Lab</h1>
        <nav class="row" aria-label="Pages">
          <button type="button" class="link" onClick={popup.openOptions}>
            Options
          </button>
          <button type="button" class="link" onClick={() => popup.inspect()}>
            Token inspector
          </button>
        </nav>
      </header>
      <TargetSummary popup={popup} />
      <IdentityList
        identities={popup.identities}
        filter={popup.filter}
        onFilter={popup.setFilter}
        onLogin={popup.switchTo}
        disabled={!popup.ready}
        empty={!context ? 'Loading…' : environment ? undefined : 'Saved identities appear here once an environment covers this site.'}
      />
      <IdentityForm popup={popup} />
      <StatusPanel popup={popup} />
      <SaveRow popup={popup} />
      {environment && <SessionPanel session={popup.session} vendor={popup.vendor} />}
      {context?.target && environment && environment.observeLogins !== false && (
        <SeenOnPage
          tabId={context.target.tabId}
          origin={context.target.url ? originOf(context.target.url) : undefined}
          environmentId={environment.id}
          onInspect={(token) => popup.inspect(token)}
        />
      )}
    </>
  );
}

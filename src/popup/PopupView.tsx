import { IdentityForm } from './IdentityForm';
import { IdentityList } from './IdentityList';
import { originOf } from '../sites/sites';
import { SeenOnPage } from './SeenOnPage';
import { SessionPanel } from './SessionPanel';
import { StatusPanel } from './StatusPanel';
import { TargetSummary } from './TargetSummary';
import type { PopupController } from './usePopup';

/**
 * The popup as a tester sees it, from its controller's state alone: rendered at build time
 * (the loading state, into index.html) and hydrated in the browser with usePopup.
 *
 * Laid out so nothing moves when storage answers (the identities sit in a box of fixed
 * height), and so the answer to a click is in view: the status is docked at the bottom of
 * the 600 px popup, with who is logged in now.
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

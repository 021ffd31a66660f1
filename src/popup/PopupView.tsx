import { originOf } from '../sites/sites';
import { IdentityForm } from './IdentityForm';
import { IdentityList } from './IdentityList';
import { SaveRow } from './SaveRow';
import { StatusPanel } from './StatusPanel';
import { TargetSummary } from './TargetSummary';
import type { PopupController } from './usePopup';
import { Later } from '../ui/Later';

const loadSession = () => import('./session');

/**
 * The popup as a tester sees it, from its controller's state alone: rendered at build time
 * (the loading state, into index.html) and hydrated in the browser with usePopup. Each part
 * gets only what it shows and what its controls do.
 *
 * Laid out so the answer to a click and every control are in view together, nothing over
 * anything: the identities one line each, the outcome in the flow right under the buttons that
 * caused it, saving and the rest below it.
 */
export function PopupView({ popup }: { popup: PopupController }) {
  const { context, environment, vendor, ready, perform } = popup;
  const target = context?.target;
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
      <TargetSummary
        context={context}
        site={popup.site}
        environment={environment}
        onEnvironment={popup.setEnvironmentId}
        vendorName={vendor.name}
        org={popup.org}
        orgWarning={popup.orgWarning}
      />
      <IdentityList
        identities={popup.identities}
        filter={popup.filter}
        onFilter={popup.setFilter}
        onLogin={(identity) => perform({ kind: 'switch', identityId: identity.id, label: identity.label })}
        disabled={!ready}
        empty={!context ? 'Loading…' : environment ? undefined : 'Saved identities appear here once an environment covers this site.'}
        current={popup.state.session?.loggedIn ? popup.state.session.lookup : undefined}
      />
      <IdentityForm
        vendor={vendor}
        fields={popup.fields}
        onFields={popup.setFields}
        emailError={popup.emailError}
        bothWarning={popup.bothWarning}
        ready={ready}
        onCommand={(kind) => perform({ kind })}
      />
      <StatusPanel
        state={popup.state}
        vendor={vendor}
        emailError={popup.emailError}
        passphrase={popup.passphrase}
        onPassphrase={popup.setPassphrase}
        onUnlock={() => void popup.unlock()}
        onCancel={popup.cancel}
        onDismiss={popup.dismiss}
        onSync={(where, login) => perform({ kind: 'sync', where, login })}
        onAction={(action) => void popup.runAction(action)}
        onCopy={(token) => void popup.copyToken(token)}
        onInspect={popup.inspect}
      />
      {/* Shown before storage has answered too (saving then says what is missing): nothing moves when it does. */}
      {(environment || !context) && (
        <SaveRow
          vendor={vendor}
          ready={ready}
          label={popup.label}
          onLabel={popup.setLabel}
          onSave={() => void popup.saveIdentity()}
          onRandom={popup.newRandomIdentity}
          onAskSync={() => void popup.askHistorySync()}
          onIntegrationCheck={target ? () => void popup.openIntegrationCheck() : undefined}
        />
      )}
      {environment && <Later load={() => loadSession().then((m) => m.SessionPanel)} props={{ session: popup.state.session, vendor }} />}
      {target && environment && environment.observeLogins !== false && (
        <Later
          load={() => loadSession().then((m) => m.SeenOnPage)}
          props={{
            tabId: target.tabId,
            origin: target.url ? originOf(target.url) : undefined,
            environmentId: environment.id,
            onInspect: (token: string) => popup.inspect(token),
          }}
        />
      )}
    </>
  );
}

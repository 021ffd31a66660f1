import { StatusRegion } from '../ui/StatusRegion';
import { UnlockForm } from '../ui/UnlockForm';
import { ACTION_LABELS } from './popup-logic';
import type { PopupController } from './usePopup';

/**
 * What a click came to (the live region), with what to do next (Cancel, Unlock, Grant access,
 * …) and who is logged in now. Docked at the bottom of the popup (popup.css), so it is in view
 * after any click, however long the list above.
 */
export function StatusPanel({ popup }: { popup: PopupController }) {
  const { busy, outcome, confirmation, session } = popup;
  return (
    <StatusRegion tone={outcome?.tone} busy={busy !== undefined} sequence={popup.sequence} class="dock">
      {busy && (
        <div class="row">
          <p>{popup.waiting ?? 'Working…'}</p>
          {popup.cancel && (
            <button type="button" onClick={popup.cancel}>
              Cancel
            </button>
          )}
        </div>
      )}
      {confirmation && (
        <>
          <p>{confirmation.message}</p>
          <div class="row">
            <button type="button" onClick={() => popup.runHistorySync('tab', confirmation.login)}>
              Reload and check
            </button>
            {confirmation.incognito && (
              <button type="button" onClick={() => popup.runHistorySync('incognito', confirmation.login)}>
                Check in an incognito window
              </button>
            )}
            <button type="button" onClick={popup.dismissConfirmation}>
              Cancel
            </button>
          </div>
          {!confirmation.incognito && (
            <p class="muted">
              To check in a separate incognito window instead (leaving this tab alone), allow Chat Identity Lab in incognito: chrome://extensions →
              Chat Identity Lab → Details → Allow in Incognito.
            </p>
          )}
        </>
      )}
      {outcome && !confirmation && !busy && outcome.message && (
        <>
          <p>{outcome.message}</p>
          {outcome.notes.length > 0 && (
            <div class="notes">
              {outcome.notes.map((note) => (
                <p key={note} class="muted">
                  {note}
                </p>
              ))}
            </div>
          )}
          {outcome.action?.kind === 'unlock' && (
            <UnlockForm id="unlock-passphrase" passphrase={popup.passphrase} onInput={popup.setPassphrase} onUnlock={() => void popup.unlock()} />
          )}
          {outcome.action && outcome.action.kind !== 'unlock' && (
            <button type="button" onClick={() => outcome.action && popup.runAction(outcome.action)}>
              {ACTION_LABELS[outcome.action.kind]}
            </button>
          )}
          {popup.copied && <p class="muted">Token copied.</p>}
          {session && (
            <p class="now">
              Now: {popup.vendor.describe(session.lookup)} {session.loggedIn ? 'logged in' : 'not logged in'}
              {session.response?.customerId ? ` (customer ${session.response.customerId})` : ''}
            </p>
          )}
          {outcome.token && (
            <div class="row">
              <button type="button" onClick={() => outcome.token && popup.copyToken(outcome.token)}>
                Copy token
              </button>
              <button type="button" onClick={() => popup.inspect(outcome.token)}>
                Inspect token
              </button>
            </div>
          )}
        </>
      )}
    </StatusRegion>
  );
}

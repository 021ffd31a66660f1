import { useEffect } from 'preact/hooks';
import type { Outcome } from '../model/outcome';
import { StatusRegion } from '../ui/StatusRegion';
import { UnlockForm } from '../ui/UnlockForm';
import { ACTION_LABELS } from './popup-logic';
import type { PopupController } from './usePopup';

/**
 * What a click came to (the live region), with what to do next (Cancel, Unlock, Grant access,
 * …). It sits in the flow right under the form's buttons and covers nothing: the sentence, the
 * next step, and the notes behind "Details"; it scrolls itself into view after each outcome.
 */
export function StatusPanel({ popup }: { popup: PopupController }) {
  const { busy, outcome, confirmation, session } = popup;
  useEffect(() => {
    if (popup.sequence) document.querySelector('[role=status]')?.scrollIntoView({ block: 'nearest' });
  }, [popup.sequence]);
  return (
    <StatusRegion tone={toneOf(outcome)} busy={busy !== undefined} sequence={popup.sequence} class="outcome">
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
          {/* An error the Email field shows already is pointed to, not repeated. */}
          <p>{popup.emailError && outcome.message.includes(popup.emailError) ? 'Nothing was done: the Email field above says what to fix.' : outcome.message}</p>
          {outcome.action?.kind === 'unlock' && (
            <UnlockForm id="unlock-passphrase" passphrase={popup.passphrase} onInput={popup.setPassphrase} onUnlock={() => void popup.unlock()} />
          )}
          {outcome.action && outcome.action.kind !== 'unlock' && (
            <button type="button" onClick={() => outcome.action && popup.runAction(outcome.action)}>
              {ACTION_LABELS[outcome.action.kind]}
            </button>
          )}
          {popup.copied && <p class="muted">Token copied.</p>}
          {session && outcome.tone !== 'success' && (
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
          {outcome.notes.length > 0 && (
            <details>
              <summary>Details ({outcome.notes.length})</summary>
              {[...new Set(outcome.notes)].map((note) => (
                <p key={note} class="muted note">
                  {note}
                </p>
              ))}
            </details>
          )}
        </>
      )}
    </StatusRegion>
  );
}

/** Normal states (locked, no environment yet) are not failures: said in the neutral tone. */
function toneOf(outcome: Outcome | undefined) {
  const kind = outcome?.action?.kind;
  return kind === 'unlock' || (kind === 'open-options' && outcome?.message.startsWith('No environment covers')) ? 'info' : outcome?.tone;
}

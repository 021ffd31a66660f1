import { Field } from '../ui/Field';
import type { PopupController } from './usePopup';

/** Saving the typed identity, and the other things to do with it: below the outcome, never under it. */
export function SaveRow({ popup }: { popup: PopupController }) {
  const { vendor, ready } = popup;
  const { capabilities } = vendor;
  // Shown before storage has answered too (saving then says what is missing): nothing moves when it does.
  if (!popup.environment && popup.context) return null;
  return (
    <div>
      <div class="save-row">
        <Field id="identity-label" label="Label" value={popup.label} placeholder="VIP with 3 open chats" onInput={popup.setLabel} />
        <button type="button" disabled={!ready} onClick={popup.saveIdentity}>
          Save identity
        </button>
      </div>
      <div class="secondary-actions">
        <button type="button" disabled={!ready} onClick={popup.newRandomIdentity}>
          New random identity
        </button>
        {capabilities.historySync && (
          <button type="button" disabled={!ready} onClick={popup.askHistorySync}>
            Check history sync
          </button>
        )}
        {capabilities.integrationCheck && (
          <button type="button" disabled={!ready || !popup.context?.target} onClick={() => void popup.openIntegrationCheck()}>
            Run integration check
          </button>
        )}
      </div>
      {/* Said once, folded: not a paragraph to read past after every login. */}
      {vendor.limits && (
        <details class="muted small">
          <summary>What {vendor.name} does not tell</summary>
          {vendor.limits}
        </details>
      )}
    </div>
  );
}

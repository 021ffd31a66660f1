import type { VendorProfile } from '../model/vendor';
import { Field } from '../ui/Field';

interface SaveRowProps {
  vendor: VendorProfile;
  ready: boolean;
  label: string;
  onLabel: (label: string) => void;
  onSave: () => void;
  onRandom: () => void;
  onAskSync: () => void;
  /** Runs the integration check on the page under test; absent when there is no page. */
  onIntegrationCheck?: () => void;
}

/** Saving the typed identity, and the other things to do with it: below the outcome, never under it. */
export function SaveRow({ vendor, ready, label, onLabel, onSave, onRandom, onAskSync, onIntegrationCheck }: SaveRowProps) {
  const { features } = vendor;
  return (
    <div>
      {/* A form of its own: Enter in Label saves, as the button does. */}
      <form
        class="save-row"
        aria-label="Save identity"
        // Before any script runs, Enter here must not navigate the popup: a dialog-method form outside a dialog submits nowhere.
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (ready) onSave();
        }}
      >
        <Field id="identity-label" label="Label" value={label} placeholder="e.g. refund case" onInput={onLabel} />
        <button type="submit" disabled={!ready}>
          Save identity
        </button>
      </form>
      <div class="secondary-actions">
        <button type="button" disabled={!ready} onClick={onRandom}>
          New random identity
        </button>
        {features.historySync && (
          <button type="button" disabled={!ready} onClick={onAskSync}>
            Check history sync
          </button>
        )}
        {/* Every widget's promises can be checked: the conversation checks only where the vendor has them. */}
        <button type="button" disabled={!ready || !onIntegrationCheck} onClick={onIntegrationCheck}>
          Run integration check
        </button>
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

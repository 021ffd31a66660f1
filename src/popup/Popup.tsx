import type { IdentityFields } from '../model/vendor';
import type { VendorId } from '../model/vendor-ids';
import { PopupView } from './PopupView';
import type { PopupContext } from './target';
import { usePopup } from './usePopup';

interface PopupProps {
  /** Storage and tab, read while the popup renders: controls are live before it arrives. */
  context: Promise<PopupContext>;
  /** What the tester typed into the prerendered fields before this code ran. */
  typed?: IdentityFields;
  /** The vendor this page was prerendered for: its fields are shown until storage answers. */
  vendor?: VendorId;
}

/** The popup: its state and actions (usePopup) shown by PopupView. */
export function Popup({ context, typed, vendor }: PopupProps) {
  return <PopupView popup={usePopup(context, typed, vendor)} />;
}

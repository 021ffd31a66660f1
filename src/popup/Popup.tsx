import type { IdentityFields } from '../model/vendor';
import { PopupView } from './PopupView';
import type { PopupContext } from './target';
import { usePopup } from './usePopup';

interface PopupProps {
  /** Storage and tab, read while the popup renders: controls are live before it arrives. */
  context: Promise<PopupContext>;
  /** What the tester typed into the prerendered fields before this code ran. */
  typed?: IdentityFields;
}

/** The popup: its state and actions (usePopup) shown by PopupView. */
export function Popup({ context, typed }: PopupProps) {
  return <PopupView popup={usePopup(context, typed)} />;
}

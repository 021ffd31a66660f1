import { identityFromDraft } from '../../model/identity';
import { error, type Outcome, reachOutcome } from '../../model/outcome';
import type { Environment, Identity } from '../../model/schema';
import type { IdentityFields, VendorProfile } from '../../model/vendor';
import { originOf } from '../../sites/sites';
import { store } from '../../storage/extension-store';
import { ConflictError } from '../../storage/storage';
import { lastLoginOn } from '../../storage/tab-logins';
import { messageOf } from '../popup-logic';
import type { PopupEvent } from '../popup-state';
import type { PopupContext } from '../target';

const loadHistorySync = () => import('../../actions/history-sync');
const loadVault = () => import('../../storage/extension-vault');

/** What the popup holds when one of its own actions runs, and how it shows the result. */
export interface PopupInputs {
  context?: PopupContext;
  environment?: Environment;
  vendor: VendorProfile;
  identities: Identity[];
  fields: IdentityFields;
  label: string;
  passphrase: string;
  say: (outcome: Outcome) => void;
  dispatch: (event: PopupEvent) => void;
  add: (identity: Identity) => void;
  setLabel: (label: string) => void;
  setPassphrase: (passphrase: string) => void;
  setEmailTouched: (touched: boolean) => void;
}

/**
 * The popup's actions that send nothing to the page: saving the typed identity, asking before
 * the history sync check, unlocking the vault. Loaded on the first click that needs one.
 */
export async function saveIdentity({ context, environment, vendor, identities, fields, label, say, add, setLabel, setEmailTouched }: PopupInputs) {
  if (!environment) return say(context?.problem ?? error('Choose a site with an environment before saving identities.'));
  setEmailTouched(true);
  const result = identityFromDraft({ label, ...fields, note: '' }, identities, Date.now(), vendor, environment.settings);
  if (!result.ok) return say(error(Object.values(result.errors).filter(Boolean).join(' ')));
  try {
    await store.saveIdentity(environment.id, result.identity);
  } catch (caught) {
    return say(error(caught instanceof ConflictError ? caught.message : `Not saved: ${messageOf(caught)}. Your entries are still in the fields.`));
  }
  add(result.identity);
  setLabel('');
  say({ tone: 'success', message: `Saved identity "${result.identity.label}" in ${environment.name}.`, notes: [] });
}

export async function askHistorySync({ context, environment, vendor, say, dispatch }: PopupInputs) {
  if (!context?.target || !environment) return say(context?.problem ?? reachOutcome({ kind: 'no-tab' }));
  const login = await lastLoginOn(context.target.tabId, environment.id, context.target.url ? originOf(context.target.url) : undefined);
  if (!login) return say(error('Log a customer in on this tab first: the check uses the customer this extension logged in here.'));
  const incognito = await (await loadHistorySync()).incognitoAllowed();
  const message = `The check logs ${vendor.describe(login.lookup)} out, clears the chat's device data on this page, reloads it and logs them in again.`;
  dispatch({ type: 'asked', question: { login, incognito, message } });
}

/** True once unlocked (the caller then runs what asked for the passphrase); else says why not. */
export async function unlock({ passphrase, say, setPassphrase }: PopupInputs): Promise<boolean> {
  const { vault, PassphraseError } = await loadVault();
  try {
    await vault.unlock(passphrase);
  } catch (caught) {
    say(error(caught instanceof PassphraseError ? caught.message : `Could not unlock: ${messageOf(caught)}`));
    return false;
  }
  setPassphrase('');
  return true;
}

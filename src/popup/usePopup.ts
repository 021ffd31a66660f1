import { useEffect, useMemo, useReducer, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { emailProblem } from '../model/email';
import { fieldsOf, randomIdentity } from '../model/identity';
import { error, type Outcome, type OutcomeAction } from '../model/outcome';
import type { IdentityFields } from '../model/vendor';
import type { VendorId } from '../model/vendor-ids';
import { originOf } from '../sites/sites';
import { openInspector } from '../actions/inspector-handoff';
import { profileOf } from '../vendors/registry';
import { addressNote } from './page-address';
import { accountWarning, chosenEnvironment, optionsQuery } from './popup-logic';
import { busyWith, type Command, initialState, popupReducer, startSdkRetry, unlockRetry } from './popup-state';
import type { PopupContext } from './target';
import { useCommands } from './useCommands';
import { useIdentities } from './useIdentities';
import { usePopupContext } from './usePopupContext';
import { DEFAULT_VENDOR } from '../vendors/registry';

const loadActions = () => import('./commands/popup-actions');

/**
 * The popup's state and what its controls do, for PopupView to hand to its parts: the page and
 * environment (usePopupContext), the saved identities (useIdentities), the status region's
 * state machine (popup-state.ts) and the commands that drive it (useCommands); here, what the
 * tester is typing and the actions that stay inside the popup.
 */
export function usePopup(contextPromise: Promise<PopupContext>, typed?: IdentityFields, pageVendor: VendorId = DEFAULT_VENDOR) {
  const [state, dispatch] = useReducer(popupReducer, initialState);
  const say = (outcome: Outcome) => dispatch({ type: 'finished', outcome });
  const { context, environmentId, setEnvironmentId, account, failed, latest } = usePopupContext(contextPromise, say);
  const { identities, showUsed, add } = useIdentities(context, environmentId, failed, say);
  // What the tester typed into the prerendered fields before this ran is kept, not wiped.
  const [fields, setFields] = useState<IdentityFields>(typed ?? { externalId: '', email: '', name: '' });
  const [filter, setFilter] = useState('');
  const [label, setLabel] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [emailTouched, setEmailTouched] = useState(false);
  const commands = useCommands({ context: latest, environmentId, identities, fields, showUsed, dispatch });

  const environment = chosenEnvironment(context, environmentId);
  // Until an environment is known, the vendor this page was prerendered for: no field changes.
  const vendor = profileOf(environment?.vendor ?? pageVendor);
  // The environment's settings may change which fields its credential needs.
  const claims = useMemo(() => vendor.buildClaims(fields, 'login', environment?.settings), [fields, vendor, environment?.settings]);
  const email = fields.email.trim();

  // A command in the popup's address is not the tester's (page-address.ts): said, never done.
  // Whatever storage then says about the page replaces the note.
  useEffect(() => {
    const note = addressNote();
    if (note) say({ tone: 'warning', message: note, notes: [] });
  }, []);

  function perform(command: Command, startSdk = false) {
    // Email errors show from the first click on, not on blur: a message appearing on blur
    // moves the buttons under the pointer and swallows the click.
    if (command.kind !== 'switch') setEmailTouched(true);
    const identity = command.kind === 'switch' && identities.find((i) => i.id === command.identityId);
    if (identity) setFields({ name: '', ...fieldsOf(identity) });
    void commands.perform(command, startSdk);
  }

  function newRandomIdentity() {
    const draft = randomIdentity();
    setFields({ externalId: draft.externalId, email: draft.email, name: vendor.fields.some((f) => f.key === 'name') ? `QA ${draft.label}` : '' });
    setLabel(draft.label);
  }

  async function copyToken(token: string) {
    try {
      await navigator.clipboard.writeText(token);
      dispatch({ type: 'copied' });
    } catch {
      say(error('Could not copy the token: open it in the inspector and copy it there.'));
    }
  }

  /** What the popup does on its own (no page command), loaded on the first click that needs it. */
  const here = async () => {
    const actions = await loadActions();
    const inputs = { context, environment, vendor, identities, fields, label, passphrase, say, dispatch, add, setLabel, setPassphrase, setEmailTouched };
    return { actions, inputs };
  };
  const saveIdentity = async () => {
    const { actions, inputs } = await here();
    await actions.saveIdentity(inputs);
  };
  const askHistorySync = async () => {
    const { actions, inputs } = await here();
    await actions.askHistorySync(inputs);
  };
  const unlock = async () => {
    const { actions, inputs } = await here();
    if (!(await actions.unlock(inputs))) return;
    const retry = unlockRetry(state);
    if (retry) perform(retry.command, retry.startSdk);
    else say({ tone: 'success', message: 'Unlocked.', notes: [] });
  };

  async function runAction(action: OutcomeAction) {
    if (action.kind === 'unlock') return;
    const again = startSdkRetry(state);
    if (action.kind === 'start-sdk') return again && perform(again, true);
    if (action.kind === 'open-options') {
      await browser.tabs.create({ url: browser.runtime.getURL(`src/options/index.html${optionsQuery(action, { account, vendor })}`) });
      return;
    }
    // Called straight from the click so the browser sees the user gesture it requires.
    const granted = await browser.permissions.request({ origins: action.origins });
    say(granted ? { tone: 'success', message: 'Access granted. Click "Log in" again.', notes: [] } : error('The browser did not grant access, so the extension cannot reach this page.'));
  }

  return {
    context,
    environment,
    environmentId,
    setEnvironmentId,
    vendor,
    identities,
    filter,
    setFilter,
    fields,
    setFields,
    label,
    setLabel,
    bothWarning: claims.ok ? claims.warnings[0] : undefined,
    emailError: emailTouched && email !== '' ? emailProblem(email) : undefined,
    state,
    busy: busyWith(state),
    ready: busyWith(state) === undefined,
    cancel: commands.cancel,
    dismiss: () => dispatch({ type: 'dismissed' }),
    passphrase,
    setPassphrase,
    account,
    accountWarning: account && context ? accountWarning(account, environment, context.environments) : undefined,
    site: context?.target?.url ? originOf(context.target.url) : undefined,
    perform,
    saveIdentity,
    newRandomIdentity,
    askHistorySync,
    openIntegrationCheck: async () => {
      // The check runs on its own page, so it goes on when this popup closes.
      if (!context?.target || !environment) return;
      const query = new URLSearchParams({ tabId: String(context.target.tabId), env: environment.id });
      await browser.tabs.create({ url: browser.runtime.getURL(`src/check/index.html?${query}`) });
    },
    copyToken,
    unlock,
    runAction,
    inspect: (token?: string) => void openInspector(token, environment?.id),
    openOptions: () => void browser.runtime.openOptionsPage(),
  };
}

export type PopupController = ReturnType<typeof usePopup>;

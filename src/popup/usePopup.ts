import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { emailProblem } from '../model/email';
import { store } from '../storage/extension-store';
import { fieldsOf, identityFromDraft, randomIdentity, resultOf } from '../model/identity';
import type { LoginResult } from '../actions/login';
import { error, type Outcome, type OutcomeAction, reachOutcome, type SessionView } from '../model/outcome';
import type { WaitOptions } from '../page-bridge/page-runner';
import type { Identity } from '../model/schema';
import { originOf } from '../sites/sites';
import { ConflictError } from '../storage/storage';
import { lastLoginOn, type TabLogin } from '../storage/tab-logins';
import { openInspector } from '../inspector/handoff';
import { loadVendor, profileOf } from '../vendors/registry';
import type { IdentityFields } from '../model/vendor';
import { chosenEnvironment, loginBlocked, messageOf, optionsQuery, orgWarning, savedIdentityFor } from './popup-logic';
import { keepOrder } from './keep-order';
import { loadIdentities, loadPopupContext, type PopupContext } from './target';

// The login path (signing with jose, the page code) loads after the first paint, not before
// it: the popup is usable at once and these are warm by the time the tester clicks.
const loadLogin = () => import('../actions/login');
const loadSession = () => import('../actions/page-commands');
const loadHistorySync = () => import('../actions/history-sync');
const loadVault = () => import('../storage/extension-vault');
const loadPageAccount = () => import('../page-bridge/page-account');

export type Busy = 'login' | 'logout' | 'check' | 'switch' | 'sync' | undefined;

/** A question the status region asks before doing something the tester should agree to. */
export interface Confirmation {
  message: string;
  login: TabLogin;
  incognito: boolean;
}

/**
 * The popup's state and actions, for its view components (Popup.tsx) to show and call.
 * Storage and the tab are read once (`contextPromise`, started before the first render); every
 * action is guarded: one at a time, cancellable while it waits for the page.
 */
export function usePopup(contextPromise: Promise<PopupContext>, typed?: IdentityFields) {
  const [context, setContext] = useState<PopupContext>();
  const [environmentId, setEnvironmentId] = useState<string>();
  const [identities, setIdentities] = useState<Identity[]>([]);
  const [filter, setFilter] = useState('');
  // What the tester typed into the prerendered fields before this ran is kept, not wiped.
  const [fields, setFields] = useState<IdentityFields>(typed ?? { externalId: '', email: '', name: '' });
  const [label, setLabel] = useState('');
  const [emailTouched, setEmailTouched] = useState(false);
  const [busy, setBusy] = useState<Busy>();
  const [progress, setProgress] = useState<string>();
  const [outcome, setOutcomeState] = useState<Outcome>();
  const [sequence, setSequence] = useState(0);
  const [session, setSession] = useState<SessionView>();
  const [confirmation, setConfirmation] = useState<Confirmation>();
  const [copied, setCopied] = useState(false);
  const [pendingRetry, setPendingRetry] = useState<() => void>();
  /** What "Start chat SDK" does: the last action again, starting the page's chat SDK first. */
  const [startRetry, setStartRetry] = useState<() => void>();
  /** While busy: what the page is being waited for, if anything, and how to stop (Cancel). */
  const [waiting, setWaiting] = useState<string>();
  const [cancel, setCancel] = useState<() => void>();
  const [passphrase, setPassphrase] = useState('');
  const [org, setOrg] = useState<string>();

  const setOutcome = (next: Outcome) => {
    setOutcomeState(next);
    setCopied(false);
    setConfirmation(undefined);
    setProgress(undefined);
    setWaiting(undefined);
    if (next.session) setSession(next.session);
    setSequence((n) => n + 1);
  };

  // Storage changed (an Options edit, another popup): read it again, so a login signs with what is stored now.
  const latest = useRef(contextPromise);
  useEffect(() => {
    // Only what the popup shows: a read that tidies other keys must not start another read.
    const reread = (changes: object, area: string) => {
      if (area !== 'local' || !Object.keys(changes).some((key) => /^(environments|settings|identities:)/.test(key))) return;
      latest.current = loadPopupContext(new URLSearchParams(location.search).get('tabId'));
      latest.current.then(setContext, () => {});
    };
    browser.storage.onChanged.addListener(reread);
    return () => browser.storage.onChanged.removeListener(reread);
  }, []);

  useEffect(() => {
    contextPromise.then(
      (loaded) => {
        setContext(loaded);
        const first = loaded.matches[0]?.environment;
        setEnvironmentId(first?.id);
        if (loaded.problem) setOutcome(loaded.problem);
        if (!first) return;
        setTimeout(() => void loadLogin(), 0);
        // What the page says about the vendor's account (Kustomer's org): after the first paint, only a hint.
        const tabId = loaded.target?.tabId;
        if (tabId !== undefined && loaded.target?.url) {
          void loadVendor(first.vendor)
            .then(async (vendor) => (await loadPageAccount()).readPageAccount(tabId, vendor.pageAccount))
            .then(setOrg);
        }
      },
      (caught) => {
        setOutcome(error(`Could not read the extension's storage: ${messageOf(caught)}`));
        setLoaded(true);
      },
    );
  }, [contextPromise]);

  /**
   * Set once storage and the tab have answered and the environment's identities are shown:
   * marked for the benchmark and DevTools, and as data-loaded on #app for a tester's automation
   * (the controls take input before that; this says what they show is final).
   */
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    if (!loaded) return;
    performance.mark('popup-loaded');
    document.getElementById('app')?.setAttribute('data-loaded', '');
    // Focus where a tester starts: the filter, or the first field when there is nothing to filter.
    localStorage.setItem('popup-rows', String(Math.min(identities.length, 4.5)));
    if (document.activeElement === document.body) document.querySelector<HTMLElement>(identities.length ? '#identity-filter' : 'form input')?.focus();
  }, [loaded]);

  useEffect(() => {
    if (!environmentId) {
      setIdentities([]);
      if (context) setLoaded(true);
      return;
    }
    loadIdentities(environmentId).then(
      (found) => {
        setIdentities((shown) => keepOrder(shown, found.identities));
        setLoaded(true);
      },
      (caught) => {
        setOutcome(error(`Could not read the saved identities: ${messageOf(caught)}`));
        setLoaded(true);
      },
    );
  }, [environmentId, context]);

  const environment = chosenEnvironment(context, environmentId);
  const vendor = profileOf(environment?.vendor);
  const claims = useMemo(() => vendor.buildClaims(fields), [fields, vendor]);
  const email = fields.email.trim();

  /** Shows a saved identity as updated with its last result (stored already), in its new place. */
  function showUsed(used: Identity | undefined) {
    if (used) setIdentities((list) => list.map((i) => (i.id === used.id ? used : i)));
  }

  /** A login's outcome, its identity's list line brought up to date (actions/login stored it). */
  function shown(result: LoginResult): LoginResult {
    showUsed(result.used);
    return result;
  }

  /**
   * Runs one action with the controls disabled. `work` gets the wait options that show a wait
   * for the page's chat in the status region, with Cancel; `again` reruns the action with
   * `startSdk` for the "Start chat SDK" button, and after an unlock.
   */
  async function guarded(
    kind: Exclude<Busy, undefined>,
    work: (wait: WaitOptions) => Promise<Outcome | undefined>,
    options: { startSdk?: boolean; again?: (startSdk: boolean) => void } = {},
  ) {
    const controller = new AbortController();
    const { again } = options;
    setStartRetry(again ? () => () => again(true) : undefined);
    setBusy(kind);
    setCancel(() => () => controller.abort());
    const wait: WaitOptions = { signal: controller.signal, startSdk: options.startSdk, onWait: setWaiting };
    try {
      const result = await work(wait);
      if (result?.action?.kind === 'unlock' && again) setPendingRetry(() => () => again(options.startSdk ?? false));
      if (result) setOutcome(result);
    } catch (caught) {
      setOutcome(error(`Something failed unexpectedly: ${messageOf(caught)}`));
    } finally {
      setWaiting(undefined);
      setCancel(undefined);
      setBusy(undefined);
    }
  }

  /** Log in with the typed fields, log out, or check who is logged in. */
  async function act(kind: 'login' | 'logout' | 'check', startSdk = false) {
    performance.mark(`${kind}-click`);
    const context = await latest.current;
    const environment = chosenEnvironment(context, environmentId);
    // Email errors show from the first click on, not on blur: a message appearing on blur
    // moves the buttons under the pointer and swallows the click.
    setEmailTouched(true);
    const target = context.target;
    await guarded(
      kind,
      async (wait) => {
        if (kind === 'login') {
          const blocked = loginBlocked(context, environment);
          if (blocked || !target || !environment) return blocked;
          const saved = savedIdentityFor(identities, fields);
          const { logIn } = await loadLogin();
          return shown(await logIn({ target, environment, fields, settings: context.settings, identityId: saved?.id, wait }));
        }
        if (!target) return context.problem ?? reachOutcome({ kind: 'no-tab' });
        const { checkLogin, logOut } = await loadSession();
        if (kind === 'logout') return logOut(target, context.settings, environment, wait);
        return checkLogin(target, fields, context.settings, environment, wait);
      },
      { startSdk, again: (start) => void act(kind, start) },
    );
  }

  /** One click on "Log in as LABEL": a switch (actions/login logs the previous customer out first). */
  async function switchTo(identity: Identity, startSdk = false) {
    performance.mark('switch-click');
    const context = await latest.current;
    const environment = chosenEnvironment(context, environmentId);
    setFields({ name: '', ...fieldsOf(identity) });
    await guarded(
      'switch',
      async (wait) => {
        const blocked = loginBlocked(context, environment);
        if (blocked || !context.target || !environment) return blocked;
        if (!identities.some((i) => i.id === identity.id)) {
          return error(`"${identity.label}" belongs to another environment than ${environment.name}. Pick one of this environment's identities.`);
        }
        const { logIn } = await loadLogin();
        const target = context.target;
        return shown(await logIn({ target, environment, fields: fieldsOf(identity), settings: context.settings, identityId: identity.id, wait }));
      },
      { startSdk, again: (start) => void switchTo(identity, start) },
    );
  }

  async function saveIdentity() {
    if (!environment) return setOutcome(context?.problem ?? error('Choose a site with an environment before saving identities.'));
    setEmailTouched(true);
    const result = identityFromDraft({ label, ...fields, note: '' }, identities, Date.now(), vendor);
    if (!result.ok) return setOutcome(error(Object.values(result.errors).filter(Boolean).join(' ')));
    try {
      await store.saveIdentity(environment.id, result.identity);
    } catch (caught) {
      return setOutcome(error(caught instanceof ConflictError ? caught.message : `Not saved: ${messageOf(caught)}. Your entries are still in the fields.`));
    }
    setIdentities((list) => [...list, result.identity]);
    setLabel('');
    setOutcome({ tone: 'success', message: `Saved identity "${result.identity.label}" in ${environment.name}.`, notes: [] });
  }

  function newRandomIdentity() {
    const draft = randomIdentity();
    setFields({ externalId: draft.externalId, email: draft.email, name: vendor.fields.some((f) => f.key === 'name') ? `QA ${draft.label}` : '' });
    setLabel(draft.label);
  }

  async function askHistorySync() {
    if (!context?.target || !environment) return setOutcome(context?.problem ?? reachOutcome({ kind: 'no-tab' }));
    const login = await lastLoginOn(context.target.tabId, environment.id, context.target.url ? originOf(context.target.url) : undefined);
    if (!login) return setOutcome(error('Log a customer in on this tab first: the check uses the customer this extension logged in here.'));
    const incognito = await (await loadHistorySync()).incognitoAllowed();
    setOutcome({ tone: 'warning', message: '', notes: [] });
    setConfirmation({
      login,
      incognito,
      message: `The check logs ${vendor.describe(login.lookup)} out, clears the chat's device data on this page, reloads it and logs them in again.`,
    });
  }

  async function runHistorySync(where: 'tab' | 'incognito', login: TabLogin) {
    if (!context?.target || !environment) return;
    const target = context.target;
    setConfirmation(undefined);
    await guarded(
      'sync',
      async (wait) => {
        // Unlocked before anything happens to the page: the check reloads it.
        const signing = await (await loadLogin()).unsealed(environment);
        if ('tone' in signing) return signing;
        const sync = await loadHistorySync();
        const check = where === 'tab' ? sync.checkHistorySync : sync.checkHistorySyncIncognito;
        const result = await check(target, signing, login, context.settings, setProgress, wait.signal);
        if (result.session && login.identityId) {
          showUsed(await store.recordUse(environment.id, login.identityId, resultOf(result)).catch(() => undefined));
        }
        return result;
      },
      { again: () => void runHistorySync(where, login) },
    );
  }

  /** The check runs on its own page, so it goes on when this popup closes. */
  async function openIntegrationCheck() {
    if (!context?.target || !environment) return;
    const query = new URLSearchParams({ tabId: String(context.target.tabId), env: environment.id });
    await browser.tabs.create({ url: browser.runtime.getURL(`src/check/index.html?${query}`) });
  }

  async function copyToken(token: string) {
    try {
      await navigator.clipboard.writeText(token);
      setCopied(true);
    } catch {
      setOutcome(error('Could not copy the token: open it in the inspector and copy it there.'));
    }
  }

  async function unlock() {
    const { vault, PassphraseError } = await loadVault();
    try {
      await vault.unlock(passphrase);
    } catch (caught) {
      setOutcome(error(caught instanceof PassphraseError ? caught.message : `Could not unlock: ${messageOf(caught)}`));
      return;
    }
    setPassphrase('');
    const retry = pendingRetry;
    setPendingRetry(undefined);
    if (retry) retry();
    else setOutcome({ tone: 'success', message: 'Unlocked.', notes: [] });
  }

  async function runAction(action: OutcomeAction) {
    if (action.kind === 'unlock') return;
    if (action.kind === 'start-sdk') return startRetry?.();
    if (action.kind === 'open-options') {
      await browser.tabs.create({ url: browser.runtime.getURL(`src/options/index.html${optionsQuery(action)}`) });
      return;
    }
    // Called straight from the click so the browser sees the user gesture it requires.
    const granted = await browser.permissions.request({ origins: action.origins });
    setOutcome(
      granted
        ? { tone: 'success', message: 'Access granted. Click "Log in" again.', notes: [] }
        : error('The browser did not grant access, so the extension cannot reach this page.'),
    );
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
    busy,
    ready: busy === undefined,
    waiting: waiting ?? progress,
    cancel,
    outcome,
    sequence,
    session,
    confirmation,
    dismissConfirmation: () => setConfirmation(undefined),
    copied,
    passphrase,
    setPassphrase,
    org,
    orgWarning: org && context ? orgWarning(org, environment, context.environments) : undefined,
    site: context?.target?.url ? originOf(context.target.url) : undefined,
    act,
    switchTo,
    saveIdentity,
    newRandomIdentity,
    askHistorySync,
    runHistorySync,
    openIntegrationCheck,
    copyToken,
    unlock,
    runAction,
    inspect: (token?: string) => void openInspector(token, environment?.id),
    openOptions: () => void browser.runtime.openOptionsPage(),
  };
}

export type PopupController = ReturnType<typeof usePopup>;

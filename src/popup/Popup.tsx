import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { store } from '../core/extension-store';
import { fieldsOf, identityFromDraft, randomIdentity, resultOf, sortIdentities } from '../core/identity';
import type { Environment, Identity } from '../core/schema';
import { hasSecret, lockedOutcome, noSecretOutcome, type Outcome, type OutcomeAction, reachOutcome, type SessionView } from '../core/outcome';
import { originOf } from '../core/sites';
import { ConflictError } from '../core/storage';
import { lastLoginOn, type TabLogin } from '../core/tab-session';
import { buildClaims, describeLookup, emailProblem, type IdentityFields } from '../kustomer/claims';
import { openInspector } from '../inspector/handoff';
import { Field } from '../ui/Field';
import { UnlockForm } from '../ui/UnlockForm';
import { StatusRegion } from '../ui/StatusRegion';
import { IdentityList } from './IdentityList';
import { SeenOnPage } from './SeenOnPage';
import { SessionPanel } from './SessionPanel';
import { loadIdentities, type PopupContext } from './target';
import type { WaitOptions } from '../core/page-runner';

// Signing (jose) and the page code load after the first paint, not before it: the popup is
// usable at once and these are warm by the time the tester clicks.
const loadSession = () => import('../core/session');
const loadHistorySync = () => import('../core/history-sync');
const loadPageOrg = () => import('../core/page-org');
const loadVault = () => import('../core/extension-vault');

type Busy = 'login' | 'logout' | 'check' | 'switch' | 'sync' | undefined;

/** A question the status region asks before doing something the tester should agree to. */
interface Confirmation {
  message: string;
  login: TabLogin;
  incognito: boolean;
}

function optionsUrl(action: Extract<OutcomeAction, { kind: 'open-options' }>): string {
  const params = new URLSearchParams();
  if (action.site) params.set('site', action.site);
  if (action.environmentId) params.set('edit', action.environmentId);
  const query = params.toString();
  return browser.runtime.getURL(`src/options/index.html${query ? `?${query}` : ''}`);
}

const ACTION_LABELS: Record<Exclude<OutcomeAction['kind'], 'unlock'>, string> = {
  'open-options': 'Open options',
  'grant-access': 'Grant access',
  'start-sdk': 'Start chat SDK',
};

const failure = (message: string): Outcome => ({ tone: 'error', message, notes: [] });

/** When the page's org and the environment disagree, or another environment is for this org. */
function orgWarning(org: string, environment: Environment | undefined, all: Environment[]): string | undefined {
  if (environment?.orgName && environment.orgName !== org.toLowerCase()) {
    return `This page's chat belongs to org ${org}, but ${environment.name} is for org ${environment.orgName}: tokens signed with its secret will be refused.`;
  }
  if (!environment) {
    const owner = all.find((e) => e.orgName === org.toLowerCase());
    if (owner) return `This page's chat belongs to org ${org}, which environment ${owner.name} is for: add this site to it in Options.`;
  }
  return undefined;
}
const messageOf = (caught: unknown) => String((caught as Error)?.message ?? caught);

interface PopupProps {
  params: URLSearchParams;
  /** Storage and tab, read while the popup renders: controls are live before it arrives. */
  context: Promise<PopupContext>;
}

export function Popup({ params, context: contextPromise }: PopupProps) {
  const [context, setContext] = useState<PopupContext>();
  const [environmentId, setEnvironmentId] = useState<string>();
  const [identities, setIdentities] = useState<Identity[]>([]);
  const [filter, setFilter] = useState('');
  const [fields, setFields] = useState<IdentityFields>({ externalId: '', email: '' });
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

  useEffect(() => {
    contextPromise.then(
      (loaded) => {
        setContext(loaded);
        setEnvironmentId(loaded.matches[0]?.environment.id);
        if (loaded.problem) setOutcome(loaded.problem);
        if (loaded.matches.length > 0) setTimeout(() => void loadSession(), 0);
        // Which org the page's chat belongs to: after the first paint, it is only a hint.
        const tabId = loaded.target?.tabId;
        if (tabId !== undefined && loaded.target?.url) {
          void loadPageOrg()
            .then(({ pageOrg }) => pageOrg(tabId))
            .then(setOrg);
        }
      },
      (caught) => setOutcome(failure(`Could not read the extension's storage: ${messageOf(caught)}`)),
    );
  }, [contextPromise]);

  // The controls are live from the first render (a click waits for the context if it must):
  // mark it for the benchmark and DevTools.
  useLayoutEffect(() => {
    performance.mark('popup-ready');
  }, []);

  useEffect(() => {
    if (!environmentId) return setIdentities([]);
    loadIdentities(environmentId).then(
      (loaded) => setIdentities(loaded.identities),
      (caught) => setOutcome(failure(`Could not read the saved identities: ${messageOf(caught)}`)),
    );
  }, [environmentId]);

  const environmentIn = (ctx: PopupContext | undefined) =>
    (ctx?.matches.find((m) => m.environment.id === environmentId) ?? ctx?.matches[0])?.environment;
  const environment = environmentIn(context);
  const claims = useMemo(() => buildClaims(fields), [fields]);
  const bothWarning = claims.ok ? claims.warnings[0] : undefined;
  const emailError = emailTouched && fields.email.trim() !== '' ? emailProblem(fields.email.trim()) : undefined;

  /** Remembers what a login as a saved identity found, for the list's at-a-glance line. */
  async function remember(identity: Identity | undefined, result: Outcome) {
    if (!identity || !environment) return;
    try {
      const updated = await store.recordUse(environment.id, identity.id, resultOf(result));
      if (updated) setIdentities((list) => sortIdentities(list.map((i) => (i.id === updated.id ? updated : i))));
    } catch {
      // Storage full or unavailable: the login itself stands; only the history line is not kept.
    }
  }

  /**
   * Runs one action with the controls disabled. `work` gets the wait options that show a wait
   * for the page's chat in the status region, with Cancel; `again` reruns the action with
   * `startSdk` for the "Start chat SDK" button.
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
      if (result) setOutcome(result);
    } catch (caught) {
      setOutcome(failure(`Something failed unexpectedly: ${messageOf(caught)}`));
    } finally {
      setWaiting(undefined);
      setCancel(undefined);
      setBusy(undefined);
    }
  }

  function loginPreconditions(context: PopupContext, environment: Environment | undefined): Outcome | undefined {
    if (!context.target) return context.problem ?? reachOutcome({ kind: 'no-tab' });
    if (!environment) return context.problem ?? reachOutcome({ kind: 'no-tab' });
    if (!hasSecret(environment)) return noSecretOutcome(environment);
    return undefined;
  }

  /**
   * The environment with its secret in plain text, for signing (in memory only). When the
   * secrets are locked, asks for the passphrase and runs `retry` once unlocked.
   */
  async function unsealed(environment: Environment, retry: () => void): Promise<Environment | Outcome> {
    if (!environment.secretSealed) return environment;
    const { vault, PassphraseError } = await loadVault();
    try {
      return { ...environment, secret: await vault.secretOf(environment) };
    } catch (caught) {
      if (!(caught instanceof PassphraseError)) throw caught;
      setPendingRetry(() => retry);
      return lockedOutcome();
    }
  }

  async function act(kind: 'login' | 'logout' | 'check', startSdk = false) {
    performance.mark(`${kind}-click`);
    const context = await contextPromise;
    const environment = environmentIn(context);
    // Email errors show from the first click on, not on blur: a message appearing on blur
    // moves the buttons under the pointer and swallows the click.
    setEmailTouched(true);
    const target = context.target;
    await guarded(
      kind,
      async (wait) => {
        if (kind === 'login') {
          const blocked = loginPreconditions(context, environment);
          if (blocked || !target || !environment) return blocked;
          const signing = await unsealed(environment, () => void act('login'));
          if ('tone' in signing) return signing;
          const saved = identities.find((i) => i.externalId === fields.externalId.trim() && i.email === fields.email.trim());
          const { logIn } = await loadSession();
          const result = await logIn(target, signing, fields, context.settings, { identityId: saved?.id, ...wait });
          await remember(saved, result);
          return result;
        }
        if (!target) return context.problem ?? reachOutcome({ kind: 'no-tab' });
        const { checkLogin, logOut } = await loadSession();
        if (kind === 'logout') return logOut(target, context.settings, environment, wait);
        return checkLogin(target, fields, context.settings, environment, wait);
      },
      { startSdk, again: (start) => void act(kind, start) },
    );
  }

  async function switchTo(identity: Identity, startSdk = false) {
    performance.mark('switch-click');
    const context = await contextPromise;
    const environment = environmentIn(context);
    setFields(fieldsOf(identity));
    await guarded(
      'switch',
      async (wait) => {
        const blocked = loginPreconditions(context, environment);
        if (blocked || !context.target || !environment) return blocked;
        if (!identities.some((i) => i.id === identity.id)) {
          return failure(`"${identity.label}" belongs to another environment than ${environment.name}. Pick one of this environment's identities.`);
        }
        const signing = await unsealed(environment, () => void switchTo(identity));
        if ('tone' in signing) return signing;
        const { logIn } = await loadSession();
        const result = await logIn(context.target, signing, fieldsOf(identity), context.settings, { identityId: identity.id, ...wait });
        await remember(identity, result);
        return result;
      },
      { startSdk, again: (start) => void switchTo(identity, start) },
    );
  }

  async function saveIdentity() {
    if (!environment) return setOutcome(context?.problem ?? failure('Choose a site with an environment before saving identities.'));
    setEmailTouched(true);
    const result = identityFromDraft({ label, externalId: fields.externalId, email: fields.email, note: '' }, identities);
    if (!result.ok) {
      return setOutcome(failure(Object.values(result.errors).filter(Boolean).join(' ')));
    }
    try {
      await store.saveIdentity(environment.id, result.identity);
    } catch (caught) {
      return setOutcome(failure(caught instanceof ConflictError ? caught.message : `Not saved: ${messageOf(caught)}. Your entries are still in the fields.`));
    }
    setIdentities((list) => sortIdentities([...list, result.identity]));
    setLabel('');
    setOutcome({ tone: 'success', message: `Saved identity "${result.identity.label}" in ${environment.name}.`, notes: [] });
  }

  function newRandomIdentity() {
    const draft = randomIdentity();
    setFields({ externalId: draft.externalId, email: draft.email });
    setLabel(draft.label);
  }

  async function askHistorySync() {
    if (!context?.target || !environment) return setOutcome(context?.problem ?? reachOutcome({ kind: 'no-tab' }));
    const login = await lastLoginOn(context.target.tabId, environment.id, context.target.url ? originOf(context.target.url) : undefined);
    if (!login) {
      return setOutcome(failure('Log a customer in on this tab first: the check uses the customer this extension logged in here.'));
    }
    const incognito = await (await loadHistorySync()).incognitoAllowed();
    setOutcome({ tone: 'warning', message: '', notes: [] });
    setConfirmation({
      login,
      incognito,
      message: `The check logs ${describeLookup(login.lookup)} out, clears the chat's device data on this page, reloads it and logs them in again.`,
    });
  }

  async function runHistorySync(where: 'tab' | 'incognito', login: TabLogin) {
    if (!context?.target || !environment) return;
    const target = context.target;
    setConfirmation(undefined);
    await guarded('sync', async (wait) => {
      const signing = await unsealed(environment, () => void runHistorySync(where, login));
      if ('tone' in signing) return signing;
      const sync = await loadHistorySync();
      const check = where === 'tab' ? sync.checkHistorySync : sync.checkHistorySyncIncognito;
      const result = await check(target, signing, login, context.settings, setProgress, wait.signal);
      const identity = identities.find((i) => i.id === login.identityId);
      if (result.session) await remember(identity, result);
      return result;
    });
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
      setOutcome(failure('Could not copy the token: open it in the inspector and copy it there.'));
    }
  }

  async function unlock() {
    const { vault, PassphraseError } = await loadVault();
    try {
      await vault.unlock(passphrase);
    } catch (caught) {
      setOutcome(failure(caught instanceof PassphraseError ? caught.message : `Could not unlock: ${messageOf(caught)}`));
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
    if (action.kind === 'start-sdk') {
      startRetry?.();
      return;
    }
    if (action.kind === 'open-options') {
      await browser.tabs.create({ url: optionsUrl(action) });
      return;
    }
    // Called straight from the click so the browser sees the user gesture it requires.
    const granted = await browser.permissions.request({ origins: action.origins });
    setOutcome(
      granted
        ? { tone: 'success', message: 'Access granted. Click "Log in" again.', notes: [] }
        : failure('The browser did not grant access, so the extension cannot reach this page.'),
    );
  }

  const ready = busy === undefined;
  const site = context?.target?.url ? originOf(context.target.url) : undefined;

  return (
    <>
      <h1>Chat Identity Lab</h1>
      <section class="target" aria-label="Page under test">
        <dl>
          <dt>Site</dt>
          <dd>{context ? (site ?? 'not visible to the extension') : 'Loading…'}</dd>
          {org && (
            <>
              <dt>Org</dt>
              <dd>{org}</dd>
            </>
          )}
          <dt>Environment</dt>
          <dd>
            {context && context.matches.length > 1 ? (
              <select aria-label="Environment" value={environmentId} onChange={(e) => setEnvironmentId(e.currentTarget.value)}>
                {context.matches.map((m) => (
                  <option key={m.environment.id} value={m.environment.id}>
                    {m.environment.name}
                  </option>
                ))}
              </select>
            ) : (
              (environment?.name ?? (context ? 'none' : '…'))
            )}
          </dd>
        </dl>
        {org && context && orgWarning(org, environment, context.environments) && <p class="warning">{orgWarning(org, environment, context.environments)}</p>}
        {context !== undefined && context.unreadable > 0 && (
          <p class="warning">{context.unreadable} stored record(s) could not be read and are ignored; see Options.</p>
        )}
      </section>

      {environment && <IdentityList identities={identities} filter={filter} onFilter={setFilter} onLogin={switchTo} disabled={!ready} />}

      <form
        aria-label="Identity"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) void act('login');
        }}
      >
        <h2>Log in as</h2>
        <Field
          id="external-id"
          label="External ID"
          value={fields.externalId}
          placeholder="cust-1001"
          onInput={(externalId) => setFields({ ...fields, externalId })}
        />
        <Field
          id="email"
          label="Email"
          type="email"
          value={fields.email}
          placeholder="ada@example.test"
          error={emailError}
          onInput={(email) => setFields({ ...fields, email })}
        />
        {bothWarning && <p class="warning">{bothWarning}</p>}
        <div class="actions">
          <button type="submit" class="primary" disabled={!ready}>
            Log in
          </button>
          <button type="button" disabled={!ready} onClick={() => act('logout')}>
            Log out
          </button>
          <button type="button" disabled={!ready} onClick={() => act('check')}>
            Check login
          </button>
        </div>
        {environment && (
          <>
            <div class="save-row">
              <Field id="identity-label" label="Label" value={label} placeholder="VIP with 3 open chats" onInput={setLabel} />
              <button type="button" disabled={!ready} onClick={saveIdentity}>
                Save identity
              </button>
            </div>
            <div class="secondary-actions">
              <button type="button" disabled={!ready} onClick={newRandomIdentity}>
                New random identity
              </button>
              <button type="button" disabled={!ready} onClick={askHistorySync}>
                Check history sync
              </button>
              <button type="button" disabled={!ready || !context?.target} onClick={() => void openIntegrationCheck()}>
                Run integration check
              </button>
            </div>
          </>
        )}
      </form>

      <StatusRegion tone={outcome?.tone} busy={busy !== undefined} sequence={sequence}>
        {busy && (
          <div class="row">
            <p>{waiting ?? progress ?? 'Working…'}</p>
            {cancel && (
              <button type="button" onClick={cancel}>
                Cancel
              </button>
            )}
          </div>
        )}
        {confirmation && (
          <>
            <p>{confirmation.message}</p>
            <div class="row">
              <button type="button" onClick={() => runHistorySync('tab', confirmation.login)}>
                Reload and check
              </button>
              {confirmation.incognito && (
                <button type="button" onClick={() => runHistorySync('incognito', confirmation.login)}>
                  Check in an incognito window
                </button>
              )}
              <button type="button" onClick={() => setConfirmation(undefined)}>
                Cancel
              </button>
            </div>
            {!confirmation.incognito && (
              <p class="muted">
                To check in a separate incognito window instead (leaving this tab alone), allow Chat Identity Lab in incognito:
                chrome://extensions → Chat Identity Lab → Details → Allow in Incognito.
              </p>
            )}
          </>
        )}
        {outcome && !confirmation && !busy && outcome.message && (
          <>
            <p>{outcome.message}</p>
            {outcome.notes.map((note) => (
              <p key={note} class="muted">
                {note}
              </p>
            ))}
            {outcome.action?.kind === 'unlock' && (
              <UnlockForm id="unlock-passphrase" passphrase={passphrase} onInput={setPassphrase} onUnlock={() => void unlock()} />
            )}
            {outcome.action && outcome.action.kind !== 'unlock' && (
              <button type="button" onClick={() => outcome.action && runAction(outcome.action)}>
                {ACTION_LABELS[outcome.action.kind]}
              </button>
            )}
            {copied && <p class="muted">Token copied.</p>}
            {outcome.token && (
              <div class="row">
                <button type="button" onClick={() => outcome.token && copyToken(outcome.token)}>
                  Copy token
                </button>
                <button type="button" onClick={() => void openInspector(outcome.token, environment?.id)}>
                  Inspect token
                </button>
              </div>
            )}
          </>
        )}
      </StatusRegion>

      {environment && <SessionPanel session={session} />}

      {context?.target && environment && environment.observeLogins !== false && (
        <SeenOnPage tabId={context.target.tabId} onInspect={(token) => void openInspector(token, environment.id)} />
      )}

      <footer class="row">
        <button type="button" class="link" onClick={() => browser.runtime.openOptionsPage()}>
          Options
        </button>
        <button type="button" class="link" onClick={() => void openInspector(undefined, environment?.id)}>
          Token inspector
        </button>
      </footer>
    </>
  );
}

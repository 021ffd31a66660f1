import { useEffect, useMemo, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { buildClaims, emailProblem, type IdentityFields } from '../kustomer/claims';
import { checkLogin, logIn, logOut, noSecretOutcome, type Outcome, type OutcomeAction, reachOutcome } from '../core/session';
import { originOf } from '../core/sites';
import { Field } from '../ui/Field';
import { StatusRegion } from '../ui/StatusRegion';
import { loadPopupContext, type PopupContext } from './target';

type Busy = 'login' | 'logout' | 'check' | undefined;

function optionsUrl(action: Extract<OutcomeAction, { kind: 'open-options' }>): string {
  const params = new URLSearchParams();
  if (action.site) params.set('site', action.site);
  if (action.environmentId) params.set('edit', action.environmentId);
  const query = params.toString();
  return browser.runtime.getURL(`src/options/index.html${query ? `?${query}` : ''}`);
}

export function Popup({ params }: { params: URLSearchParams }) {
  const [context, setContext] = useState<PopupContext>();
  const [environmentId, setEnvironmentId] = useState<string>();
  const [fields, setFields] = useState<IdentityFields>({ externalId: '', email: '' });
  const [emailTouched, setEmailTouched] = useState(false);
  const [busy, setBusy] = useState<Busy>();
  const [outcome, setOutcomeState] = useState<Outcome>();
  const [sequence, setSequence] = useState(0);
  const setOutcome = (next: Outcome) => {
    setOutcomeState(next);
    setSequence((n) => n + 1);
  };

  useEffect(() => {
    loadPopupContext(params.get('tabId')).then(
      (loaded) => {
        setContext(loaded);
        setEnvironmentId(loaded.matches[0]?.environment.id);
        if (loaded.problem) setOutcome(loaded.problem);
      },
      (caught) =>
        setOutcome({ tone: 'error', message: `Could not read the extension's storage: ${String(caught?.message ?? caught)}`, notes: [] }),
    );
  }, [params]);

  const match = context?.matches.find((m) => m.environment.id === environmentId);
  const environment = match?.environment;
  const claims = useMemo(() => buildClaims(fields), [fields]);
  const bothWarning = claims.ok ? claims.warnings[0] : undefined;
  const emailError = emailTouched && fields.email.trim() !== '' ? emailProblem(fields.email.trim()) : undefined;

  async function act(kind: Exclude<Busy, undefined>) {
    if (!context) return;
    const { target, settings } = context;
    // Email errors show from the first click on, not on blur: a message appearing on blur
    // moves the buttons under the pointer and swallows the click.
    setEmailTouched(true);
    if (!target) return setOutcome(context.problem ?? reachOutcome({ kind: 'no-tab' }));
    setBusy(kind);
    try {
      if (kind === 'login') {
        if (!environment) setOutcome(context.problem ?? reachOutcome({ kind: 'no-tab' }));
        else if (environment.secret === '') setOutcome(noSecretOutcome(environment));
        else setOutcome(await logIn(target, environment, fields, settings));
      } else if (kind === 'logout') {
        setOutcome(await logOut(target, settings, environment));
      } else {
        setOutcome(await checkLogin(target, fields, settings, environment));
      }
    } catch (caught) {
      setOutcome({ tone: 'error', message: `Something failed unexpectedly: ${String((caught as Error)?.message ?? caught)}`, notes: [] });
    } finally {
      setBusy(undefined);
    }
  }

  async function runAction(action: OutcomeAction) {
    if (action.kind === 'open-options') {
      await browser.tabs.create({ url: optionsUrl(action) });
      return;
    }
    // Called straight from the click so Chrome sees the user gesture it requires.
    const granted = await browser.permissions.request({ origins: action.origins });
    setOutcome(
      granted
        ? { tone: 'success', message: 'Access granted. Click "Log in" again.', notes: [] }
        : { tone: 'error', message: 'The browser did not grant access, so the extension cannot reach this page.', notes: [] },
    );
  }

  const ready = context !== undefined && busy === undefined;
  const site = context?.target?.url ? originOf(context.target.url) : undefined;

  return (
    <>
      <h1>Chat Identity Lab</h1>
      <section class="target" aria-label="Page under test">
        <dl>
          <dt>Site</dt>
          <dd>{context ? (site ?? 'not visible to the extension') : 'Loading…'}</dd>
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
        {context !== undefined && context.unreadable > 0 && (
          <p class="warning">
            {context.unreadable} stored record(s) could not be read and are ignored; see Options.
          </p>
        )}
      </section>

      <form
        aria-label="Identity"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) void act('login');
        }}
      >
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
      </form>

      <StatusRegion tone={outcome?.tone} busy={busy !== undefined} sequence={sequence}>
        {outcome && (
          <>
            <p>{outcome.message}</p>
            {outcome.notes.map((note) => (
              <p key={note} class="muted">
                {note}
              </p>
            ))}
            {outcome.action && (
              <button type="button" onClick={() => outcome.action && runAction(outcome.action)}>
                {outcome.action.kind === 'open-options' ? 'Open options' : 'Grant access'}
              </button>
            )}
          </>
        )}
      </StatusRegion>

      <footer>
        <button type="button" class="link" onClick={() => browser.runtime.openOptionsPage()}>
          Options
        </button>
      </footer>
    </>
  );
}

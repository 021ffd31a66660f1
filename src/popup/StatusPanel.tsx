import { useEffect } from 'preact/hooks';
import type { Outcome, OutcomeAction } from '../model/outcome';
import type { VendorProfile } from '../model/vendor';
import type { TabLogin } from '../actions/tab-state';
import { StatusRegion } from '../ui/StatusRegion';
import { UnlockForm } from '../ui/UnlockForm';
import { ACTION_LABELS } from './popup-logic';
import { ADDRESS_NOTE } from './page-address';
import type { PopupState } from './popup-state';
import { Later } from '../ui/Later';

const loadSession = () => import('./session');

interface StatusPanelProps {
  state: PopupState;
  vendor: VendorProfile;
  /** What the Email field says is wrong: pointed to, not repeated. */
  emailError?: string;
  passphrase: string;
  onPassphrase: (passphrase: string) => void;
  onUnlock: () => void;
  onCancel: () => void;
  onDismiss: () => void;
  onSync: (where: 'tab' | 'incognito', login: TabLogin) => void;
  onAction: (action: OutcomeAction) => void;
  onCopy: (token: string) => void;
  onInspect: (token: string) => void;
}

/**
 * What a click came to (the live region), with what to do next (Cancel, Unlock, Grant access,
 * …). It sits in the flow right under the form's buttons and covers nothing: the sentence, the
 * next step, and the notes behind "Details"; it scrolls itself into view after each outcome.
 */
export function StatusPanel(props: StatusPanelProps) {
  const { state } = props;
  const { phase, sequence } = state;
  useEffect(() => {
    if (sequence) document.querySelector('[role=status]')?.scrollIntoView({ block: 'nearest' });
  }, [sequence]);
  const busy = phase.name === 'busy' || phase.name === 'waiting';
  // While waiting, Cancel is in view and Escape presses it.
  useEffect(() => {
    if (!busy) return;
    document.querySelector('.outcome')?.scrollIntoView({ block: 'nearest' });
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        props.onCancel();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [busy, phase.name]);
  return (
    <StatusRegion tone={toneOf(state)} busy={busy} sequence={sequence} class="outcome">
      {busy && (
        <div class="row">
          <p>{phase.name === 'waiting' ? phase.waitingFor : (phase.progress ?? 'Working…')}</p>
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
        </div>
      )}
      {phase.name === 'asking' && (
        <Later load={() => loadSession().then((m) => m.SyncQuestion)} props={{ question: phase.question, onSync: props.onSync, onDismiss: props.onDismiss }} />
      )}
      {phase.name === 'done' && phase.outcome.message && <Said {...props} outcome={phase.outcome} />}
    </StatusRegion>
  );
}

/** What the credential is to the tester: a JWT (three dot-separated parts) is a token, an HMAC a signature. */
const credentialWord = (credential: string) => (credential.split('.').length === 3 ? 'token' : 'signature');

/** An outcome: the sentence, the next step, who the page holds now, the token, the notes. */
function Said({ outcome, state, vendor, emailError, ...on }: StatusPanelProps & { outcome: Outcome }) {
  const { session } = state;
  const { action, token } = outcome;
  return (
    <>
      {outcome.verdict ? (
        <>
          <p class="verdict">{outcome.verdict.headline}</p>
          {outcome.verdict.evidence && <p class="evidence">{outcome.verdict.evidence}</p>}
          {outcome.verdict.cause && <p class="cause">{outcome.verdict.cause}</p>}
        </>
      ) : (
        <p>{emailError && outcome.message.includes(emailError) ? 'Nothing was done: the Email field above says what to fix.' : outcome.message}</p>
      )}
      {action?.kind === 'unlock' && <UnlockForm id="unlock-passphrase" passphrase={on.passphrase} onInput={on.onPassphrase} onUnlock={on.onUnlock} />}
      {action && action.kind !== 'unlock' && (
        <button type="button" onClick={() => on.onAction(action)}>
          {ACTION_LABELS[action.kind]}
        </button>
      )}
      {state.copied && <p class="muted">Token copied.</p>}
      {session && outcome.tone !== 'success' && (
        <p class="now">
          Now: {vendor.describe(session.lookup)} {session.loggedIn ? 'logged in' : 'not logged in'}
          {session.response?.customerId ? ` (customer ${session.response.customerId})` : ''}
        </p>
      )}
      {token && (
        <div class="row">
          <button type="button" onClick={() => on.onCopy(token)}>
            Copy {credentialWord(token)}
          </button>
          <button type="button" onClick={() => on.onInspect(token)}>
            Inspect {credentialWord(token)}
          </button>
        </div>
      )}
      {(outcome.notes.length > 0 || outcome.verdict) && (
        <details>
          <summary>Details ({outcome.notes.length + (outcome.verdict ? 1 : 0)})</summary>
          {/* With a verdict above, the whole sentence (the widget's own words among them) is here. */}
          {outcome.verdict && <p class="muted note">{outcome.message}</p>}
          {[...new Set(outcome.notes)].map((note) => (
            <p key={note} class="muted note">
              {note}
            </p>
          ))}
        </details>
      )}
    </>
  );
}

/** Normal states (locked, no environment yet) are not failures: said in the neutral tone. */
function toneOf({ phase }: PopupState) {
  if (phase.name === 'asking') return 'warning';
  if (phase.name !== 'done') return undefined;
  const { outcome } = phase;
  const kind = outcome.action?.kind;
  // Information, not alarms: a passphrase to type, a site to add, a link's command not done.
  return kind === 'unlock' || (kind === 'open-options' && outcome.message.startsWith('No environment covers')) || outcome.message.startsWith(ADDRESS_NOTE) ? 'info' : outcome.tone;
}

/**
 * The popup's one state machine, pure: what the status region shows and whether the controls
 * take a click. Phases, in the order a click goes through them:
 *
 *   idle ─started→ busy ⇄ waiting (for the page's chat) ─finished→ done ─started→ busy …
 *   idle/done ─asked→ asking ─dismissed→ idle, ─started→ busy
 *
 * A command is data, not a closure: "Start chat SDK" and the retry after an unlock run the
 * command of the last outcome again.
 */
import type { Outcome, SessionView } from '../model/outcome';
import type { TabLogin } from '../actions/tab-state';

/** What a tester asks of the page under test. */
export type Command =
  | { kind: 'login' }
  | { kind: 'logout' }
  | { kind: 'check' }
  | { kind: 'switch'; identityId: string; label: string }
  | { kind: 'sync'; where: 'tab' | 'incognito'; login: TabLogin };

export type CommandKind = Command['kind'];

/** A question asked before doing something the tester should agree to (the history sync reload). */
export interface Question {
  message: string;
  login: TabLogin;
  incognito: boolean;
}

export type Phase =
  | { name: 'idle' }
  | { name: 'busy'; command: Command; startSdk: boolean; progress?: string }
  | { name: 'waiting'; command: Command; startSdk: boolean; waitingFor: string }
  | { name: 'asking'; question: Question }
  | { name: 'done'; outcome: Outcome; command?: Command; startSdk: boolean };

export interface PopupState {
  phase: Phase;
  /** Counts outcomes and questions: the live region announces each one, even a repeat of the last. */
  sequence: number;
  /** Who the page holds, as last seen (kept across outcomes that do not say). */
  session?: SessionView;
  /** The last outcome's token was copied. */
  copied: boolean;
}

export type PopupEvent =
  | { type: 'started'; command: Command; startSdk: boolean }
  /** The page's chat is being waited for (with what), or no longer (undefined). */
  | { type: 'waiting'; waitingFor: string | undefined }
  | { type: 'progress'; note: string }
  | { type: 'asked'; question: Question }
  | { type: 'dismissed' }
  /** An action's end, or a message of its own (no command): what it came to. */
  | { type: 'finished'; outcome?: Outcome; command?: Command; startSdk?: boolean }
  | { type: 'copied' };

export const initialState: PopupState = { phase: { name: 'idle' }, sequence: 0, copied: false };

const isBusy = (phase: Phase): phase is Extract<Phase, { name: 'busy' | 'waiting' }> => phase.name === 'busy' || phase.name === 'waiting';

export function popupReducer(state: PopupState, event: PopupEvent): PopupState {
  const { phase } = state;
  switch (event.type) {
    case 'started':
      // One action at a time: a second start while busy is ignored, not queued.
      if (isBusy(phase)) return state;
      return { ...state, phase: { name: 'busy', command: event.command, startSdk: event.startSdk }, copied: false };
    case 'waiting':
      if (!isBusy(phase)) return state;
      return {
        ...state,
        phase: event.waitingFor
          ? { name: 'waiting', command: phase.command, startSdk: phase.startSdk, waitingFor: event.waitingFor }
          : { name: 'busy', command: phase.command, startSdk: phase.startSdk },
      };
    case 'progress':
      if (!isBusy(phase)) return state;
      return { ...state, phase: { name: 'busy', command: phase.command, startSdk: phase.startSdk, progress: event.note } };
    case 'asked':
      if (isBusy(phase)) return state;
      // A question is news too: announced, and scrolled into view, like an outcome.
      return { ...state, phase: { name: 'asking', question: event.question }, sequence: state.sequence + 1, copied: false };
    case 'dismissed':
      return phase.name === 'asking' ? { ...state, phase: { name: 'idle' } } : state;
    case 'finished': {
      if (!event.outcome) return { ...state, phase: { name: 'idle' } };
      const startSdk = event.startSdk ?? (isBusy(phase) ? phase.startSdk : false);
      return {
        phase: { name: 'done', outcome: event.outcome, command: event.command, startSdk },
        sequence: state.sequence + 1,
        session: event.outcome.session ?? state.session,
        copied: false,
      };
    }
    case 'copied':
      return phase.name === 'done' ? { ...state, copied: true } : state;
  }
}

/** The command under way, if any: the controls are disabled meanwhile. */
export function busyWith(state: PopupState): CommandKind | undefined {
  return isBusy(state.phase) ? state.phase.command.kind : undefined;
}

/** The last outcome, while it is what the region shows. */
export function shownOutcome(state: PopupState): Outcome | undefined {
  return state.phase.name === 'done' ? state.phase.outcome : undefined;
}

/** What "Start chat SDK" runs: the last outcome's command, starting the page's chat first. */
export function startSdkRetry(state: PopupState): Command | undefined {
  return state.phase.name === 'done' ? state.phase.command : undefined;
}

/** What runs once the vault is unlocked: the command that asked for the passphrase, as it was asked. */
export function unlockRetry(state: PopupState): { command: Command; startSdk: boolean } | undefined {
  const { phase } = state;
  if (phase.name !== 'done' || phase.outcome.action?.kind !== 'unlock' || !phase.command) return undefined;
  return { command: phase.command, startSdk: phase.startSdk };
}

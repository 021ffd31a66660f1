import type { PageProblem, ReadinessReport, ReadySignal } from '../model/protocol';
import type { VendorReadiness } from '../model/vendor';

/**
 * Whether the page's chat is ready for a login, from what the page reports (its vendor's page command), and
 * what to tell the tester while it is not. Pure: the waiting itself is in page-bridge/page-runner.
 */

/**
 * How long a page that has finished loading, and has loaded nothing since, gets to add a chat
 * widget (or start its SDK) before the answer is "there is none", counted from the later of
 * its last activity and the start of the wait. Tag managers add the widget within a few
 * seconds of load; a page quiet for this long is done. A page still loading things, or one
 * whose widget is on its way, is waited for up to the SDK timeout.
 */
export const QUIET_GRACE_MS = 3_000;

export type WaitingFor = 'widget' | 'sdk' | 'start';

export type GiveUp = Extract<PageProblem, 'no-sdk' | 'sdk-not-loaded' | 'not-started' | 'unknown-sdk'> | (string & {});

export type Verdict =
  | { kind: 'ready'; signal: ReadySignal }
  | { kind: 'wait'; for: WaitingFor }
  | { kind: 'give-up'; problem: GiveUp };

export interface JudgeOptions {
  /** This extension has called the SDK's start ("Start chat SDK") and waits for its callback. */
  starting?: boolean;
  /** The vendor's own states of an SDK no login can work with, and the problem each is (its readiness data). */
  unusable?: VendorReadiness['unusable'];
}

/** The states every vendor's page command reports; any other is the vendor's own (or unknown). */
const SHARED_STATES: readonly string[] = ['none', 'loader', 'loaded'];

const quiet = (report: ReadinessReport, elapsedMs: number) => report.pageLoaded && Math.min(report.quietMs, elapsedMs) >= QUIET_GRACE_MS;

/** Decides from one report, `elapsedMs` into a wait that may last `timeoutMs`. */
export function judge(report: ReadinessReport, elapsedMs: number, timeoutMs: number, options: JudgeOptions = {}): Verdict {
  // An SDK no login can work with (the vendor's own states; 'other': something else under the widget's name).
  if (!SHARED_STATES.includes(report.sdk)) return { kind: 'give-up', problem: options.unusable?.[report.sdk] ?? 'unknown-sdk' };
  if (report.sdk === 'loaded' && report.started) return { kind: 'ready', signal: report.started };
  const outOfTime = elapsedMs >= timeoutMs;
  if (report.sdk === 'none') return outOfTime || quiet(report, elapsedMs) ? { kind: 'give-up', problem: 'no-sdk' } : { kind: 'wait', for: 'widget' };
  if (report.sdk === 'loader') return outOfTime ? { kind: 'give-up', problem: 'sdk-not-loaded' } : { kind: 'wait', for: 'sdk' };
  // Loaded, not started.
  if (outOfTime) return { kind: 'give-up', problem: 'not-started' };
  // Someone's start is under way (the page's, seen by the observer, or ours): let it finish.
  if (options.starting || report.startCalled === true) return { kind: 'wait', for: 'start' };
  // Nobody's start is under way (or no observer was there to see one): as for a widget.
  return quiet(report, elapsedMs) ? { kind: 'give-up', problem: 'not-started' } : { kind: 'wait', for: 'start' };
}

/** What the wording needs of the vendor: its widget's name, its calls' names and its own ready signals. */
export interface ReadinessWords {
  widget: string;
  callName: (call: 'start' | undefined) => string;
  readiness?: VendorReadiness;
}

/** What the status region says while waiting, with the seconds waited so far. */
export function waitingMessage(waitingFor: WaitingFor, elapsedMs: number, starting: boolean, vendor: ReadinessWords): string {
  const seconds = `(${Math.floor(elapsedMs / 1000)} s)`;
  switch (waitingFor) {
    case 'widget':
      return `Waiting for the chat widget to load… ${seconds}`;
    case 'sdk':
      return `Waiting for the ${vendor.widget} to finish loading… ${seconds}`;
    case 'start':
      return starting ? `Starting the chat SDK… ${seconds}` : `Waiting for the page to start the chat SDK (${vendor.callName('start')})… ${seconds}`;
  }
}

/** What a shared signal showed, in the vendor's words; its own signals it words itself. */
function signalNote(signal: ReadySignal, vendor: ReadinessWords): string {
  switch (signal) {
    case 'observer':
      return `the page's ${vendor.callName('start')} called back (seen by the login observer)`;
    case 'lab':
      return `Chat Identity Lab started it (${vendor.callName('start')} called back)`;
    case 'widget':
      return "the widget's API is on the page (it queues calls until the widget has booted)";
    default:
      return vendor.readiness?.signals?.[signal] ?? `the ${vendor.widget} showed it (${signal})`;
  }
}

/** The note that says which signal showed the SDK was ready, and how long that took. */
export function readyNote(signal: ReadySignal, waitedMs: number | undefined, vendor: ReadinessWords): string {
  const waited = (waitedMs ?? 0) >= 100 ? ` after ${((waitedMs ?? 0) / 1000).toFixed(1)} s` : '';
  return `Chat SDK ready${waited}: ${signalNote(signal, vendor)}.`;
}

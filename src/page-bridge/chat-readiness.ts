import type { ReadinessReport, ReadySignal } from '../model/protocol';

/**
 * Whether the page's chat is ready for a login, from what the page reports (src/page), and
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

export type GiveUp = 'no-sdk' | 'sdk-not-loaded' | 'not-started' | 'cards-sdk' | 'unknown-sdk';

export type Verdict =
  | { kind: 'ready'; signal: ReadySignal }
  | { kind: 'wait'; for: WaitingFor }
  | { kind: 'give-up'; problem: GiveUp };

export interface JudgeOptions {
  /** This extension has called Kustomer.start ("Start chat SDK") and waits for its callback. */
  starting?: boolean;
}

const quiet = (report: ReadinessReport, elapsedMs: number) => report.pageLoaded && Math.min(report.quietMs, elapsedMs) >= QUIET_GRACE_MS;

/** Decides from one report, `elapsedMs` into a wait that may last `timeoutMs`. */
export function judge(report: ReadinessReport, elapsedMs: number, timeoutMs: number, options: JudgeOptions = {}): Verdict {
  if (report.sdk === 'cards') return { kind: 'give-up', problem: 'cards-sdk' };
  if (report.sdk === 'other') return { kind: 'give-up', problem: 'unknown-sdk' };
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

/** What the status region says while waiting, with the seconds waited so far. */
export function waitingMessage(waitingFor: WaitingFor, elapsedMs: number, starting = false, widget = 'Kustomer chat SDK'): string {
  const seconds = `(${Math.floor(elapsedMs / 1000)} s)`;
  switch (waitingFor) {
    case 'widget':
      return `Waiting for the chat widget to load… ${seconds}`;
    case 'sdk':
      return `Waiting for the ${widget} to finish loading… ${seconds}`;
    case 'start':
      return starting ? `Starting the chat SDK… ${seconds}` : `Waiting for the page to start the chat SDK (Kustomer.start)… ${seconds}`;
  }
}

const SIGNALS: Record<ReadySignal, string> = {
  observer: "the page's Kustomer.start called back (seen by the login observer)",
  lab: 'Chat Identity Lab started it (Kustomer.start called back)',
  iframe: "the chat widget's iframe is on the page",
  probe: 'Kustomer.isLoggedIn answered a probe',
  widget: "the widget's API is on the page (it queues calls until the widget has booted)",
};

/** The note that says which signal showed the SDK was ready, and how long that took. */
export function readyNote(signal: ReadySignal, waitedMs = 0): string {
  const waited = waitedMs >= 100 ? ` after ${(waitedMs / 1000).toFixed(1)} s` : '';
  return `Chat SDK ready${waited}: ${SIGNALS[signal]}.`;
}

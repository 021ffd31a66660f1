import browser from 'webextension-polyfill';
import type { PageCommand, PageContext, PageRequest, PageResult } from '../model/protocol';
import { PAGE_LIMITS, readPageAnswer, UntrustedAnswer } from './page-answer';
import { originOf } from '../sites/sites';
import { judge, waitingMessage } from './chat-readiness';
import { classifyScriptingError, isForbiddenUrl, ReachError, type TargetPage } from './target-page';
import { messageOf } from '../model/errors';

/** Slack the extension gives the page beyond the SDK timeout before it stops listening. */
export const DEADLINE_SLACK_MS = 1_500;

/** The tester stopped waiting for the page (Cancel). */
export class Cancelled extends Error {}

/**
 * Runs one session command in the page's main world, in the document of `target.url`'s origin
 * only (the page code checks before it touches anything), and returns its checked answer.
 * The extension owns the deadline: a page whose timers are stubbed, or whose answer never
 * settles, still ends within the SDK timeout plus DEADLINE_SLACK_MS, or at once on `signal`.
 */
export async function runInPage(target: TargetPage, command: PageCommand, request: PageRequest, signal?: AbortSignal): Promise<PageResult> {
  if (target.url && isForbiddenUrl(target.url)) throw new ReachError({ kind: 'forbidden', url: target.url });
  if (signal?.aborted) throw new Cancelled();
  const origin = target.url ? originOf(target.url) : undefined;
  const context: PageContext = { origin: origin?.startsWith('http') ? origin : undefined, limits: PAGE_LIMITS };
  const injection = browser.scripting.executeScript({
    target: { tabId: target.tabId },
    world: 'MAIN',
    func: command,
    args: [request, context],
  });
  let results: browser.Scripting.InjectionResult[];
  try {
    results = await deadline(injection, request.timeoutMs + DEADLINE_SLACK_MS, signal);
  } catch (error) {
    if (error instanceof Cancelled || error instanceof ReachError) throw error;
    throw new ReachError(classifyScriptingError(messageOf(error), target.url));
  }
  const first = results[0];
  if (!first) throw new ReachError({ kind: 'navigated' });
  if (first.error !== undefined) {
    const message = messageOf(first.error);
    throw new ReachError({ kind: 'failed', message });
  }
  if (first.result === undefined || first.result === null) throw new ReachError({ kind: 'navigated' });
  let answer: PageResult;
  try {
    answer = readPageAnswer(first.result, request);
  } catch (caught) {
    if (caught instanceof UntrustedAnswer) throw new ReachError({ kind: 'untrusted', reason: caught.message });
    throw caught;
  }
  if (!answer.ok && answer.problem === 'other-page') throw new ReachError({ kind: 'other-page', command: request.command });
  return answer;
}

/** `work`, or a timeout ReachError after `ms` on the extension's own clock, or Cancelled. */
function deadline<T>(work: Promise<T>, ms: number, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => finish(() => reject(new ReachError({ kind: 'no-answer', waitedMs: ms }))), ms);
    const onAbort = () => finish(() => reject(new Cancelled()));
    signal?.addEventListener('abort', onAbort, { once: true });
    function finish(settle: () => void) {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      settle();
    }
    work.then(
      (value) => finish(() => resolve(value)),
      (error) => finish(() => reject(error)),
    );
  });
}

/** How the tester follows and ends a wait for the page's chat (popup: status text and Cancel). */
export interface WaitOptions {
  /** Called while waiting, with what is awaited and for how long; undefined when the wait is over. */
  onWait?: (message: string | undefined) => void;
  /** Ends the wait; nothing more is sent to the page. */
  signal?: AbortSignal;
  /** The tester asked to start the chat SDK where the page has not ("Start chat SDK"). */
  startSdk?: boolean;
}

export type ReadyRun =
  | { kind: 'done'; result: PageResult; waitedMs: number }
  /** `sent`: the command itself had reached the page (its outcome is unknown), not just a readiness check. */
  | { kind: 'cancelled'; waitedMs: number; sent: boolean };

const POLL_MS = 100;

/** Sleeps on the extension's own timers (the page's may be stubbed), ending early on abort. */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Runs a command once the page's chat SDK is there and started. The first try costs nothing
 * extra when it is (the command checks for itself); otherwise the page is asked again every
 * 100 ms, for at most the SDK timeout, while the tester is told what is awaited. A page that
 * navigates meanwhile is simply asked again.
 */
/** What the wait needs of a vendor: its page command, and its widget's name for the status line. */
export interface PageDriver {
  pageCommand: PageCommand;
  widget: string;
}

export async function runWhenReady(target: TargetPage, driver: PageDriver, request: PageRequest, options: WaitOptions = {}): Promise<ReadyRun> {
  const command = driver.pageCommand;
  const { signal } = options;
  const begun = Date.now();
  let sent = false;
  try {
    sent = true;
    const first = await runInPage(target, command, request, signal);
    if (first.ok || first.problem !== 'not-ready') return { kind: 'done', result: first, waitedMs: 0 };
    sent = false;
    let phaseStart = begun;
    let starting = false;
    for (;;) {
      if (signal?.aborted) throw new Cancelled();
      let inspected: PageResult;
      try {
        inspected = await runInPage(target, command, { command: 'inspect', probe: true, timeoutMs: request.timeoutMs }, signal);
      } catch (caught) {
        // Mid-navigation: ask the next document, within the same bound.
        if (!(caught instanceof ReachError && caught.problem.kind === 'navigated') || Date.now() - phaseStart >= request.timeoutMs) throw caught;
        await pause(POLL_MS, signal);
        continue;
      }
      if (!inspected.ok || inspected.command !== 'inspect') return { kind: 'done', result: inspected, waitedMs: Date.now() - begun };
      const report = inspected.report;
      if (options.startSdk && !starting && report.sdk === 'loaded' && !report.started && report.startCalled !== true) {
        const started = await runInPage(target, command, { command: 'start', timeoutMs: request.timeoutMs }, signal);
        if (!started.ok) return { kind: 'done', result: started, waitedMs: Date.now() - begun };
        starting = true;
        phaseStart = Date.now();
        continue;
      }
      const verdict = judge(report, Date.now() - phaseStart, request.timeoutMs, { starting });
      if (verdict.kind !== 'wait') options.onWait?.(undefined);
      if (verdict.kind === 'give-up') {
        const waitedMs = Date.now() - begun;
        if (starting) return { kind: 'done', result: { ok: false, problem: 'sdk-timeout', call: 'start', waitedMs }, waitedMs };
        return { kind: 'done', result: { ok: false, problem: verdict.problem, waitedMs, report }, waitedMs };
      }
      if (verdict.kind === 'ready') {
        sent = true;
        const result = await runInPage(target, command, request, signal);
        // Still not ready: the page changed between the two (it navigated); ask again, in time.
        if (!result.ok && result.problem === 'not-ready' && Date.now() - phaseStart < request.timeoutMs) {
          sent = false;
          continue;
        }
        return { kind: 'done', result, waitedMs: Date.now() - begun };
      }
      options.onWait?.(waitingMessage(verdict.for, Date.now() - begun, starting, driver.widget));
      await pause(POLL_MS, signal);
    }
  } catch (caught) {
    if (!(caught instanceof Cancelled)) throw caught;
    options.onWait?.(undefined);
    return { kind: 'cancelled', waitedMs: Date.now() - begun, sent };
  }
}

import browser from 'webextension-polyfill';
import { runKustomerCommand } from '../page/kustomer-session';
import type { PageRequest, PageResult } from '../page/protocol';
import { judge, waitingMessage } from './chat-readiness';
import { classifyScriptingError, isForbiddenUrl, ReachError, type TargetPage } from './target-page';

/** Runs one session command in the page's main world. */
export async function runInPage(target: TargetPage, request: PageRequest): Promise<PageResult> {
  if (target.url && isForbiddenUrl(target.url)) throw new ReachError({ kind: 'forbidden', url: target.url });
  let results: browser.Scripting.InjectionResult[];
  try {
    results = await browser.scripting.executeScript({
      target: { tabId: target.tabId },
      world: 'MAIN',
      func: runKustomerCommand,
      args: [request],
    });
  } catch (error) {
    throw new ReachError(classifyScriptingError(String((error as Error)?.message ?? error), target.url));
  }
  const first = results[0];
  if (!first) throw new ReachError({ kind: 'navigated' });
  if (first.error !== undefined) {
    const message = String((first.error as Error)?.message ?? first.error);
    throw new ReachError({ kind: 'failed', message });
  }
  if (first.result === undefined || first.result === null) throw new ReachError({ kind: 'navigated' });
  return first.result as PageResult;
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
  | { kind: 'cancelled'; waitedMs: number };

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
export async function runWhenReady(target: TargetPage, request: PageRequest, options: WaitOptions = {}): Promise<ReadyRun> {
  const first = await runInPage(target, request);
  if (first.ok || first.problem !== 'not-ready') return { kind: 'done', result: first, waitedMs: 0 };
  const begun = Date.now();
  let phaseStart = begun;
  let starting = false;
  for (;;) {
    if (options.signal?.aborted) {
      options.onWait?.(undefined);
      return { kind: 'cancelled', waitedMs: Date.now() - begun };
    }
    let inspected: PageResult;
    try {
      inspected = await runInPage(target, { command: 'inspect', probe: true, timeoutMs: request.timeoutMs });
    } catch (caught) {
      if (!(caught instanceof ReachError && caught.problem.kind === 'navigated')) throw caught;
      await pause(POLL_MS, options.signal);
      continue;
    }
    if (!inspected.ok || inspected.command !== 'inspect') return { kind: 'done', result: inspected, waitedMs: Date.now() - begun };
    const report = inspected.report;
    if (options.startSdk && !starting && report.sdk === 'loaded' && !report.started && report.startCalled !== true) {
      const started = await runInPage(target, { command: 'start', timeoutMs: request.timeoutMs });
      if (!started.ok) return { kind: 'done', result: started, waitedMs: Date.now() - begun };
      starting = true;
      phaseStart = Date.now();
      continue;
    }
    const verdict = judge(report, Date.now() - phaseStart, request.timeoutMs, { starting });
    if (verdict.kind !== 'wait') options.onWait?.(undefined);
    if (verdict.kind === 'give-up') {
      if (starting) {
        return { kind: 'done', result: { ok: false, problem: 'sdk-timeout', call: 'start', waitedMs: Date.now() - begun }, waitedMs: Date.now() - begun };
      }
      return { kind: 'done', result: { ok: false, problem: verdict.problem, waitedMs: Date.now() - begun, report }, waitedMs: Date.now() - begun };
    }
    if (verdict.kind === 'ready') {
      const result = await runInPage(target, request);
      // Still not ready: the page changed between the two (it navigated); ask again, in time.
      if (!result.ok && result.problem === 'not-ready' && Date.now() - phaseStart < request.timeoutMs) continue;
      return { kind: 'done', result, waitedMs: Date.now() - begun };
    }
    options.onWait?.(waitingMessage(verdict.for, Date.now() - begun, starting));
    await pause(POLL_MS, options.signal);
  }
}

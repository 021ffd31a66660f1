import { Cancelled, type ChatPage, type PageDriver, type WaitOptions } from '../model/chat-page';
import type { PageRequest, PageResult } from '../model/protocol';
import { ReachError } from '../model/reach';
import { pause } from '../model/deadline';
import { judge, type ReadinessWords, waitingMessage } from './chat-readiness';
import { inspectPresence } from './presence';
import type { VendorId } from '../model/vendor-ids';
import { loadVendor, VENDOR_IDS } from '../vendors/registry';

/**
 * The wait for the page's chat, through the ChatPage port: the same in the extension and in
 * the Node package. Readiness is judged by session/chat-readiness (pure).
 */

export type ReadyRun =
  | { kind: 'done'; result: PageResult; waitedMs: number }
  /** `sent`: the command itself had reached the page (its outcome is unknown), not just a readiness check. */
  | { kind: 'cancelled'; waitedMs: number; sent: boolean };

const POLL_MS = 100;

/**
 * Runs a command once the page's chat SDK is there and started. The first try costs nothing
 * extra when it is (the command checks for itself); otherwise the page is asked again every
 * 100 ms, for at most the SDK timeout, while the tester is told what is awaited. A page that
 * navigates meanwhile is simply asked again.
 */
/** What the wait needs of a vendor: its page command and call names, its id, and its words and readiness data for the status line. */
export interface ReadyDriver extends PageDriver, ReadinessWords {
  id: VendorId;
}

/** How long the shared inspect of which widgets a page has may take, after a wait that found none of ours. */
const PRESENCE_MS = 2_000;

/**
 * The other vendors' widgets the page has, by the shared inspect (session/presence) with
 * their fingerprints: only asked once the environment's widget was not found. Undefined when
 * the page cannot say.
 */
async function othersOn(page: ChatPage, driver: ReadyDriver, signal?: AbortSignal): Promise<VendorId[] | undefined> {
  try {
    const vendors = await Promise.all(VENDOR_IDS.filter((id) => id !== driver.id).map(loadVendor));
    const presence = vendors.map((vendor) => ({ id: vendor.id, ...vendor.presence }));
    const answer = await page.run({ pageCommand: inspectPresence }, { command: 'inspect', probe: false, presence, timeoutMs: PRESENCE_MS }, signal);
    return answer.ok && answer.command === 'inspect' ? answer.report.others : undefined;
  } catch {
    return undefined;
  }
}

export async function runWhenReady(page: ChatPage, driver: ReadyDriver, request: PageRequest, options: WaitOptions = {}): Promise<ReadyRun> {
  const { signal } = options;
  const begun = Date.now();
  let sent = false;
  try {
    sent = true;
    const first = await page.run(driver, request, signal);
    if (first.ok || first.problem !== 'not-ready') return { kind: 'done', result: first, waitedMs: 0 };
    sent = false;
    let phaseStart = begun;
    let starting = false;
    for (;;) {
      if (signal?.aborted) throw new Cancelled();
      let inspected: PageResult;
      try {
        inspected = await page.run(driver, { command: 'inspect', probe: true, timeoutMs: request.timeoutMs }, signal);
      } catch (caught) {
        // Mid-navigation: ask the next document, within the same bound.
        if (!(caught instanceof ReachError && caught.problem.kind === 'navigated') || Date.now() - phaseStart >= request.timeoutMs) throw caught;
        await pause(POLL_MS, signal);
        continue;
      }
      if (!inspected.ok || inspected.command !== 'inspect') return { kind: 'done', result: inspected, waitedMs: Date.now() - begun };
      const report = inspected.report;
      if (options.startSdk && !starting && report.sdk === 'loaded' && !report.started && report.startCalled !== true) {
        const started = await page.run(driver, { command: 'start', timeoutMs: request.timeoutMs }, signal);
        if (!started.ok) return { kind: 'done', result: started, waitedMs: Date.now() - begun };
        starting = true;
        phaseStart = Date.now();
        continue;
      }
      const verdict = judge(report, Date.now() - phaseStart, request.timeoutMs, { starting, unusable: driver.readiness?.unusable });
      if (verdict.kind !== 'wait') options.onWait?.(undefined);
      if (verdict.kind === 'give-up') {
        const waitedMs = Date.now() - begun;
        if (starting) return { kind: 'done', result: { ok: false, problem: 'sdk-timeout', call: 'start', waitedMs }, waitedMs };
        const missing = verdict.problem === 'no-sdk' || verdict.problem === 'sdk-not-loaded';
        const others = missing ? await othersOn(page, driver, signal) : undefined;
        return { kind: 'done', result: { ok: false, problem: verdict.problem, waitedMs, report: others?.length ? { ...report, others } : report }, waitedMs };
      }
      if (verdict.kind === 'ready') {
        sent = true;
        const result = await page.run(driver, request, signal);
        // Still not ready: the page changed between the two (it navigated); ask again, in time.
        if (!result.ok && result.problem === 'not-ready' && Date.now() - phaseStart < request.timeoutMs) {
          sent = false;
          continue;
        }
        return { kind: 'done', result, waitedMs: Date.now() - begun };
      }
      options.onWait?.(waitingMessage(verdict.for, Date.now() - begun, starting, driver));
      await pause(POLL_MS, signal);
    }
  } catch (caught) {
    if (!(caught instanceof Cancelled)) throw caught;
    options.onWait?.(undefined);
    return { kind: 'cancelled', waitedMs: Date.now() - begun, sent };
  }
}

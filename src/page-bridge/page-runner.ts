import browser from 'webextension-polyfill';
import type { PageContext, PageRequest, PageResult } from '../model/protocol';
import type { PageDriver } from '../model/chat-page';
import { answerOf, PAGE_LIMITS } from '../session/page-answer';
import { DEADLINE_SLACK_MS, deadline } from '../model/deadline';
import { originOf } from '../sites/sites';
import { classifyScriptingError, isForbiddenUrl, ReachError, type TargetPage } from './target-page';
import { messageOf } from '../model/errors';

export { Cancelled } from '../model/chat-page';
import { Cancelled } from '../model/chat-page';

/**
 * Runs one session command in the page's main world, in the document of `target.url`'s origin
 * only (the page code checks before it touches anything), and returns its checked answer.
 * The extension owns the deadline: a page whose timers are stubbed, or whose answer never
 * settles, still ends within the SDK timeout plus DEADLINE_SLACK_MS, or at once on `signal`.
 */
export async function runInPage(target: TargetPage, driver: PageDriver, request: PageRequest, signal?: AbortSignal): Promise<PageResult> {
  if (target.url && isForbiddenUrl(target.url)) throw new ReachError({ kind: 'forbidden', url: target.url });
  if (signal?.aborted) throw new Cancelled();
  const origin = target.url ? originOf(target.url) : undefined;
  const context: PageContext = { origin: origin?.startsWith('http') ? origin : undefined, limits: PAGE_LIMITS };
  const injection = browser.scripting.executeScript({
    target: { tabId: target.tabId },
    world: 'MAIN',
    func: driver.pageCommand,
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
  return answerOf(first.result, request, driver.calls);
}

export type { WaitOptions } from '../model/chat-page';

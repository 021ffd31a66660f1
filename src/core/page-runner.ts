import browser from 'webextension-polyfill';
import { runKustomerCommand } from '../page/kustomer-session';
import type { PageRequest, PageResult } from '../page/protocol';
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

import { Cancelled } from './chat-page';
import { ReachError } from './reach';

/**
 * Slack given to the page beyond a command's timeout before the driver stops listening: the
 * same for the extension (chrome.scripting) and the Node package (page.evaluate).
 */
export const DEADLINE_SLACK_MS = 1_500;

/** Sleeps on this process's own clock (the page's timers may be stubbed), ending early on abort. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
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
 * `work`, or a no-answer ReachError after `ms` on this process's own clock (the page's timers
 * may be stubbed), or Cancelled on `signal`. The caller owns the deadline, never the page.
 */
export function deadline<T>(work: Promise<T>, ms: number, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => finish(() => reject(new ReachError({ kind: 'no-answer', waitedMs: ms }))), ms);
    const onAbort = () => finish(() => reject(new Cancelled()));
    if (signal?.aborted) return onAbort();
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

/**
 * The bookkeeping of a traffic watch, whoever reports the requests (webRequest in the
 * extension, Playwright's events in Node): a widget's logout that takes no callback has taken
 * effect when the request it sends is answered; the page's own reads
 * meanwhile do not count.
 */
import type { TrafficWatch } from './chat-page';

export interface TrafficLog {
  started(requestId: string, method: string): void;
  ended(requestId: string): void;
  /** The watch's quiet(); `stop` is the watcher's own (it removes its listeners). */
  quiet: TrafficWatch['quiet'];
}

export function createTrafficLog(): TrafficLog {
  const open = new Set<string>();
  const writes = new Set<string>();
  let written = 0;
  const waiters = new Set<() => void>();
  return {
    started(requestId, method) {
      open.add(requestId);
      if (!['GET', 'HEAD', 'OPTIONS'].includes(method)) writes.add(requestId);
    },
    ended(requestId) {
      if (!open.delete(requestId)) return;
      if (writes.delete(requestId)) written += 1;
      for (const wake of [...waiters]) wake();
    },
    /** Resolves true once the requests started since have all been answered, with a write among them; false at `until` or on `signal`. */
    quiet: (until, signal) =>
      new Promise<boolean>((resolve) => {
        const finish = (seen: boolean) => {
          clearTimeout(timer);
          waiters.delete(check);
          signal?.removeEventListener('abort', aborted);
          resolve(seen);
        };
        const check = () => {
          if (written > 0 && open.size === 0) finish(true);
        };
        const aborted = () => finish(false);
        const timer = setTimeout(() => finish(false), Math.max(0, until - Date.now()));
        signal?.addEventListener('abort', aborted, { once: true });
        waiters.add(check);
        check();
      }),
  };
}

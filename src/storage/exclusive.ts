/**
 * Runs `work` while no other context of this extension (popup, options, service worker) runs
 * work under the same name: Web Locks, which extension pages and the service worker share.
 * Where Web Locks are missing (Node, in unit tests) one queue per name in this context.
 * Never nest two calls with the same name: the inner one would wait for the outer forever.
 */
const queues = new Map<string, Promise<unknown>>();

export function exclusive<T>(name: string, work: () => Promise<T>): Promise<T> {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  if (locks) return locks.request(`chat-identity-lab:${name}`, work) as Promise<T>;
  const previous = queues.get(name) ?? Promise.resolve();
  const run = previous.then(work, work);
  queues.set(
    name,
    run.catch(() => undefined),
  );
  return run;
}

/** The stored environment list: every read-modify-write of it, sealing included, holds this. */
export const ENVIRONMENTS = 'environments';
// An environment's identity list (`identities:<id>`): every read-modify-write of it holds its key.

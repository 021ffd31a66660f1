/**
 * Runs in the page's main world at document_start on the sites of Front Chat environments that
 * watch their own logins. Notices the user hash the site's code hands the widget in
 * FrontChat('init', { userHash }) and reports it (listed as seen: an HMAC has nothing to decode).
 * FrontChat is wrapped in a Proxy, so every call goes through unchanged. The extension's own
 * calls are marked and skipped.
 *
 * Self-contained on purpose (built as an IIFE): the page can read it, and it holds nothing secret.
 */
(() => {
  const OWN = Symbol.for('chat-identity-lab.own-login');
  /** Answered only by this observer's accessor getter: how a second copy knows it is not needed. */
  const MARK = Symbol.for('chat-identity-lab.front-observer');
  const PAGE_LOGIN_EVENT = 'chat-identity-lab:page-login';
  // Taken before any page script runs: a page that later patches them cannot see or stop a report.
  const dispatch = window.dispatchEvent.bind(window);
  const Announcement = CustomEvent;
  const announce = (signature: string) => dispatch(new Announcement(PAGE_LOGIN_EVENT, { detail: signature }));
  // biome-ignore lint/suspicious/noExplicitAny: page globals are untyped.
  const w = window as any;
  try {
    if ((Object.getOwnPropertyDescriptor(window, 'FrontChat')?.get as unknown as Record<symbol, unknown> | undefined)?.[MARK]) return;
  } catch {
    // Not ours.
  }
  const markedGetter = (get: () => unknown) => new Proxy(get, { get: (target, key, receiver) => (key === MARK ? true : Reflect.get(target, key, receiver)) });

  const wrapped = new WeakSet<object>();
  const wrap = (frontChat: unknown): unknown => {
    if (typeof frontChat !== 'function' || wrapped.has(frontChat)) return frontChat;
    const proxy = new Proxy(frontChat, {
      apply(target, thisArg, args: unknown[]) {
        try {
          const options = args[1] as { userHash?: unknown } | undefined;
          if (!w[OWN] && args[0] === 'init' && options && typeof options.userHash === 'string') announce(options.userHash.slice(0, 16384));
        } catch {
          // Observing must never break the page's chat.
        }
        return Reflect.apply(target as (...a: unknown[]) => unknown, thisArg, args);
      },
    });
    wrapped.add(proxy);
    return proxy;
  };

  const existing = Object.getOwnPropertyDescriptor(window, 'FrontChat');
  if (existing && existing.configurable === false) return;
  let current = wrap(w.FrontChat);
  try {
    Object.defineProperty(window, 'FrontChat', {
      configurable: true,
      enumerable: true,
      get: markedGetter(() => current),
      set: (value) => {
        current = wrap(value);
      },
    });
  } catch {
    // Nothing to observe then; the page works as before.
  }
})();

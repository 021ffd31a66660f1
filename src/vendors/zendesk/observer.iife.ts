/**
 * Runs in the page's main world at document_start on the sites of Zendesk environments that
 * watch their own logins. Wraps window.zE (the snippet's queue, then the widget) in a Proxy,
 * so every property stays as it is, and notices zE('messenger', 'loginUser', jwtCallback, …):
 * the widget is handed a stand-in for jwtCallback that reports the token the site's code
 * passes back, then passes it on unchanged. The extension's own logins are marked and skipped.
 *
 * Self-contained on purpose (built as an IIFE): the page can read it, and it holds nothing secret. What it leaves visible is in the README (Security).
 */
(() => {
  const OWN = Symbol.for('chat-identity-lab.own-login');
  /** Answered only by this observer's accessor getter: how a second copy knows it is not needed (nothing is added to window). */
  const MARK = Symbol.for('chat-identity-lab.zendesk-observer');
  const PAGE_LOGIN_EVENT = 'chat-identity-lab:page-login';
  // Taken before any page script runs: a page that later patches them cannot see or stop a report.
  const dispatch = window.dispatchEvent.bind(window);
  const Announcement = CustomEvent;
  /** Tells the relay (isolated world), which stops the event before any page listener hears it. */
  const announce = (token: string) => dispatch(new Announcement(PAGE_LOGIN_EVENT, { detail: token }));
  // biome-ignore lint/suspicious/noExplicitAny: page globals are untyped.
  const w = window as any;
  try {
    if ((Object.getOwnPropertyDescriptor(window, 'zE')?.get as unknown as Record<symbol, unknown> | undefined)?.[MARK]) return;
  } catch {
    // Not ours.
  }
  /** A getter that says it is this observer's to MARK, and to nothing else. */
  const markedGetter = (get: () => unknown) => new Proxy(get, { get: (target, key, receiver) => (key === MARK ? true : Reflect.get(target, key, receiver)) });

  const wrapped = new WeakSet<object>();
  const report = (token: unknown) => {
    if (typeof token === 'string') announce(token.slice(0, 16384));
  };

  /** The page's jwtCallback, with the callback it is given reporting what it receives. */
  const observeJwtCallback = (jwtCallback: (...a: unknown[]) => unknown) =>
    function (this: unknown, ...args: unknown[]) {
      const give = args[0];
      if (typeof give === 'function') {
        args[0] = function (this: unknown, ...given: unknown[]) {
          try {
            report(given[0]);
          } catch {
            // Observing must never break the page's login.
          }
          return (give as (...a: unknown[]) => unknown).apply(this, given);
        };
      }
      return jwtCallback.apply(this, args);
    };

  const wrap = (zE: unknown): unknown => {
    if (typeof zE !== 'function' || wrapped.has(zE)) return zE;
    const proxy = new Proxy(zE, {
      apply(target, thisArg, args: unknown[]) {
        let forwarded = args;
        try {
          const jwtCallback = args[2];
          if (args[0] === 'messenger' && args[1] === 'loginUser' && typeof jwtCallback === 'function' && !(jwtCallback as unknown as Record<symbol, unknown>)[OWN]) {
            forwarded = [args[0], args[1], observeJwtCallback(jwtCallback as (...a: unknown[]) => unknown), ...args.slice(3)];
          }
        } catch {
          forwarded = args;
        }
        return Reflect.apply(target as (...a: unknown[]) => unknown, thisArg, forwarded);
      },
    });
    wrapped.add(proxy);
    return proxy;
  };

  let current = wrap(w.zE);
  const existing = Object.getOwnPropertyDescriptor(window, 'zE');
  if (existing && existing.configurable === false) return;
  try {
    Object.defineProperty(window, 'zE', {
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

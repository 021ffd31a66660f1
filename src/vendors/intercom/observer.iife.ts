/**
 * Runs in the page's main world at document_start on the sites of Intercom environments that
 * watch their own logins. Notices the user JWT the site's code hands the Messenger, in
 * Intercom('boot' | 'update', { intercom_user_jwt }) or in window.intercomSettings, and reports
 * it. Intercom is wrapped in a Proxy, so its queue and properties stay as they are, and every
 * call goes through unchanged. The extension's own boots are marked and skipped.
 *
 * Self-contained on purpose (built as an IIFE): the page can read it, and it holds nothing secret. What it leaves visible is in the README (Security).
 */
(() => {
  const OWN = Symbol.for('chat-identity-lab.own-login');
  /** Answered only by this observer's accessor getter: how a second copy knows it is not needed (nothing is added to window). */
  const MARK = Symbol.for('chat-identity-lab.intercom-observer');
  const PAGE_LOGIN_EVENT = 'chat-identity-lab:page-login';
  // Taken before any page script runs: a page that later patches them cannot see or stop a report.
  const dispatch = window.dispatchEvent.bind(window);
  const Announcement = CustomEvent;
  /** Tells the relay (isolated world), which stops the event before any page listener hears it. */
  const announce = (token: string) => dispatch(new Announcement(PAGE_LOGIN_EVENT, { detail: token }));
  // biome-ignore lint/suspicious/noExplicitAny: page globals are untyped.
  const w = window as any;
  try {
    if ((Object.getOwnPropertyDescriptor(window, 'Intercom')?.get as unknown as Record<symbol, unknown> | undefined)?.[MARK]) return;
  } catch {
    // Not ours.
  }
  /** A getter that says it is this observer's to MARK, and to nothing else. */
  const markedGetter = (get: () => unknown) => new Proxy(get, { get: (target, key, receiver) => (key === MARK ? true : Reflect.get(target, key, receiver)) });

  const report = (settings: unknown) => {
    if (w[OWN] || !settings || typeof settings !== 'object') return;
    const token = (settings as { intercom_user_jwt?: unknown }).intercom_user_jwt;
    if (typeof token === 'string') announce(token.slice(0, 16384));
  };

  const wrapped = new WeakSet<object>();
  const wrap = (intercom: unknown): unknown => {
    if (typeof intercom !== 'function' || wrapped.has(intercom)) return intercom;
    const proxy = new Proxy(intercom, {
      apply(target, thisArg, args: unknown[]) {
        try {
          if (args[0] === 'boot' || args[0] === 'update') report(args[1]);
        } catch {
          // Observing must never break the page's Messenger.
        }
        return Reflect.apply(target as (...a: unknown[]) => unknown, thisArg, args);
      },
    });
    wrapped.add(proxy);
    return proxy;
  };

  /** Keeps window[name] observed whenever the page (re)assigns it. */
  const trap = (name: string, onSet: (value: unknown) => unknown) => {
    const existing = Object.getOwnPropertyDescriptor(window, name);
    if (existing && existing.configurable === false) return;
    let current = onSet(w[name]);
    try {
      Object.defineProperty(window, name, {
        configurable: true,
        enumerable: true,
        get: markedGetter(() => current),
        set: (value) => {
          current = onSet(value);
        },
      });
    } catch {
      // Nothing to observe then; the page works as before.
    }
  };

  trap('Intercom', wrap);
  trap('intercomSettings', (settings) => {
    try {
      report(settings);
    } catch {
      // As above.
    }
    return settings;
  });
})();

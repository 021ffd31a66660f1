/**
 * Runs in the page's main world at document_start on the sites of Chatwoot environments that
 * watch their own logins. Notices the identifier_hash the site's code hands the widget in
 * window.$chatwoot.setUser(identifier, { identifier_hash }) and reports it. The SDK assigns
 * window.$chatwoot once it runs; its setUser is wrapped then, and every call goes through
 * unchanged. The extension's own logins are marked and skipped.
 *
 * Self-contained on purpose (built as an IIFE): the page can read it, and it holds nothing secret. What it leaves visible is in the README (Security).
 */
(() => {
  const OWN = Symbol.for('chat-identity-lab.own-login');
  /** Answered only by this observer's accessor getter: how a second copy knows it is not needed (nothing is added to window). */
  const MARK = Symbol.for('chat-identity-lab.chatwoot-observer');
  const PAGE_LOGIN_EVENT = 'chat-identity-lab:page-login';
  // Taken before any page script runs: a page that later patches them cannot see or stop a report.
  const dispatch = window.dispatchEvent.bind(window);
  const Announcement = CustomEvent;
  /** Tells the relay (isolated world), which stops the event before any page listener hears it. */
  const announce = (hash: string) => dispatch(new Announcement(PAGE_LOGIN_EVENT, { detail: hash }));
  // biome-ignore lint/suspicious/noExplicitAny: page globals are untyped.
  const w = window as any;
  try {
    if ((Object.getOwnPropertyDescriptor(window, '$chatwoot')?.get as unknown as Record<symbol, unknown> | undefined)?.[MARK]) return;
  } catch {
    // Not ours.
  }
  const markedGetter = (get: () => unknown) => new Proxy(get, { get: (target, key, receiver) => (key === MARK ? true : Reflect.get(target, key, receiver)) });

  const wrapped = new WeakSet<object>();
  const wrap = (widget: unknown): unknown => {
    if (!widget || typeof widget !== 'object' || wrapped.has(widget)) return widget;
    const original = (widget as { setUser?: unknown }).setUser;
    if (typeof original !== 'function') return widget;
    wrapped.add(widget);
    try {
      (widget as { setUser: unknown }).setUser = function (this: unknown, ...args: unknown[]) {
        try {
          const hash = (args[1] as { identifier_hash?: unknown } | undefined)?.identifier_hash;
          if (!w[OWN] && typeof hash === 'string') announce(hash.slice(0, 16384));
        } catch {
          // Observing must never break the page's widget.
        }
        return Reflect.apply(original as (...a: unknown[]) => unknown, this, args);
      };
    } catch {
      // A frozen widget: nothing to observe.
    }
    return widget;
  };

  const existing = Object.getOwnPropertyDescriptor(window, '$chatwoot');
  if (existing && existing.configurable === false) return;
  let current = wrap(w.$chatwoot);
  try {
    Object.defineProperty(window, '$chatwoot', {
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

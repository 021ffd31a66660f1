/**
 * Runs in the page's main world at document_start on the sites of Sunshine Conversations
 * environments that watch their own logins. Keeps window.Smooch (the loader's stub, then the Web
 * Messenger) behind an accessor that hands out a Proxy of it: every property stays as it is, and
 * Smooch.login(externalId, jwt) calls are noticed: the token the site's code passes is reported,
 * then passed on unchanged. The extension's own logins are marked and skipped.
 *
 * Self-contained on purpose (built as an IIFE): the page can read it, and it holds nothing secret.
 */
(() => {
  const OWN_LOGIN = Symbol.for('chat-identity-lab.own-login');
  /** Answered only by this observer's Proxies and getter: how a second copy knows it is not needed. */
  const MARK = Symbol.for('chat-identity-lab.sunshine-observer');
  const PAGE_LOGIN_EVENT = 'chat-identity-lab:page-login';
  // Taken before any page script runs: a page that later patches them cannot see or stop a report.
  const dispatch = window.dispatchEvent.bind(window);
  const Announcement = CustomEvent;
  const announce = (token: string) => dispatch(new Announcement(PAGE_LOGIN_EVENT, { detail: token }));
  // biome-ignore lint/suspicious/noExplicitAny: page globals are untyped.
  const w = window as any;
  try {
    if ((Object.getOwnPropertyDescriptor(window, 'Smooch')?.get as unknown as Record<symbol, unknown> | undefined)?.[MARK]) return;
  } catch {
    // Not ours.
  }
  const marked = <T extends object>(target: T) => new Proxy(target, { get: (t, key, receiver) => (key === MARK ? true : Reflect.get(t, key, receiver)) });

  const report = (token: unknown) => {
    if (w[OWN_LOGIN] || typeof token !== 'string') return;
    announce(token.slice(0, 16384));
  };

  /** The page's Smooch, with its login observed; everything else as it was. */
  const logins = new WeakMap<object, unknown>();
  const wrap = (smooch: unknown): unknown => {
    if (!smooch || (typeof smooch !== 'object' && typeof smooch !== 'function')) return smooch;
    return new Proxy(smooch as object, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if (key !== 'login' || typeof value !== 'function') return value;
        const known = logins.get(value);
        if (known) return known;
        const observed = new Proxy(value, {
          apply(fn, thisArg, args: unknown[]) {
            try {
              report(args[1]);
            } catch {
              // Observing must never break the page's login.
            }
            return Reflect.apply(fn as (...a: unknown[]) => unknown, thisArg === receiver ? target : thisArg, args);
          },
        });
        logins.set(value, observed);
        return observed;
      },
    });
  };

  let current = wrap(w.Smooch);
  const existing = Object.getOwnPropertyDescriptor(window, 'Smooch');
  if (existing && existing.configurable === false) return;
  try {
    Object.defineProperty(window, 'Smooch', {
      configurable: true,
      enumerable: true,
      get: marked(() => current),
      set: (value) => {
        current = wrap(value);
      },
    });
  } catch {
    // Nothing to observe then; the page works as before.
  }
})();

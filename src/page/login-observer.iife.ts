/**
 * Runs in the page's main world at document_start on the sites of environments that watch
 * their own logins. Wraps Kustomer.login so the token the site's own code passes is reported
 * (as a window event the isolated relay picks up), then calls the real login with exactly the
 * same `this`, arguments and callback, and returns what it returns. It works whichever loads
 * first, the SDK or this script, and when the SDK replaces window.Kustomer or adds login later.
 *
 * Self-contained on purpose (built as an IIFE): the page can read it, and it holds nothing secret.
 */
(() => {
  const OWN_LOGIN_FLAG = 'chat-identity-lab.own-login';
  const PAGE_LOGIN_EVENT = 'chat-identity-lab:page-login';
  // biome-ignore lint/suspicious/noExplicitAny: page globals are untyped.
  const w = window as any;
  if (w[Symbol.for(`${OWN_LOGIN_FLAG}.observer`)]) return;
  w[Symbol.for(`${OWN_LOGIN_FLAG}.observer`)] = true;

  const wrappers = new WeakSet<object>();

  const report = (options: unknown) => {
    if (w[Symbol.for(OWN_LOGIN_FLAG)]) return;
    const token = options && typeof options === 'object' ? (options as { jwtToken?: unknown }).jwtToken : undefined;
    if (typeof token !== 'string') return;
    window.dispatchEvent(new CustomEvent(PAGE_LOGIN_EVENT, { detail: token.slice(0, 16384) }));
  };

  const wrap = (login: unknown): unknown => {
    if (typeof login !== 'function' || wrappers.has(login)) return login;
    const original = login as (...args: unknown[]) => unknown;
    const wrapped = function (this: unknown, ...args: unknown[]) {
      try {
        report(args[0]);
      } catch {
        // Observing must never break the page's login.
      }
      return original.apply(this, args);
    };
    wrappers.add(wrapped);
    return wrapped;
  };

  const watch = (kustomer: unknown) => {
    if (!kustomer || (typeof kustomer !== 'object' && typeof kustomer !== 'function')) return;
    const target = kustomer as Record<string, unknown>;
    const descriptor = Object.getOwnPropertyDescriptor(target, 'login');
    if (descriptor && (descriptor.get || descriptor.configurable === false)) {
      if (!descriptor.get && descriptor.writable) target.login = wrap(target.login);
      return;
    }
    let current = wrap(target.login);
    try {
      Object.defineProperty(target, 'login', {
        configurable: true,
        enumerable: true,
        get: () => current,
        set: (value) => {
          current = wrap(value);
        },
      });
    } catch {
      // A frozen SDK object: leave it alone.
    }
  };

  let kustomer = w.Kustomer;
  watch(kustomer);
  const existing = Object.getOwnPropertyDescriptor(window, 'Kustomer');
  if (existing && existing.configurable === false) return;
  try {
    Object.defineProperty(window, 'Kustomer', {
      configurable: true,
      enumerable: true,
      get: () => kustomer,
      set: (value) => {
        kustomer = value;
        watch(value);
      },
    });
  } catch {
    // Nothing to observe then; the page works as before.
  }
})();

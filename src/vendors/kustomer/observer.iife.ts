/**
 * Runs in the page's main world at document_start on the sites of environments that watch
 * their own logins. Wraps Kustomer.login so the token the site's own code passes is reported
 * (as a window event the isolated relay picks up), then calls the real login with exactly the
 * same `this`, arguments and callback, and returns what it returns. It works whichever loads
 * first, the SDK or this script, and when the SDK replaces window.Kustomer or adds login later.
 *
 * It wraps Kustomer.start too, to learn from the SDK itself when start has finished: it notes
 * the call and hands the SDK a stand-in for the page's callback that records the moment it
 * fires, then calls the page's callback with the same `this` and arguments and returns what
 * it returns. The page's options object, `this` and start's return value are unchanged. The
 * extension's page code (src/vendors/kustomer/page-command.ts) reads that record.
 *
 * Self-contained on purpose (built as an IIFE): the page can read it, and it holds nothing secret.
 */
(() => {
  const OWN_LOGIN_FLAG = 'chat-identity-lab.own-login';
  const START_RECORD = Symbol.for('chat-identity-lab.kustomer-start');
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

  const wrapLogin = (login: unknown): unknown => {
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

  /** When the page called start and when its callback fired (the SDK is started then). */
  const startRecord = (): Record<string, unknown> => {
    const existing = w[START_RECORD];
    if (existing && typeof existing === 'object') return existing;
    const created: Record<string, unknown> = {};
    w[START_RECORD] = created;
    return created;
  };

  const wrapStart = (start: unknown): unknown => {
    if (typeof start !== 'function' || wrappers.has(start)) return start;
    const original = start as (...args: unknown[]) => unknown;
    const wrapped = function (this: unknown, ...args: unknown[]) {
      let forwarded = args;
      try {
        const record = startRecord();
        if (record.calledAt === undefined) record.calledAt = Date.now();
        const callback = args[1];
        // The loader's queue hands the same (already observed) callback to the real start.
        if (typeof callback === 'function' && !wrappers.has(callback)) {
          const page = callback as (...a: unknown[]) => unknown;
          const observed = function (this: unknown, ...callbackArgs: unknown[]) {
            try {
              if (record.finishedAt === undefined) record.finishedAt = Date.now();
              // "Start chat SDK" marks its own start 'lab' before calling through here.
              if (record.by === undefined) record.by = 'page';
            } catch {
              // Recording must never break the page's callback.
            }
            return page.apply(this, callbackArgs);
          };
          wrappers.add(observed);
          forwarded = [args[0], observed, ...args.slice(2)];
        }
      } catch {
        forwarded = args;
      }
      return original.apply(this, forwarded);
    };
    wrappers.add(wrapped);
    return wrapped;
  };

  /** Keeps `name` on the SDK object wrapped, whenever the SDK (re)assigns it. */
  const keepWrapped = (target: Record<string, unknown>, name: string, wrap: (value: unknown) => unknown) => {
    const descriptor = Object.getOwnPropertyDescriptor(target, name);
    if (descriptor && (descriptor.get || descriptor.configurable === false)) {
      if (!descriptor.get && descriptor.writable) target[name] = wrap(target[name]);
      return;
    }
    let current = wrap(target[name]);
    try {
      Object.defineProperty(target, name, {
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

  const watch = (kustomer: unknown) => {
    if (!kustomer || (typeof kustomer !== 'object' && typeof kustomer !== 'function')) return;
    const target = kustomer as Record<string, unknown>;
    keepWrapped(target, 'login', wrapLogin);
    keepWrapped(target, 'start', wrapStart);
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

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
 * As quiet as the platform allows (README, Security): nothing is added to window; the record
 * is kept here and answered only to `Kustomer.start[Symbol.for('chat-identity-lab.kustomer-start')]`
 * (a Proxy trap, not a property anyone can list); login and start are Proxies of the SDK's
 * own functions (same name, length and properties); and window.Kustomer is an accessor only
 * until the SDK with its login has arrived, then a plain property again.
 *
 * Self-contained on purpose (built as an IIFE): the page can read it, and it holds nothing secret.
 */
(() => {
  const OWN_LOGIN = Symbol.for('chat-identity-lab.own-login');
  const START_RECORD = Symbol.for('chat-identity-lab.kustomer-start');
  /** Answered by this observer's Proxies only: how a second copy of it knows it is not needed. */
  const MARK = Symbol.for('chat-identity-lab.kustomer-observer');
  const PAGE_LOGIN_EVENT = 'chat-identity-lab:page-login';
  // Taken before any page script runs: a page that later patches them cannot see or stop a report.
  const dispatch = window.dispatchEvent.bind(window);
  const Announcement = CustomEvent;
  /** Tells the relay (isolated world), which stops the event before any page listener hears it. */
  const announce = (token: string) => dispatch(new Announcement(PAGE_LOGIN_EVENT, { detail: token }));
  // biome-ignore lint/suspicious/noExplicitAny: page globals are untyped.
  const w = window as any;
  const marked = (value: unknown) => {
    try {
      return (typeof value === 'function' || (typeof value === 'object' && value !== null)) && (value as Record<symbol, unknown>)[MARK] === true;
    } catch {
      return false;
    }
  };
  const windowGetter = Object.getOwnPropertyDescriptor(window, 'Kustomer')?.get;
  if (marked(windowGetter) || marked(w.Kustomer?.login) || marked(w.Kustomer?.start)) return;

  const report = (options: unknown) => {
    if (w[OWN_LOGIN]) return;
    const token = options && typeof options === 'object' ? (options as { jwtToken?: unknown }).jwtToken : undefined;
    if (typeof token !== 'string') return;
    announce(token.slice(0, 16384));
  };

  /** When the page called start and when its callback fired (the SDK is started then). */
  let ownRecord: Record<string, unknown> | undefined;
  const startRecord = (): Record<string, unknown> => {
    // "Start chat SDK" leaves its own record on window (after a click); it is the one to fill.
    try {
      const lab = w[START_RECORD];
      if (lab && typeof lab === 'object') return lab;
    } catch {
      // A page that booby-trapped the name: keep our own.
    }
    ownRecord ??= {};
    return ownRecord;
  };

  /** A Proxy of one of the SDK's functions: everything as it was, calls observed. */
  const observed = (fn: unknown, onCall: (args: unknown[]) => unknown[], answers: Record<symbol, () => unknown> = {}): unknown => {
    if (typeof fn !== 'function' || marked(fn)) return fn;
    return new Proxy(fn, {
      apply(target, thisArg, args: unknown[]) {
        let forwarded = args;
        try {
          forwarded = onCall(args);
        } catch {
          // Observing must never break the page's call.
          forwarded = args;
        }
        return Reflect.apply(target as (...a: unknown[]) => unknown, thisArg, forwarded);
      },
      get(target, key, receiver) {
        if (key === MARK) return true;
        const answer = answers[key as symbol];
        if (typeof key === 'symbol' && answer) return answer();
        return Reflect.get(target, key, receiver);
      },
    });
  };

  const wrapLogin = (login: unknown) =>
    observed(login, (args) => {
      report(args[0]);
      return args;
    });

  const callbacks = new WeakSet<object>();
  const wrapStart = (start: unknown) =>
    observed(
      start,
      (args) => {
        const record = startRecord();
        if (record.calledAt === undefined) record.calledAt = Date.now();
        const callback = args[1];
        // The loader's queue hands the same (already observed) callback to the real start.
        if (typeof callback !== 'function' || callbacks.has(callback)) return args;
        const page = callback as (...a: unknown[]) => unknown;
        const stand = function (this: unknown, ...callbackArgs: unknown[]) {
          try {
            if (record.finishedAt === undefined) record.finishedAt = Date.now();
            // "Start chat SDK" marks its own start 'lab' before calling through here.
            if (record.by === undefined) record.by = 'page';
          } catch {
            // Recording must never break the page's callback.
          }
          return page.apply(this, callbackArgs);
        };
        callbacks.add(stand);
        return [args[0], stand, ...args.slice(2)];
      },
      { [START_RECORD]: () => startRecord() },
    );

  /**
   * Keeps `name` on the SDK object observed. A function already there is replaced by its Proxy
   * in a plain property; a name not yet there is watched by an accessor until the SDK sets it,
   * then becomes a plain property holding the Proxy.
   */
  const keepObserved = (target: Record<string, unknown>, name: string, wrap: (value: unknown) => unknown, then: () => void) => {
    const descriptor = Object.getOwnPropertyDescriptor(target, name);
    if (descriptor && (descriptor.get || descriptor.set || descriptor.configurable === false)) {
      if (descriptor.writable && typeof target[name] === 'function') target[name] = wrap(target[name]);
      return;
    }
    try {
      if (descriptor && typeof descriptor.value === 'function') {
        Object.defineProperty(target, name, { ...descriptor, value: wrap(descriptor.value) });
        return;
      }
      Object.defineProperty(target, name, {
        configurable: true,
        enumerable: true,
        get: () => undefined,
        set: (value) => {
          Object.defineProperty(target, name, { configurable: true, enumerable: true, writable: true, value: wrap(value) });
          then();
        },
      });
    } catch {
      // A frozen SDK object: leave it alone.
    }
  };

  let kustomer = w.Kustomer;
  /** window.Kustomer back to a plain property once its login is observed: nothing left to catch. */
  const settle = () => {
    if (!marked(kustomer?.login)) return;
    try {
      Object.defineProperty(window, 'Kustomer', { configurable: true, enumerable: true, writable: true, value: kustomer });
    } catch {
      // Keep the accessor: it still works.
    }
  };
  const watch = (value: unknown) => {
    if (!value || (typeof value !== 'object' && typeof value !== 'function')) return;
    const target = value as Record<string, unknown>;
    keepObserved(target, 'start', wrapStart, () => {});
    keepObserved(target, 'login', wrapLogin, () => {
      if (kustomer === value) settle();
    });
  };

  watch(kustomer);
  if (marked(kustomer?.login)) return;
  const existing = Object.getOwnPropertyDescriptor(window, 'Kustomer');
  if (existing && existing.configurable === false) return;
  const get = new Proxy(() => kustomer, { get: (target, key, receiver) => (key === MARK ? true : Reflect.get(target, key, receiver)) });
  try {
    Object.defineProperty(window, 'Kustomer', {
      configurable: true,
      enumerable: true,
      get,
      set: (value) => {
        kustomer = value;
        watch(value);
        settle();
      },
    });
  } catch {
    // Nothing to observe then; the page works as before.
  }
})();

import type { ConversationSummary, ConversationsView, PageContext, PageRequest, PageResult, ReadinessReport, SdkCall } from '../../model/protocol';

/**
 * Runs one session command against the page's Kustomer chat SDK, in the page's main world.
 *
 * Sent to the page as source text by `scripting.executeScript`: it must stay self-contained
 * (no imports, no closures over module scope) and return JSON. The page can read and patch
 * anything here, so it receives nothing secret: only a signed token.
 */
export async function runKustomerCommand(request: PageRequest, context: PageContext): Promise<PageResult> {
  // First, before touching anything the page could have patched: is this the document the
  // extension checked? (location is unforgeable.) A tab that navigated meanwhile gets nothing.
  if (context.origin !== undefined && location.origin !== context.origin) return { ok: false, problem: 'other-page' };
  // biome-ignore lint/suspicious/noExplicitAny: the page's globals are untyped by nature.
  const w = window as any;
  const timeoutMs = request.timeoutMs;
  // One deadline for the whole command, however many SDK calls it makes.
  const deadline = Date.now() + timeoutMs;
  const { limits } = context;
  const capped = (value: string) => value.slice(0, limits.text);
  // Shared with the login observer (src/vendors/kustomer/observer.iife.ts), which records the
  // page's own Kustomer.start call and its callback under the same name.
  const START_RECORD = Symbol.for('chat-identity-lab.kustomer-start');
  const OBSERVER_FLAG = Symbol.for('chat-identity-lab.own-login.observer');
  const PROBE_RECORD = Symbol.for('chat-identity-lab.readiness-probe');
  const PROBE_INTERVAL_MS = 500;

  const loaderOnPage = () =>
    document.querySelector('script[data-kustomer-api-key], script[src*="chat-web/widget.js"]') !== null;
  const record = (key: symbol): Record<string, unknown> => {
    const value = w[key];
    if (value && typeof value === 'object') return value;
    const observers = key === START_RECORD ? observerRecord() : undefined;
    return observers ?? {};
  };
  /** The login observer keeps its start record off window: its Kustomer.start Proxy answers it. */
  const observerRecord = (): Record<string, unknown> | undefined => {
    try {
      const value = w.Kustomer?.start?.[START_RECORD];
      return value && typeof value === 'object' ? value : undefined;
    } catch {
      return undefined;
    }
  };
  const kustomerNow = () => w.Kustomer;

  /** Asks the SDK something harmless whose callback only comes once start has finished. */
  const probe = (kustomer: { isLoggedIn: (q: unknown, cb: (yes: unknown, error: unknown) => void) => void }) => {
    const previous = record(PROBE_RECORD);
    const sentAt = typeof previous.sentAt === 'number' ? previous.sentAt : 0;
    // One probe at a time: ask again after a refusal, or when an SDK dropped an early call.
    const age = Date.now() - sentAt;
    if (previous.answer === 'ok' || age < PROBE_INTERVAL_MS || (previous.answer === undefined && sentAt > 0 && age < 4 * PROBE_INTERVAL_MS)) return;
    const entry: Record<string, unknown> = { sentAt: Date.now() };
    w[PROBE_RECORD] = entry;
    try {
      kustomer.isLoggedIn({ externalId: `chat-identity-lab-probe-${Math.random().toString(36).slice(2)}` }, (_yes, error) => {
        entry.answer = error ? 'refused' : 'ok';
      });
    } catch {
      entry.answer = 'refused';
    }
  };

  /** Where the SDK stands now. Only plain values: this crosses back to the extension. */
  const inspect = (withProbe: boolean): ReadinessReport => {
    const k = kustomerNow();
    const start = record(START_RECORD);
    const observed = w[OBSERVER_FLAG] === true || observerRecord() !== undefined;
    const timing = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    let lastActivity = timing?.loadEventEnd ?? 0;
    for (const entry of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
      if (entry.responseEnd > lastActivity) lastActivity = entry.responseEnd;
    }
    const pageLoaded = document.readyState === 'complete';
    const report: ReadinessReport = {
      sdk: 'none',
      startCalled: observed || start.calledAt !== undefined ? start.calledAt !== undefined : undefined,
      pageLoaded,
      quietMs: pageLoaded ? Math.max(0, Math.round(performance.now() - lastActivity)) : 0,
    };
    if (k && typeof k.login === 'function') {
      report.sdk = 'loaded';
      if (typeof start.finishedAt === 'number') report.started = start.by === 'lab' ? 'lab' : 'observer';
      else if (document.getElementById('kustomer-ui-sdk-iframe')) report.started = 'iframe';
      else if (record(PROBE_RECORD).answer === 'ok') report.started = 'probe';
      else if (withProbe && typeof k.isLoggedIn === 'function') {
        probe(k);
        if (record(PROBE_RECORD).answer === 'ok') report.started = 'probe';
      }
    } else if (k && typeof k.start === 'function') report.sdk = 'loader'; // the loader's stub
    else if (k && typeof k.initialize === 'function') report.sdk = 'cards';
    else if (k) report.sdk = 'other';
    else if (loaderOnPage()) report.sdk = 'loader';
    return report;
  };

  if (request.command === 'inspect') return { ok: true, command: 'inspect', report: inspect(request.probe) };

  if (request.command === 'start') {
    const k = kustomerNow();
    if (!k || typeof k.start !== 'function') return { ok: false, problem: 'not-ready', report: inspect(false) };
    const entry: Record<string, unknown> = { ...record(START_RECORD), calledAt: Date.now(), by: 'lab' };
    delete entry.finishedAt;
    w[START_RECORD] = entry;
    try {
      // Options the site would pass (brandId, hideChatIcon, ...) are its own; {} starts the
      // chat with the org's defaults. The extension waits for the callback by asking again.
      k.start({}, () => {
        entry.finishedAt = Date.now();
      });
    } catch (error) {
      const message = error && typeof error === 'object' && 'message' in error ? String((error as Error).message) : String(error);
      return { ok: false, problem: 'sdk-threw', call: 'start', message: capped(message) };
    }
    return { ok: true, command: 'start' };
  }

  const readiness = inspect(false);
  const ready = readiness.started;
  if (!ready) return { ok: false, problem: 'not-ready', report: readiness };

  const kustomer = w.Kustomer;
  type Answer =
    | { kind: 'answer'; value: unknown; error: unknown }
    | { kind: 'timeout' }
    | { kind: 'threw'; error: unknown };
  /**
   * Calls the SDK and settles on its callback or, where `event` is named, on that SDK event
   * (onLogin, onLogout) when `ours` says it answers this call: SDK builds differ in which of
   * the two they deliver.
   */
  const call = (invoke: (callback: (value: unknown, error: unknown) => void) => void, event?: string, ours: (payload: unknown) => boolean = () => true) =>
    new Promise<Answer>((resolve) => {
      let listener: ((payload: unknown) => void) | undefined;
      const settle = (answer: Answer) => {
        clearTimeout(timer);
        if (listener) {
          try {
            kustomer.removeListener(event, listener);
          } catch {
            // An SDK without removeListener keeps a listener that no longer resolves anything.
          }
          listener = undefined;
        }
        resolve(answer);
      };
      const timer = setTimeout(() => settle({ kind: 'timeout' }), Math.max(0, deadline - Date.now()));
      if (event && typeof kustomer.addListener === 'function') {
        // Listeners carry (response, error) like callbacks: an error is a refusal. An event that
        // answers someone else's login (the page's own) is not ours.
        listener = (payload: unknown, error?: unknown) => {
          if (error || ours(payload)) settle({ kind: 'answer', value: payload, error });
        };
        try {
          kustomer.addListener(event, listener);
        } catch {
          listener = undefined;
        }
      }
      try {
        invoke((value, error) => settle({ kind: 'answer', value, error }));
      } catch (error) {
        settle({ kind: 'threw', error });
      }
    });
  const messageOf = (error: unknown) => {
    try {
      return capped(error && typeof error === 'object' && 'message' in error ? String((error as Error).message) : String(error));
    } catch {
      return 'an error that cannot be shown';
    }
  };
  /**
   * Kustomer answers a refusal with a JSON:API `errors` list, and an answer carrying one is a
   * failure whatever its HTTP status (its SDKs' own rule). An SDK build that hands the body on
   * gives it to the callback or listener as the response, with no error: the `errors` still say no.
   */
  const errorsIn = (value: unknown): string | undefined => {
    try {
      if (!value || typeof value !== 'object') return undefined;
      const errors = (value as { errors?: unknown }).errors;
      if (!Array.isArray(errors) || errors.length === 0) return undefined;
      const first = errors[0] && typeof errors[0] === 'object' ? (errors[0] as Record<string, unknown>) : {};
      const said = [first.title, first.detail].filter((part) => typeof part === 'string' && part !== '').join(': ') || (typeof first.code === 'string' ? first.code : 'no detail');
      return capped(`its answer carries errors, a refusal whatever its HTTP status: ${said.replace(/[.\s]+$/, '')}`);
    } catch {
      return 'its answer carries errors that cannot be shown';
    }
  };
  const failure = (answer: Answer, name: SdkCall): PageResult | undefined => {
    if (answer.kind === 'timeout') return { ok: false, problem: 'sdk-timeout', call: name, waitedMs: timeoutMs };
    if (answer.kind === 'threw') return { ok: false, problem: 'sdk-threw', call: name, message: messageOf(answer.error) };
    if (answer.error) return { ok: false, problem: 'sdk-error', call: name, message: messageOf(answer.error) };
    const errors = errorsIn(answer.value);
    if (errors) return { ok: false, problem: 'sdk-error', call: name, message: errors };
    return undefined;
  };
  const text = (value: unknown) =>
    typeof value === 'string' ? capped(value) : typeof value === 'number' ? String(value) : undefined;
  const isLoggedIn = (lookup: unknown) => call((cb) => kustomer.isLoggedIn(lookup, cb));
  const logout = () => call((cb) => kustomer.logout(cb), 'onLogout');

  // Only plain, known fields leave the page: the SDK's objects may hold anything.
  const conversations = async (): Promise<ConversationsView> => {
    const answer = await call((cb) => kustomer.getOpenConversations(cb));
    if (answer.kind === 'timeout') return { ok: false, message: `no answer within ${timeoutMs / 1000} s` };
    if (answer.kind === 'threw') return { ok: false, message: messageOf(answer.error) };
    if (answer.error) return { ok: false, message: messageOf(answer.error) };
    const list = answer.kind === 'answer' && Array.isArray(answer.value) ? answer.value : [];
    const items: ConversationSummary[] = [];
    for (const raw of list) {
      if (items.length >= limits.conversations) break;
      if (!raw || typeof raw !== 'object') continue;
      const c = raw as Record<string, unknown>;
      const conversationId = text(c.conversationId ?? c.id);
      if (!conversationId) continue;
      // The web SDK's objects are undocumented; the iOS SDK names lastMessageAt and preview.
      items.push({
        conversationId,
        createdAt: text(c.createdAt),
        updatedAt: text(c.updatedAt ?? c.lastMessageAt),
        lastMessage: text(c.lastMessage ?? c.preview),
      });
    }
    return { ok: true, items };
  };

  if (request.command === 'logout') {
    const answer = await logout();
    return failure(answer, 'logout') ?? { ok: true, command: 'logout', ready };
  }

  if (request.command === 'conversations') return { ok: true, command: 'conversations', conversations: await conversations(), ready };

  if (request.command === 'forget-device') {
    const answer = await logout();
    const problem = failure(answer, 'logout');
    if (problem) return problem;
    // The SDK keeps its device session in the page's storage; without it the page is a new device.
    const removedKeys: string[] = [];
    for (const storage of [localStorage, sessionStorage]) {
      const keys: string[] = [];
      for (let i = 0; i < storage.length; i++) keys.push(storage.key(i) ?? '');
      for (const key of keys) {
        if (/kustomer/i.test(key)) {
          storage.removeItem(key);
          if (removedKeys.length < limits.keys) removedKeys.push(capped(key));
        }
      }
    }
    return { ok: true, command: 'forget-device', removedKeys, ready };
  }

  if (request.command === 'create-conversation') {
    if (typeof kustomer.createConversation !== 'function') return { ok: true, command: 'create-conversation', ready };
    const answer = await call((cb) => kustomer.createConversation({ message: request.message }, cb));
    const problem = failure(answer, 'createConversation');
    if (problem) return problem;
    const created = answer.kind === 'answer' && answer.value && typeof answer.value === 'object' ? (answer.value as Record<string, unknown>) : {};
    const conversationId = text(created.conversationId ?? created.id);
    return { ok: true, command: 'create-conversation', conversationId: conversationId || undefined, ready };
  }

  if (request.command === 'check') {
    const answer = await isLoggedIn(request.lookup);
    const problem = failure(answer, 'isLoggedIn');
    if (problem) return problem;
    const loggedIn = answer.kind === 'answer' && answer.value === true;
    return { ok: true, command: 'check', loggedIn, conversations: loggedIn ? await conversations() : undefined, ready };
  }

  // Switching: log the previous customer out first, if the page still has them.
  let loggedOutPrevious = false;
  const previous = request.previous;
  const same =
    previous !== undefined &&
    (('email' in previous && 'email' in request.lookup && previous.email === request.lookup.email) ||
      ('externalId' in previous && 'externalId' in request.lookup && previous.externalId === request.lookup.externalId));
  if (previous && !same) {
    const still = await isLoggedIn(previous);
    const problem = failure(still, 'isLoggedIn');
    if (problem) return problem;
    if (still.kind === 'answer' && still.value === true) {
      const out = await logout();
      const outProblem = failure(out, 'logout');
      if (outProblem) return outProblem;
      loggedOutPrevious = true;
    }
  }

  // Marked as the extension's own call, so the login observer (if any) does not list it.
  const own = Symbol.for('chat-identity-lab.own-login');
  const lookup = request.lookup as { email?: string; externalId?: string };
  const forUs = (payload: unknown) => {
    if (!payload || typeof payload !== 'object') return true;
    const p = payload as Record<string, unknown>;
    if (lookup.email !== undefined && typeof p.email === 'string') return p.email.toLowerCase() === lookup.email.toLowerCase();
    if (lookup.externalId !== undefined && (typeof p.externalId === 'string' || typeof p.externalId === 'number')) return String(p.externalId) === lookup.externalId;
    return true;
  };
  const login = await call(
    (cb) => {
      w[own] = true;
      try {
        kustomer.login({ jwtToken: request.credential.value }, cb);
      } finally {
        w[own] = false;
      }
    },
    'onLogin',
    forUs,
  );
  const loginFailure = failure(login, 'login');
  if (loginFailure) return loginFailure;
  const raw = login.kind === 'answer' && login.value && typeof login.value === 'object' ? (login.value as Record<string, unknown>) : {};
  const response = {
    identified: typeof raw.identified === 'boolean' ? raw.identified : undefined,
    customerId: text(raw.customerId ?? raw.id),
    email: text(raw.email),
    externalId: text(raw.externalId),
  };
  // Asked not to confirm (the Node package's default): the server's answer is the evidence, and
  // the callback without an error is all the widget says.
  if (request.confirm === false) return { ok: true, command: 'login', loggedIn: true, said: 'callback', response, loggedOutPrevious, ready };
  const check = await isLoggedIn(request.lookup);
  const checkFailure = failure(check, 'isLoggedIn');
  if (checkFailure) return checkFailure;
  const loggedIn = check.kind === 'answer' && check.value === true;
  return {
    ok: true,
    command: 'login',
    loggedIn,
    said: 'check',
    response,
    loggedOutPrevious,
    conversations: loggedIn ? await conversations() : { ok: true, items: [] },
    ready,
  };
}

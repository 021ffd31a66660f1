import type { ConversationSummary, ConversationsView, PageRequest, PageResult, SdkCall } from './protocol';

/**
 * Runs one session command against the page's Kustomer chat SDK, in the page's main world.
 *
 * Sent to the page as source text by `scripting.executeScript`: it must stay self-contained
 * (no imports, no closures over module scope) and return JSON. The page can read and patch
 * anything here, so it receives nothing secret: only a signed token.
 */
export async function runKustomerCommand(request: PageRequest): Promise<PageResult> {
  // biome-ignore lint/suspicious/noExplicitAny: the page's globals are untyped by nature.
  const w = window as any;
  const started = Date.now();
  const timeoutMs = request.timeoutMs;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  const loaderOnPage = () =>
    document.querySelector('script[data-kustomer-api-key], script[src*="chat-web/widget.js"]') !== null;

  type SdkState = 'ready' | 'starting' | 'loading' | 'cards' | 'other' | 'none';
  const sdkState = (): SdkState => {
    const k = w.Kustomer;
    if (k && typeof k.login === 'function') {
      // start() renders the widget's iframe; before that the SDK refuses other calls.
      return document.getElementById('kustomer-ui-sdk-iframe') ? 'ready' : 'starting';
    }
    if (k && typeof k.start === 'function') return 'loading'; // the loader's stub
    if (k && typeof k.initialize === 'function') return 'cards';
    if (k) return 'other';
    if (loaderOnPage() || document.readyState !== 'complete') return 'loading';
    return 'none';
  };

  let state = sdkState();
  while ((state === 'loading' || state === 'starting') && Date.now() - started < timeoutMs) {
    await sleep(state === 'starting' ? 10 : 20);
    state = sdkState();
  }
  const waitedMs = Date.now() - started;
  if (state === 'none') return { ok: false, problem: 'no-sdk' };
  if (state === 'cards') return { ok: false, problem: 'cards-sdk' };
  if (state === 'other') return { ok: false, problem: 'unknown-sdk' };
  if (state === 'loading') return { ok: false, problem: 'sdk-not-loaded', waitedMs };
  if (state === 'starting') return { ok: false, problem: 'not-started', waitedMs };

  const kustomer = w.Kustomer;
  type Answer = { kind: 'answer'; value: unknown; error: unknown } | { kind: 'timeout' } | { kind: 'threw'; error: unknown };
  const call = (invoke: (callback: (value: unknown, error: unknown) => void) => void) =>
    new Promise<Answer>((resolve) => {
      const timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs);
      try {
        invoke((value, error) => {
          clearTimeout(timer);
          resolve({ kind: 'answer', value, error });
        });
      } catch (error) {
        clearTimeout(timer);
        resolve({ kind: 'threw', error });
      }
    });
  const messageOf = (error: unknown) =>
    error && typeof error === 'object' && 'message' in error ? String((error as Error).message) : String(error);
  const failure = (answer: Answer, name: SdkCall): PageResult | undefined => {
    if (answer.kind === 'timeout') return { ok: false, problem: 'sdk-timeout', call: name, waitedMs: timeoutMs };
    if (answer.kind === 'threw') return { ok: false, problem: 'sdk-threw', call: name, message: messageOf(answer.error) };
    if (answer.error) return { ok: false, problem: 'sdk-error', call: name, message: messageOf(answer.error) };
    return undefined;
  };
  const text = (value: unknown) =>
    typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
  const isLoggedIn = (lookup: unknown) => call((cb) => kustomer.isLoggedIn(lookup, cb));
  const logout = () => call((cb) => kustomer.logout(cb));

  // Only plain, known fields leave the page: the SDK's objects may hold anything.
  const conversations = async (): Promise<ConversationsView> => {
    const answer = await call((cb) => kustomer.getOpenConversations(cb));
    if (answer.kind === 'timeout') return { ok: false, message: `no answer within ${timeoutMs / 1000} s` };
    if (answer.kind === 'threw') return { ok: false, message: messageOf(answer.error) };
    if (answer.error) return { ok: false, message: messageOf(answer.error) };
    const list = answer.kind === 'answer' && Array.isArray(answer.value) ? answer.value : [];
    const items: ConversationSummary[] = [];
    for (const raw of list) {
      if (!raw || typeof raw !== 'object') continue;
      const c = raw as Record<string, unknown>;
      const conversationId = text(c.conversationId ?? c.id);
      if (!conversationId) continue;
      items.push({ conversationId, createdAt: text(c.createdAt), updatedAt: text(c.updatedAt), lastMessage: text(c.lastMessage) });
    }
    return { ok: true, items };
  };

  if (request.command === 'logout') {
    const answer = await logout();
    return failure(answer, 'logout') ?? { ok: true, command: 'logout' };
  }

  if (request.command === 'conversations') return { ok: true, command: 'conversations', conversations: await conversations() };

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
          removedKeys.push(key);
        }
      }
    }
    return { ok: true, command: 'forget-device', removedKeys };
  }

  if (request.command === 'check') {
    const answer = await isLoggedIn(request.lookup);
    const problem = failure(answer, 'isLoggedIn');
    if (problem) return problem;
    const loggedIn = answer.kind === 'answer' && answer.value === true;
    return { ok: true, command: 'check', loggedIn, conversations: loggedIn ? await conversations() : undefined };
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
  const login = await call((cb) => {
    w[own] = true;
    try {
      kustomer.login({ jwtToken: request.token }, cb);
    } finally {
      w[own] = false;
    }
  });
  const loginFailure = failure(login, 'login');
  if (loginFailure) return loginFailure;
  const raw = login.kind === 'answer' && login.value && typeof login.value === 'object' ? (login.value as Record<string, unknown>) : {};
  const response = {
    identified: typeof raw.identified === 'boolean' ? raw.identified : undefined,
    customerId: text(raw.customerId ?? raw.id),
    email: text(raw.email),
    externalId: text(raw.externalId),
  };
  const check = await isLoggedIn(request.lookup);
  const checkFailure = failure(check, 'isLoggedIn');
  if (checkFailure) return checkFailure;
  const loggedIn = check.kind === 'answer' && check.value === true;
  return {
    ok: true,
    command: 'login',
    loggedIn,
    response,
    loggedOutPrevious,
    conversations: loggedIn ? await conversations() : { ok: true, items: [] },
  };
}

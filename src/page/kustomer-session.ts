import type { PageRequest, PageResult } from './protocol';

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
  const failure = (answer: Answer, name: 'login' | 'isLoggedIn' | 'logout'): PageResult | undefined => {
    if (answer.kind === 'timeout') return { ok: false, problem: 'sdk-timeout', call: name, waitedMs: timeoutMs };
    if (answer.kind === 'threw') return { ok: false, problem: 'sdk-threw', call: name, message: messageOf(answer.error) };
    if (answer.error) return { ok: false, problem: 'sdk-error', call: name, message: messageOf(answer.error) };
    return undefined;
  };
  const text = (value: unknown) =>
    typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

  if (request.command === 'logout') {
    const answer = await call((cb) => kustomer.logout(cb));
    return failure(answer, 'logout') ?? { ok: true, command: 'logout' };
  }

  if (request.command === 'check') {
    const answer = await call((cb) => kustomer.isLoggedIn(request.lookup, cb));
    return failure(answer, 'isLoggedIn') ?? { ok: true, command: 'check', loggedIn: answer.kind === 'answer' && answer.value === true };
  }

  const login = await call((cb) => kustomer.login({ jwtToken: request.token }, cb));
  const loginFailure = failure(login, 'login');
  if (loginFailure) return loginFailure;
  const raw = login.kind === 'answer' && login.value && typeof login.value === 'object' ? (login.value as Record<string, unknown>) : {};
  const response = {
    identified: typeof raw.identified === 'boolean' ? raw.identified : undefined,
    customerId: text(raw.customerId ?? raw.id),
    email: text(raw.email),
    externalId: text(raw.externalId),
  };
  const check = await call((cb) => kustomer.isLoggedIn(request.lookup, cb));
  const checkFailure = failure(check, 'isLoggedIn');
  if (checkFailure) return checkFailure;
  return { ok: true, command: 'login', loggedIn: check.kind === 'answer' && check.value === true, response };
}

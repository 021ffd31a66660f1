import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { judge, QUIET_GRACE_MS, readyNote, waitingMessage } from '../../src/session/chat-readiness';
import type { ReadinessReport } from '../../src/model/protocol';
import kustomer from '../../src/vendors/kustomer/index';

const TIMEOUT = 10_000;
const report = (over: Partial<ReadinessReport> = {}): ReadinessReport => ({
  sdk: 'none',
  pageLoaded: true,
  quietMs: 0,
  ...over,
});

describe('judge: ready', () => {
  it.each(['observer', 'lab', 'iframe', 'probe'] as const)('is ready on the %s signal, whatever the time', (signal) => {
    expect(judge(report({ sdk: 'loaded', started: signal }), 0, TIMEOUT)).toEqual({ kind: 'ready', signal });
    expect(judge(report({ sdk: 'loaded', started: signal }), TIMEOUT * 3, TIMEOUT)).toEqual({ kind: 'ready', signal });
  });

  it('never takes a start signal from a page without a loaded SDK', () => {
    expect(judge(report({ sdk: 'loader', started: 'observer' }), 0, TIMEOUT)).toEqual({ kind: 'wait', for: 'sdk' });
  });
});

describe('judge: no widget yet', () => {
  it('waits for a widget while the page is still loading', () => {
    expect(judge(report({ pageLoaded: false }), 0, TIMEOUT)).toEqual({ kind: 'wait', for: 'widget' });
  });

  it('waits on a loaded page that loaded something recently (a tag manager may add the widget)', () => {
    expect(judge(report({ quietMs: QUIET_GRACE_MS - 1 }), 1000, TIMEOUT)).toEqual({ kind: 'wait', for: 'widget' });
  });

  it('answers "no SDK" once the page has been quiet, and the wait has lasted, for the grace period', () => {
    expect(judge(report({ quietMs: 600_000 }), 0, TIMEOUT)).toEqual({ kind: 'wait', for: 'widget' });
    expect(judge(report({ quietMs: 600_000 }), QUIET_GRACE_MS - 1, TIMEOUT)).toEqual({ kind: 'wait', for: 'widget' });
    expect(judge(report({ quietMs: QUIET_GRACE_MS }), QUIET_GRACE_MS, TIMEOUT)).toEqual({ kind: 'give-up', problem: 'no-sdk' });
    // The page loaded something a moment ago: the grace counts from then.
    expect(judge(report({ quietMs: 100 }), QUIET_GRACE_MS * 2, TIMEOUT)).toEqual({ kind: 'wait', for: 'widget' });
  });

  it('answers "no SDK" when the timeout is over, even on a busy page', () => {
    expect(judge(report({ pageLoaded: false }), TIMEOUT, TIMEOUT)).toEqual({ kind: 'give-up', problem: 'no-sdk' });
  });
});

describe('judge: loader and other SDKs', () => {
  it('waits for the SDK behind its loader for the whole timeout, quiet or not', () => {
    expect(judge(report({ sdk: 'loader', quietMs: 60_000 }), TIMEOUT - 1, TIMEOUT)).toEqual({ kind: 'wait', for: 'sdk' });
    expect(judge(report({ sdk: 'loader' }), TIMEOUT, TIMEOUT)).toEqual({ kind: 'give-up', problem: 'sdk-not-loaded' });
  });

  it('answers at once for the Cards SDK and for other globals named Kustomer', () => {
    // The Cards SDK is Kustomer's own state (its readiness data); 'other' is every vendor's.
    const unusable = kustomer.readiness?.unusable;
    expect(judge(report({ sdk: 'cards' }), 0, TIMEOUT, { unusable })).toEqual({ kind: 'give-up', problem: 'cards-sdk' });
    expect(judge(report({ sdk: 'other' }), 0, TIMEOUT, { unusable })).toEqual({ kind: 'give-up', problem: 'unknown-sdk' });
  });
});

describe('judge: loaded, not started', () => {
  const loaded = (over: Partial<ReadinessReport> = {}) => report({ sdk: 'loaded', ...over });

  it("waits for the page's own start, seen under way by the observer, until the timeout", () => {
    expect(judge(loaded({ startCalled: true, quietMs: 60_000 }), TIMEOUT - 1, TIMEOUT)).toEqual({ kind: 'wait', for: 'start' });
    expect(judge(loaded({ startCalled: true }), TIMEOUT, TIMEOUT)).toEqual({ kind: 'give-up', problem: 'not-started' });
  });

  it('waits for the start this extension asked for, until the timeout', () => {
    expect(judge(loaded({ startCalled: false, quietMs: 60_000 }), 0, TIMEOUT, { starting: true })).toEqual({ kind: 'wait', for: 'start' });
    expect(judge(loaded(), TIMEOUT, TIMEOUT, { starting: true })).toEqual({ kind: 'give-up', problem: 'not-started' });
  });

  it.each([false, undefined])('says "not started" after the grace period on a quiet page (start called: %s)', (startCalled) => {
    const quiet = loaded({ startCalled, quietMs: 600_000 });
    expect(judge(quiet, QUIET_GRACE_MS - 1, TIMEOUT)).toEqual({ kind: 'wait', for: 'start' });
    expect(judge(quiet, QUIET_GRACE_MS, TIMEOUT)).toEqual({ kind: 'give-up', problem: 'not-started' });
  });

  it('keeps waiting on a page that is still loading things', () => {
    expect(judge(loaded({ startCalled: false, quietMs: 10 }), 3000, TIMEOUT)).toEqual({ kind: 'wait', for: 'start' });
    expect(judge(loaded({ startCalled: false, pageLoaded: false, quietMs: 0 }), 3000, TIMEOUT)).toEqual({ kind: 'wait', for: 'start' });
  });
});

describe('judge: properties', () => {
  const reports = fc.record({
    sdk: fc.constantFrom('none', 'loader', 'loaded', 'cards', 'other'),
    started: fc.option(fc.constantFrom('observer', 'lab', 'iframe', 'probe'), { nil: undefined }),
    startCalled: fc.option(fc.boolean(), { nil: undefined }),
    pageLoaded: fc.boolean(),
    quietMs: fc.nat(120_000),
  }) as fc.Arbitrary<ReadinessReport>;

  it('never waits past the timeout: every wait ends in ready or an answer', () => {
    fc.assert(
      fc.property(reports, fc.nat(60_000), fc.integer({ min: 1, max: 60_000 }), fc.boolean(), (r, extra, timeout, starting) => {
        expect(judge(r, timeout + extra, timeout, { starting }).kind).not.toBe('wait');
      }),
    );
  });

  it('is ready exactly when a loaded SDK shows a start signal', () => {
    fc.assert(
      fc.property(reports, fc.nat(60_000), fc.boolean(), (r, elapsed, starting) => {
        const ready = judge(r, elapsed, TIMEOUT, { starting }).kind === 'ready';
        expect(ready).toBe(r.sdk === 'loaded' && r.started !== undefined);
      }),
    );
  });
});

describe('what the tester reads', () => {
  it('says what is awaited, with whole seconds waited', () => {
    expect(waitingMessage('widget', 3400, false, kustomer)).toBe('Waiting for the chat widget to load… (3 s)');
    expect(waitingMessage('sdk', 999, false, kustomer)).toBe('Waiting for the Kustomer chat SDK to finish loading… (0 s)');
    expect(waitingMessage('start', 2000, false, kustomer)).toBe('Waiting for the page to start the chat SDK (Kustomer.start)… (2 s)');
    expect(waitingMessage('start', 2000, true, kustomer)).toBe('Starting the chat SDK… (2 s)');
  });

  it('names the signal that showed the SDK ready, and the wait when there was one', () => {
    expect(readyNote('observer', 0, kustomer)).toBe("Chat SDK ready: the page's Kustomer.start called back (seen by the login observer).");
    expect(readyNote('iframe', 50, kustomer)).toBe("Chat SDK ready: the chat widget's iframe is on the page.");
    expect(readyNote('probe', 2600, kustomer)).toBe('Chat SDK ready after 2.6 s: Kustomer.isLoggedIn answered a probe.');
    expect(readyNote('lab', 1000, kustomer)).toBe('Chat SDK ready after 1.0 s: Chat Identity Lab started it (Kustomer.start called back).');
  });
});

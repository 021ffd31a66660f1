import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../src/model/outcome';
import { busyWith, type Command, initialState, type PopupState, popupReducer, shownOutcome, startSdkRetry, unlockRetry } from '../../src/popup/popup-state';
import type { TabLogin } from '../../src/storage/tab-logins';

const login: Command = { kind: 'login' };
const said = (message: string, extra: Partial<Outcome> = {}): Outcome => ({ tone: 'success', message, notes: [], ...extra });
const run = (...events: Parameters<typeof popupReducer>[1][]): PopupState => events.reduce(popupReducer, initialState);

describe('the popup state machine', () => {
  it('goes idle → busy → waiting → busy → done, the controls disabled until done', () => {
    let state = run({ type: 'started', command: login, startSdk: false });
    expect(state.phase.name).toBe('busy');
    expect(busyWith(state)).toBe('login');
    state = popupReducer(state, { type: 'waiting', waitingFor: 'Waiting for the chat to load…' });
    expect(state.phase).toMatchObject({ name: 'waiting', waitingFor: 'Waiting for the chat to load…' });
    state = popupReducer(state, { type: 'waiting', waitingFor: undefined });
    expect(state.phase.name).toBe('busy');
    state = popupReducer(state, { type: 'finished', outcome: said('Logged in'), command: login, startSdk: false });
    expect(state.phase.name).toBe('done');
    expect(busyWith(state)).toBeUndefined();
    expect(shownOutcome(state)?.message).toBe('Logged in');
    expect(state.sequence).toBe(1);
  });

  it('runs one command at a time: a second start while busy changes nothing', () => {
    const busy = run({ type: 'started', command: login, startSdk: false });
    expect(popupReducer(busy, { type: 'started', command: { kind: 'logout' }, startSdk: false })).toBe(busy);
    expect(popupReducer(busy, { type: 'asked', question: { message: 'm', login: {} as TabLogin, incognito: false } })).toBe(busy);
  });

  it('keeps the session across outcomes that do not name one, and counts every outcome (a repeat is announced too)', () => {
    const session = { lookup: { externalId: 'a' }, loggedIn: true } as unknown as Outcome['session'];
    const state = run({ type: 'finished', outcome: said('one', { session }) }, { type: 'finished', outcome: said('one') });
    expect(state.session).toBe(session);
    expect(state.sequence).toBe(2);
  });

  it('asks, and a Cancel goes back to idle without an outcome', () => {
    const question = { message: 'Reload?', login: {} as TabLogin, incognito: true };
    const asking = run({ type: 'asked', question });
    expect(asking.phase).toEqual({ name: 'asking', question });
    expect(asking.sequence).toBe(1);
    expect(popupReducer(asking, { type: 'dismissed' }).phase.name).toBe('idle');
  });

  it('"Start chat SDK" reruns the last command as data; after an unlock the command that asked reruns as it was asked', () => {
    const sw: Command = { kind: 'switch', identityId: 'id-1', label: 'VIP' };
    const locked = run(
      { type: 'started', command: sw, startSdk: true },
      { type: 'finished', outcome: said('Locked', { tone: 'error', action: { kind: 'unlock' } }), command: sw },
    );
    expect(startSdkRetry(locked)).toEqual(sw);
    expect(unlockRetry(locked)).toEqual({ command: sw, startSdk: true });
    // A message of the popup's own (no command) offers no retry.
    const own = popupReducer(locked, { type: 'finished', outcome: said('Saved') });
    expect(startSdkRetry(own)).toBeUndefined();
    expect(unlockRetry(own)).toBeUndefined();
  });

  it('shows progress while busy, and "Token copied" only for the outcome on screen', () => {
    let state = run({ type: 'started', command: login, startSdk: false }, { type: 'progress', note: 'Reloading the page…' });
    expect(state.phase).toMatchObject({ name: 'busy', progress: 'Reloading the page…' });
    expect(popupReducer(state, { type: 'copied' }).copied).toBe(false);
    state = popupReducer(state, { type: 'finished', outcome: said('Logged in', { token: 'x.y.z' }), command: login });
    expect(popupReducer(state, { type: 'copied' }).copied).toBe(true);
  });
});

import { describe, expect, it, vi } from 'vitest';

// target-page imports the polyfill, which refuses to load outside an extension; its pure
// helpers are what is tested here.
vi.mock('webextension-polyfill', () => ({ default: {} }));
const { classifyScriptingError, isForbiddenUrl } = await import('../../src/page-bridge/target-page');

describe('isForbiddenUrl', () => {
  it.each([
    ['chrome://extensions', true],
    ['chrome://version/', true],
    ['chrome-extension://abc/popup.html', true],
    ['edge://settings', true],
    ['about:blank', true],
    ['view-source:https://example.com', true],
    ['devtools://devtools/bundled/inspector.html', true],
    ['https://chromewebstore.google.com/detail/x', true],
    ['https://chrome.google.com/webstore/category/extensions', true],
    ['https://chrome.google.com/other', false],
    ['https://addons.mozilla.org/firefox', true],
    ['https://staging.example.com/', false],
    ['http://127.0.0.1:4100/', false],
    ['not a url', false],
  ])('%s → %s', (url, forbidden) => expect(isForbiddenUrl(url)).toBe(forbidden));
});

describe('classifyScriptingError', () => {
  it.each([
    ['No tab with id: 123.', 'tab-closed'],
    ['Cannot access a chrome:// URL', 'forbidden'],
    ['The extensions gallery cannot be scripted.', 'forbidden'],
    ['Cannot access contents of url "https://x.test/". Extension manifest must request permission to access this host.', 'no-access'],
    ['Cannot access contents of the page. Extension manifest must request permission to access the respective host.', 'no-access'],
    ['Frame with ID 0 was removed.', 'navigated'],
    ['The document was unloaded', 'navigated'],
    ['Something else entirely', 'failed'],
  ])('%s → %s', (message, kind) => expect(classifyScriptingError(message).kind).toBe(kind));

  it('keeps the message of an unknown failure', () => {
    expect(classifyScriptingError('Weird')).toEqual({ kind: 'failed', message: 'Weird' });
  });
});

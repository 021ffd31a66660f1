/*
 * Another extension, with no permissions at all, as any installed extension could be. It does
 * nothing on its own: the test drives it through this worker (Playwright's worker.evaluate),
 * with the chrome.tabs calls every extension may make without a permission (tabs.query gives
 * ids but no addresses; tabs.create opens any address, ours included).
 */
self.addEventListener('install', () => self.skipWaiting());

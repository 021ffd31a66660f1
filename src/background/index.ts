import browser from 'webextension-polyfill';

// First run: open the options page so a tester starts by adding an environment.
browser.runtime.onInstalled.addListener(async ({ reason }) => {
  if (reason !== 'install') return;
  const { environments } = await browser.storage.local.get('environments');
  if (!Array.isArray(environments) || environments.length === 0) await browser.runtime.openOptionsPage();
});

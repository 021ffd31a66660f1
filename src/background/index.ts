import browser from 'webextension-polyfill';
import { type Answer, isMessage } from './messages';
import { LOGIN_LAST_IDENTITY, loginLastIdentity } from './shortcut';

// First run: open the options page so a tester starts by adding an environment.
browser.runtime.onInstalled.addListener(async ({ reason }) => {
  if (reason !== 'install') return;
  const { environments } = await browser.storage.local.get('environments');
  if (!Array.isArray(environments) || environments.length === 0) await browser.runtime.openOptionsPage();
});

// The keyboard shortcut (chrome://extensions/shortcuts to change it): the shortcut grants
// activeTab for the tab it was pressed on.
browser.commands.onCommand.addListener((command, tab) => {
  if (command === LOGIN_LAST_IDENTITY) void loginLastIdentity(tab?.id);
});

browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender): Promise<Answer<'ping'>> | undefined => {
  // Only this extension's own pages are answered.
  if (sender.id !== browser.runtime.id || !isMessage(message)) return undefined;
  return Promise.resolve({ version: browser.runtime.getManifest().version });
});

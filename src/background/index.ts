import browser from 'webextension-polyfill';
import '../vendors/all';
import { INSPECT_JWT_MENU, inspectSelection, registerMenu } from './inspect-menu';
import { vault, VAULT_IDLE_ALARM } from '../storage/extension-vault';
import { forgetSeen } from '../storage/seen-tokens';
import { forgetLogins } from '../storage/tab-logins';
import { type Answer, isMessage } from './messages';
import { forgetReports, recordSeen, syncObservers } from './observer';
import { LOGIN_LAST_IDENTITY, loginLastIdentity } from './shortcut';
import { noteIdentityChanges, pointAllPopups, pointPopup } from './popup-page';

// First run: open the options page so a tester starts by adding an environment. In a new
// tab of its own: runtime.openOptionsPage() takes over the active tab when it is blank, which
// hijacks a tab the tester (or their automation) has just opened and is navigating.
browser.runtime.onInstalled.addListener(async ({ reason }) => {
  registerMenu();
  // Tabs open before this version: their buttons get their environment's popup page too.
  void pointAllPopups();
  if (reason !== 'install') return;
  const { environments } = await browser.storage.local.get('environments');
  if (!Array.isArray(environments) || environments.length === 0) {
    const page = browser.runtime.getManifest().options_ui?.page;
    if (page) await browser.tabs.create({ url: browser.runtime.getURL(page) });
  }
});

// The keyboard shortcut (chrome://extensions/shortcuts to change it): the shortcut grants
// activeTab for the tab it was pressed on.
browser.commands.onCommand.addListener((command, tab) => {
  if (command === LOGIN_LAST_IDENTITY) void loginLastIdentity(tab?.id);
});

browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender): Promise<Answer<'ping'>> | undefined => {
  // Only this extension's own pages and content scripts are heard.
  if (sender.id !== browser.runtime.id || !isMessage(message)) return undefined;
  if (message.kind === 'page-login') {
    // Top frames only: the relay runs in no other, and an iframe has no say in the tab's list.
    // The page's address as the browser knows it, not as the message says.
    if (sender.tab?.id !== undefined && sender.frameId === 0) void recordSeen(sender.tab.id, message.token, sender.url ?? sender.tab.url);
    return undefined;
  }
  return Promise.resolve({ version: browser.runtime.getManifest().version });
});

// Watch the sites' own logins where the environments say so; follow their changes.
void syncObservers();
browser.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local') return;
  if ('environments' in changes) void syncObservers();
  noteIdentityChanges(changes);
  if (Object.keys(changes).some((key) => key === 'environments' || key.startsWith('identities:'))) void pointAllPopups();
});

// Each tab's popup is the one prerendered for its environment (vendor, identities: popup-page.ts). The
// address is only given for sites the extension has access to.
browser.tabs.onUpdated.addListener((tabId, change) => {
  if (change.url) void pointPopup(tabId, change.url);
});

// What was seen on a tab lives no longer than the tab.
browser.tabs.onRemoved.addListener((tabId) => {
  void forgetSeen(tabId);
  forgetReports(tabId);
  void forgetLogins(tabId);
});

// The passphrase lock's idle time: the unlocked key goes even if nothing reads it.
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === VAULT_IDLE_ALARM) void vault.dropExpired();
});

browser.contextMenus.onClicked.addListener((info) => {
  if (info.menuItemId === INSPECT_JWT_MENU) void inspectSelection(info.selectionText ?? '');
});

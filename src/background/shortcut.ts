import browser from 'webextension-polyfill';
import { environmentsFor } from '../model/environment-match';
import { store } from '../storage/extension-store';
import { fieldsOf, lastUsed } from '../model/identity';
import { logIn } from '../actions/login';
import { noEnvironmentOutcome, type Outcome, reachOutcome } from '../model/outcome';
import { findTargetPage, ReachError } from '../page-bridge/target-page';
import { messageOf } from '../model/errors';
import { originOf } from '../sites/sites';
import { lastLoginOn } from '../storage/tab-logins';

export const LOGIN_LAST_IDENTITY = 'login-last-identity';

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Shows an outcome without the popup: a badge on the tab and a notification. */
async function show(tabId: number | undefined, outcome: Outcome): Promise<void> {
  const ok = outcome.tone === 'success';
  await Promise.allSettled([
    browser.action.setBadgeText({ text: ok ? 'OK' : '!', ...(tabId !== undefined ? { tabId } : {}) }),
    browser.action.setBadgeBackgroundColor({ color: ok ? '#1a7f37' : '#cf222e', ...(tabId !== undefined ? { tabId } : {}) }),
    browser.notifications.create(`cil-${Date.now()}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('icons/icon-128.png'),
      title: ok ? 'Chat Identity Lab: logged in' : 'Chat Identity Lab: not logged in',
      // It may quote what the page said (a customer id): short, and marked as the page's.
      message: truncate([outcome.message, ...outcome.notes].join(' '), 300),
    }),
  ]);
}

/** Logs the environment's most recently used identity in again on the active tab (actions/login does the work). */
export async function loginLastIdentity(tabIdHint?: number): Promise<Outcome> {
  let tabId = tabIdHint;
  try {
    const target = await findTargetPage(tabIdHint === undefined ? null : String(tabIdHint));
    tabId = target.tabId;
    const [{ environments }, settings] = await Promise.all([store.environments(), store.settings()]);
    const environment = target.url ? environmentsFor(target.url, environments)[0]?.environment : undefined;
    let outcome: Outcome;
    if (!environment) outcome = noEnvironmentOutcome(target.url);
    else {
      const { identities } = await store.identities(environment.id);
      // Who was last logged in on this tab, typed or saved; else the environment's last used identity.
      const onTab = await lastLoginOn(tabId, environment.id, target.url ? originOf(target.url) : undefined);
      const saved = onTab ? identities.find((i) => i.id === onTab.identityId) : lastUsed(identities);
      const identity = saved ?? (onTab && { id: undefined, label: onTab.fields.email || onTab.fields.externalId, ...onTab.fields });
      if (!identity) {
        outcome = { tone: 'error', message: `No identity of ${environment.name} has been used yet: log in once from the popup.`, notes: [] };
      } else {
        const result = await logIn({ target, environment, fields: fieldsOf(identity), settings, identityId: identity.id });
        // Without the popup there is no passphrase field: say where to enter it.
        const message = result.action?.kind === 'unlock' ? 'Secrets are locked: open the popup and enter the passphrase.' : result.message;
        outcome = { ...result, message: `${identity.label}: ${message}` };
      }
    }
    await show(tabId, outcome);
    return outcome;
  } catch (caught) {
    const outcome =
      caught instanceof ReachError
        ? reachOutcome(caught.problem)
        : ({ tone: 'error', message: `The shortcut failed: ${messageOf(caught)}`, notes: [] } satisfies Outcome);
    await show(tabId, outcome);
    return outcome;
  }
}

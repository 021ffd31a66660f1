import browser from 'webextension-polyfill';
import { environmentsFor } from '../core/environment';
import { store } from '../core/extension-store';
import { vault } from '../core/extension-vault';
import { fieldsOf, lastUsed, resultOf } from '../core/identity';
import { noEnvironmentOutcome, type Outcome, reachOutcome } from '../core/outcome';
import { logIn } from '../core/session';
import { findTargetPage, ReachError } from '../core/target-page';
import { PassphraseError } from '../core/vault';

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

/** Logs the environment's most recently used identity in again on the active tab. */
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
      const identity = lastUsed(identities);
      if (!identity) {
        outcome = { tone: 'error', message: `No identity of ${environment.name} has been used yet: log in once from the popup.`, notes: [] };
      } else {
        let secret: string | undefined;
        try {
          secret = await vault.secretOf(environment);
        } catch (caught) {
          if (!(caught instanceof PassphraseError)) throw caught;
        }
        outcome =
          secret === undefined
            ? { tone: 'error', message: 'Secrets are locked: open the popup and enter the passphrase.', notes: [] }
            : await logIn(target, { ...environment, secret }, fieldsOf(identity), settings, { identityId: identity.id });
        await store
          .recordUse(environment.id, identity.id, resultOf(outcome))
          .catch(() => undefined);
        outcome = { ...outcome, message: `${identity.label}: ${outcome.message}` };
      }
    }
    await show(tabId, outcome);
    return outcome;
  } catch (caught) {
    const outcome =
      caught instanceof ReachError
        ? reachOutcome(caught.problem)
        : ({ tone: 'error', message: `The shortcut failed: ${String((caught as Error)?.message ?? caught)}`, notes: [] } satisfies Outcome);
    await show(tabId, outcome);
    return outcome;
  }
}

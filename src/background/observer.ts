import browser from 'webextension-polyfill';
import { store } from '../core/extension-store';
import { addSeen } from '../core/seen-tokens';
import { inspectToken } from '../kustomer/token-findings';
import observerFile from '../page/login-observer.iife.ts?script';
import relayFile from '../page/observer-relay.iife.ts?script';

const OBSERVER_ID = 'login-observer';
const RELAY_ID = 'login-observer-relay';

/**
 * Registers the login observer on the sites of every environment that watches its own logins
 * (the default), and nowhere else. Run at start-up and whenever the environments change.
 */
export async function syncObservers(): Promise<void> {
  const { environments } = await store.environments().catch(() => ({ environments: [] }));
  const matches = [...new Set(environments.filter((e) => e.observeLogins !== false).flatMap((e) => e.sites))];
  const registered = await browser.scripting.getRegisteredContentScripts({ ids: [OBSERVER_ID, RELAY_ID] }).catch(() => []);
  if (registered.length > 0) await browser.scripting.unregisterContentScripts({ ids: registered.map((s) => s.id) });
  if (matches.length === 0) return;
  try {
    await browser.scripting.registerContentScripts([
      { id: OBSERVER_ID, js: [observerFile], matches, runAt: 'document_start', world: 'MAIN', persistAcrossSessions: true },
      { id: RELAY_ID, js: [relayFile], matches, runAt: 'document_start', persistAcrossSessions: true },
    ]);
  } catch (caught) {
    console.warn('Chat Identity Lab: could not watch site logins:', caught);
  }
}

/** Per tab: when its current minute began, and how many tokens it has reported in it. */
const reports = new Map<number, { since: number; count: number }>();
const MAX_REPORTS_PER_MINUTE = 10;

/** Forgets a closed tab's report count. */
export function forgetReports(tabId: number): void {
  reports.delete(tabId);
}

/** A token reported by the relay on a tab: data to show, never a command. Rate-limited per tab. */
export async function recordSeen(tabId: number, token: unknown, url: unknown): Promise<void> {
  if (typeof token !== 'string' || token.length === 0 || token.length > 16384) return;
  const now = Date.now();
  const rate = reports.get(tabId);
  if (!rate || now - rate.since > 60_000) reports.set(tabId, { since: now, count: 1 });
  else if (++rate.count > MAX_REPORTS_PER_MINUTE) return;
  const inspection = inspectToken(token);
  const worst = inspection.findings[0];
  const payload = inspection.payload ?? {};
  const who = ['email', 'externalId', 'external_id', 'userId']
    .filter((claim) => claim in payload)
    .map((claim) => `${claim} ${String(payload[claim]).slice(0, 80)}`)
    .join(', ');
  await addSeen(tabId, {
    token,
    at: Date.now(),
    url: typeof url === 'string' ? url.slice(0, 2000) : '',
    who: who || undefined,
    worst: worst ? { severity: worst.severity, message: worst.message } : undefined,
  });
}

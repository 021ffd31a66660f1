import browser from 'webextension-polyfill';
import { store } from '../storage/extension-store';
import { environmentsFor } from '../model/environment-match';
import { addSeen } from '../storage/seen-tokens';
import { inspectToken } from '../jwt/token-findings';
import relayFile from '../page-bridge/observer-relay.iife.ts?script';
import { loadVendor } from '../vendors/registry';
import type { VendorId } from '../model/vendor';
import intercomObserver from '../vendors/intercom/observer.iife.ts?script';
import kustomerObserver from '../vendors/kustomer/observer.iife.ts?script';
import zendeskObserver from '../vendors/zendesk/observer.iife.ts?script';

/** Each vendor's login observer (its folder's observer.iife.ts), registered on its environments' sites. */
const OBSERVERS: Record<VendorId, string> = { kustomer: kustomerObserver, zendesk: zendeskObserver, intercom: intercomObserver };
const observerId = (vendor: VendorId) => (vendor === 'kustomer' ? 'login-observer' : `login-observer-${vendor}`);
const RELAY_ID = 'login-observer-relay';
const ALL_IDS = [RELAY_ID, ...(Object.keys(OBSERVERS) as VendorId[]).map(observerId)];

/**
 * Registers each vendor's login observer on the sites of its environments that watch their
 * own logins (the default), and the relay on all of those, and nowhere else. Run at start-up
 * and whenever the environments change.
 */
export async function syncObservers(): Promise<void> {
  const { environments } = await store.environments().catch(() => ({ environments: [] }));
  const watching = environments.filter((e) => e.observeLogins !== false);
  const registered = await browser.scripting.getRegisteredContentScripts({ ids: ALL_IDS }).catch(() => []);
  if (registered.length > 0) await browser.scripting.unregisterContentScripts({ ids: registered.map((s) => s.id) });
  const all = [...new Set(watching.flatMap((e) => e.sites))];
  if (all.length === 0) return;
  const scripts: browser.Scripting.RegisteredContentScript[] = [{ id: RELAY_ID, js: [relayFile], matches: all, runAt: 'document_start', persistAcrossSessions: true }];
  for (const vendor of Object.keys(OBSERVERS) as VendorId[]) {
    const matches = [...new Set(watching.filter((e) => e.vendor === vendor).flatMap((e) => e.sites))];
    if (matches.length > 0) {
      scripts.push({ id: observerId(vendor), js: [OBSERVERS[vendor]], matches, runAt: 'document_start', world: 'MAIN', persistAcrossSessions: true });
    }
  }
  try {
    await browser.scripting.registerContentScripts(scripts);
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
  // Judged by the rules of the vendor of the environment the page belongs to.
  const page = typeof url === 'string' ? url : '';
  const { environments } = await store.environments().catch(() => ({ environments: [] }));
  const environment = environmentsFor(page, environments)[0]?.environment;
  const vendor = await loadVendor(environment?.vendor);
  const inspection = inspectToken(token, vendor.rules, { environment, loginCall: vendor.callName('login') });
  const worst = inspection.findings[0];
  const payload = inspection.payload ?? {};
  const who = vendor.rules.whoClaims
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

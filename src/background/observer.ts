import browser from 'webextension-polyfill';
import { store } from '../storage/extension-store';
import { environmentsFor } from '../model/environment-match';
import { vault } from '../storage/extension-vault';
import type { Environment } from '../model/schema';
import { addSeen } from '../storage/seen-tokens';
import { signedWith } from '../jwt/signature';
import { originOf } from '../sites/sites';
import { inspectToken } from '../jwt/token-findings';
import relayFile from '../page-bridge/observer-relay.iife.ts?script';
import { loadVendor, VENDOR_IDS } from '../vendors/registry';
import { type Finding, jwtSigning, type VendorId } from '../model/vendor';

/**
 * Each listed vendor's login observer (its folder's observer.iife.ts, built as a script of its
 * own), registered on its environments' sites.
 */
const SCRIPTS = import.meta.glob<string>('../vendors/*/observer.iife.ts', { query: '?script', import: 'default', eager: true });
const OBSERVERS: Record<VendorId, string> = Object.fromEntries(
  VENDOR_IDS.map((id) => {
    const script = SCRIPTS[`../vendors/${id}/observer.iife.ts`];
    if (!script) throw new Error(`The chat vendor ${id} has no src/vendors/${id}/observer.iife.ts.`);
    return [id, script];
  }),
);
/** Every id this module registers starts so; each environment has its own pair. */
const PREFIX = 'login-observer';
const relayId = (environmentId: string) => `${PREFIX}-relay:${environmentId}`;
const observerId = (environmentId: string) => `${PREFIX}:${environmentId}`;

/** The content scripts that watch one environment's sites: the relay and its vendor's observer. */
export function scriptsFor(environment: Environment): browser.Scripting.RegisteredContentScript[] {
  const matches = [...new Set(environment.sites)];
  const observer = OBSERVERS[environment.vendor];
  return [
    { id: relayId(environment.id), js: [relayFile], matches, runAt: 'document_start', persistAcrossSessions: true },
    ...(observer ? [{ id: observerId(environment.id), js: [observer], matches, runAt: 'document_start' as const, world: 'MAIN' as const, persistAcrossSessions: true }] : []),
  ];
}

/** Why the browser refused an environment's sites at the last sync, by environment id. */
export const refusedSites = new Map<string, string>();

/**
 * Registers each vendor's login observer, and the relay, on the sites of each environment
 * that watches its own logins (the default), and nowhere else. One registration per
 * environment: a pattern the browser refuses fails alone, and every other environment is
 * still watched. Run at start-up and whenever the environments change. (Two environments on
 * one site register twice; each script guards against running twice in a page.)
 */
export async function syncObservers(): Promise<void> {
  const { environments } = await store.environments().catch(() => ({ environments: [] }));
  const watching = environments.filter((e) => e.observeLogins !== false && e.sites.length > 0);
  const registered = await browser.scripting.getRegisteredContentScripts().catch(() => []);
  const ours = registered.map((s) => s.id).filter((id) => id.startsWith(PREFIX));
  if (ours.length > 0) await browser.scripting.unregisterContentScripts({ ids: ours });
  refusedSites.clear();
  await Promise.all(
    watching.map(async (environment) => {
      try {
        await browser.scripting.registerContentScripts(scriptsFor(environment));
      } catch (caught) {
        const reason = String((caught as Error)?.message ?? caught).slice(0, 300);
        refusedSites.set(environment.id, reason);
        console.warn(`Chat Identity Lab: cannot watch the site logins of "${environment.name}": ${reason}`);
      }
    }),
  );
}

/** Per tab: when its current minute began, and how many tokens it has reported in it. */
const reports = new Map<number, { since: number; count: number }>();
const MAX_REPORTS_PER_MINUTE = 10;

/** Forgets a closed tab's report count. */
export function forgetReports(tabId: number): void {
  reports.delete(tabId);
}

/** What the site's own token is worth with the environment's secret, as the worst finding if it fails. */
async function signatureFinding(token: string, environment: Environment, vendorName: string): Promise<Finding | undefined> {
  let secret: string;
  try {
    secret = await vault.secretOf(environment);
  } catch {
    return { id: 'signature-unchecked', severity: 'warning', message: `The signature was not checked: the secret of ${environment.name} is locked. Unlock it to check.` };
  }
  if (secret === '') return { id: 'signature-unchecked', severity: 'warning', message: `The signature was not checked: ${environment.name} has no secret yet.` };
  if (await signedWith(token, secret)) return undefined;
  return {
    id: 'signature-mismatch',
    severity: 'error',
    message: `The signature does not match the secret of ${environment.name}: ${vendorName} would refuse this token.`,
  };
}

/**
 * A token reported by the relay on a tab: data to show, never a command. Rate-limited per
 * tab, bound to the page's origin (the sender's URL, from the browser) and the environment
 * covering it, and its signature checked with that environment's secret before anything
 * calls it fine.
 */
export async function recordSeen(tabId: number, token: unknown, url: unknown): Promise<void> {
  if (typeof token !== 'string' || token.length === 0 || token.length > 16384) return;
  if (typeof url !== 'string') return;
  const origin = originOf(url);
  if (!/^https?:\/\//.test(origin)) return;
  const now = Date.now();
  const rate = reports.get(tabId);
  if (!rate || now - rate.since > 60_000) reports.set(tabId, { since: now, count: 1 });
  else if (++rate.count > MAX_REPORTS_PER_MINUTE) return;
  // Judged by the rules of the vendor of the environment the page belongs to.
  const { environments } = await store.environments().catch(() => ({ environments: [] }));
  const environment = environmentsFor(url, environments)[0]?.environment;
  const vendor = await loadVendor(environment?.vendor);
  // Only a JWT is decoded and judged; another credential (an HMAC signature) is listed as seen.
  const jwt = jwtSigning(vendor);
  const inspection = jwt ? inspectToken(token, jwt.rules, { environment: environment?.settings, loginCall: vendor.callName('login') }) : undefined;
  const signature = jwt && environment && inspection?.payload ? await signatureFinding(token, environment, vendor.name) : undefined;
  const findings = signature ? [signature, ...(inspection?.findings ?? [])] : (inspection?.findings ?? []);
  const worst = findings.find((f) => f.severity === 'error') ?? findings[0];
  const payload = inspection?.payload ?? {};
  const who = (jwt?.rules.whoClaims ?? [])
    .filter((claim) => claim in payload)
    .map((claim) => `${claim} ${String(payload[claim]).slice(0, 80)}`)
    .join(', ');
  await addSeen(tabId, {
    token,
    at: Date.now(),
    url: url.slice(0, 2000),
    origin,
    ...(environment ? { environmentId: environment.id } : {}),
    who: who || undefined,
    worst: worst ? { severity: worst.severity, message: worst.message.slice(0, 500) } : undefined,
  });
}

/**
 * What the integration check's "Logout forgets" and "A switch carries nothing" look at: the
 * widget's requests to its vendor's origins that name a customer (their id, their email, the
 * vendor's id for them), from the shared wire log (model/wire-log: a watch per value, as a
 * login watches for its credential), and the widget's session keys left in the page (the
 * vendor's `sessionKeys`, against the page's key names: model/page-storage). Vendor-blind.
 */
import type { ChatPage } from '../model/chat-page';
import type { ReadinessReport } from '../model/protocol';
import { sessionKeysIn } from '../model/page-storage';
import type { Environment, Settings } from '../model/schema';
import type { ChatVendor } from '../model/vendor';
import { environmentApiOrigins } from '../model/vendor-settings';
import { type Outcome, error } from '../model/outcome';
import { pause } from '../model/deadline';
import type { WireExchange } from '../model/wire';
import { judge } from './chat-readiness';
import { isOutcome, run } from './page-commands';
import { problemOutcome } from './vendor-outcome';

/** Values shorter than this could turn up in any request by chance: not watched. */
const SHORTEST = 6;
/** How long the requests a watch has seen are awaited to be answered, at most. */
const SETTLE_MS = 3_000;

export interface NamedRequest {
  /** The value the request carried (an id, an email). */
  value: string;
  /** The request as the wire log keeps it (never a body; the value's place in the path is cut). */
  exchange: WireExchange;
}

export interface IdentityWatch {
  /** Resolves once a request to the vendor's origins that named one of the values was answered, or at `until` (Unix ms). */
  heard(until: number, signal?: AbortSignal): Promise<void>;
  /** The requests to the vendor's origins that named one of the values, since the watch began. */
  named(signal?: AbortSignal): Promise<NamedRequest[]>;
  stop(): void;
}

/** Watches the page's requests to the vendor's origins for any of `values` (URL, header, body). */
export function watchIdentity(
  page: ChatPage,
  vendor: ChatVendor,
  environment: Environment,
  values: readonly (string | undefined)[],
  { byRequest = false }: { byRequest?: boolean } = {},
): IdentityWatch {
  const watched = [...new Set(values.filter((v): v is string => typeof v === 'string' && v.length >= SHORTEST))];
  // The environment's API origins include those its settings name (a self-hosted server's base URL).
  const origins = { known: vendor.apiHosts, listed: environmentApiOrigins(environment, vendor.settings) };
  // byRequest: the widget's identity request also counts by its method and path where the browser
  // hides its body (ChatVendor.credentialRequest): only where one identify is in flight.
  const request = byRequest ? vendor.credentialRequest : undefined;
  const watches = watched.map((value) => ({ value, wire: page.watchWire(value, origins, request) }));
  return {
    async heard(until, signal) {
      if (watches.length === 0) return;
      await Promise.race(watches.map(({ wire }) => wire.settled(until, true, signal)));
    },
    async named(signal) {
      const found: NamedRequest[] = [];
      for (const { value, wire } of watches) {
        await wire.settled(Date.now() + SETTLE_MS, false, signal);
        // Only the vendor's origins count (the report's exchanges); other hosts are not the widget's session.
        for (const exchange of (await wire.report()).exchanges) found.push({ value, exchange });
      }
      return found;
    },
    stop() {
      for (const { wire } of watches) wire.stop();
    },
  };
}

/** The vendor's session keys the page still holds ("localStorage x"); undefined when the page cannot say. */
export async function sessionKeysLeft(page: ChatPage, vendor: ChatVendor): Promise<string[] | undefined> {
  if (!vendor.sessionKeys) return [];
  const names = await page.readStorageNames();
  return names ? sessionKeysIn(vendor.sessionKeys, names) : undefined;
}

const POLL_MS = 100;

/**
 * The vendor's session keys the logout left: those present at every look from the logout until
 * `until` (Unix ms). A logout that takes no callback clears its storage a moment after its
 * answer; a widget that starts a new anonymous session at once (a frame reloaded as a visitor)
 * may write a key of the same name again, which is not the customer's: a key seen gone once
 * was cleared. Names only, so this is as far as the page can be read.
 */
export async function sessionKeysAfter(page: ChatPage, vendor: ChatVendor, until: number, signal?: AbortSignal): Promise<string[] | undefined> {
  let left = await sessionKeysLeft(page, vendor);
  while (left && left.length > 0 && Date.now() < until && !signal?.aborted) {
    await pause(POLL_MS, signal);
    const now = await sessionKeysLeft(page, vendor);
    if (!now) break;
    left = left.filter((key) => now.includes(key));
  }
  return left;
}

/**
 * Waits until the page's widget is ready (its page command's inspect, judged as every login
 * judges it): what the widget check needs of a widget without a conversation list, and what
 * follows a reload. The signal that showed it, or the Outcome that says why not.
 */
export async function widgetReady(page: ChatPage, vendor: ChatVendor, environment: Environment, settings: Settings, signal?: AbortSignal): Promise<{ report: ReadinessReport; waitedMs: number } | Outcome> {
  const timeoutMs = settings.sdkTimeoutSeconds * 1000;
  const begun = Date.now();
  for (;;) {
    const result = await run(page, { command: 'inspect', probe: true, timeoutMs }, vendor, environment, { signal });
    if (isOutcome(result)) return result;
    if (!result.ok) return problemOutcome(result, settings, environment, vendor);
    if (result.command !== 'inspect') return error('The page answered a different command.');
    const verdict = judge(result.report, Date.now() - begun, timeoutMs, { unusable: vendor.readiness?.unusable });
    if (verdict.kind === 'ready') return { report: result.report, waitedMs: Date.now() - begun };
    if (verdict.kind === 'give-up') {
      const waitedMs = Date.now() - begun;
      return problemOutcome({ ok: false, problem: verdict.problem, waitedMs, report: result.report }, settings, environment, vendor);
    }
    await pause(POLL_MS, signal);
    if (signal?.aborted) return error('Stopped.');
  }
}

/**
 * Makes the widget talk to its vendor as a returning visitor's would: the page reloads and its
 * widget boots again (a widget sends what it remembers when it boots), then, where the widget
 * lists conversations, it is asked for them. Undefined when that went as planned.
 */
export async function nextVisit(page: ChatPage, vendor: ChatVendor, environment: Environment, settings: Settings, signal?: AbortSignal): Promise<Outcome | undefined> {
  const timeoutMs = settings.sdkTimeoutSeconds * 1000;
  if (!(await page.reload(Math.max(timeoutMs, 10_000)))) return error('The page did not load again after a reload.');
  const ready = await widgetReady(page, vendor, environment, settings, signal);
  if ('tone' in ready) return ready;
  if (vendor.features.conversations) {
    const listed = await run(page, { command: 'conversations', timeoutMs }, vendor, environment, { signal });
    if (isOutcome(listed)) return listed;
  }
  return undefined;
}

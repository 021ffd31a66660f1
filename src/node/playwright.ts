/**
 * chat-identity-lab/playwright: log a chat customer in (and out) on a Playwright or Puppeteer
 * page from a test, with the extension's own logic: the vendor's claim rules and page command,
 * the readiness wait, the page-answer caps and the evidence rules (session/).
 */
import type { ConversationSummary, WidgetWord } from '../model/protocol';
import type { VendorId } from '../model/vendor';
import type { Outcome } from '../model/outcome';
import type { Environment } from '../model/schema';
import type { ChatVendor } from '../model/vendor';
import { environmentForUrl, readEnvironments } from './environments';
import type { WireExchange } from '../model/wire';
import { verdictOf } from '../model/wire';
import { logOutOn } from '../session/page-commands';
import { type BrowserPage, browserPage } from './browser-page';
import { nodePorts, pageMemory } from './page-login';
import { logIn } from '../session/login';
import type { LoginMemory } from '../session/login';
import type { Credential } from '../model/credential';
import { settingsOf } from '../model/vendor-settings';
import { apiOriginsFor, checkSecret, claimsFor, environmentFor, type IdentityOptions, settingsFor, type VendorOptions, vendorFor } from './setup';
import { type CallerWords, outcomeInCallerWords } from './wording';

export type { BrowserPage, BrowserRequest, BrowserResponse } from './browser-page';
export type { ConversationSummary, VendorId, WidgetWord, WireExchange };

export interface ChatLoginOptions extends Partial<VendorOptions>, IdentityOptions {
  /** The chat signing secret: read it from the environment, never write it in a test. */
  secret?: string;
  /**
   * Instead of vendor and its setting: environments exported from the extension's Options (a
   * path, or the parsed file). The one covering the page's URL is used; its secret comes from
   * CHAT_IDENTITY_LAB_SECRET_<NAME> (the environment's name in upper case, anything but letters
   * and digits as _), else CHAT_IDENTITY_LAB_SECRET, unless `secret` is passed.
   */
  environments?: string | object;
  /** Ends the wait for the page at once (the result then says so). */
  signal?: AbortSignal;
  /**
   * Also ask the widget's own logged-in check and list the customer's conversations after the
   * login (where the vendor has a logged-in check and a conversation list), as the extension's popup does. Off by
   * default: the vendor server's answer to the request that carried the token is the evidence,
   * and a login costs what a hand-written one does.
   */
  confirm?: boolean;
}

/** What showed the outcome: the vendor server's answer first, then the widget's own word. */
export interface LoginEvidence {
  /**
   * The vendor server's answer to the request that carried the token (the newest answered one
   * from its API origins, not a service worker's), if seen; `source` says whose origin it is.
   */
  server?: WireExchange;
  /** Every request seen carrying the token to the vendor's API origins (host, path, status; never its signature). */
  requests: WireExchange[];
  /** Requests that carried the token to any other host (an analytics script): never evidence, a finding. */
  elsewhere: WireExchange[];
  /** What the widget said: 'check' (a logged-in check answered), 'callback', 'none'; absent when it did not answer. */
  widget?: WidgetWord;
}

export interface ChatLoginResult {
  /** True only on the vendor's word: its server accepted the token (2xx) or its logged-in check confirms. */
  loggedIn: boolean;
  /** The sentence the extension's popup shows for this outcome. */
  message: string;
  /** The popup's notes: warnings about the claims, which signal showed the chat ready, … */
  notes: string[];
  /**
   * The token that was signed (HS256), for your own assertions; for a vendor whose widget takes
   * an HMAC signature instead, that signature (hex).
   */
  token: string;
  /** What was signed: a JWT with its header and claims, or an HMAC signature with the value it signs and that value's field. */
  credential?: Credential;
  /** The customer id the widget reported, where it reports one. */
  customerId?: string;
  evidence: LoginEvidence;
  /** The customer's open conversations, where the widget lists them. */
  conversations?: ConversationSummary[];
}

export interface ChatLogoutOptions extends Partial<VendorOptions> {
  /** Instead of vendor: the same Options export as for chatLogin (no secret is needed to log out). */
  environments?: string | object;
  signal?: AbortSignal;
}

export interface ChatLogoutResult {
  /** True when the widget said the logout took effect (or, for a logout that takes no callback, its request was answered). */
  loggedOut: boolean;
  message: string;
  notes: string[];
}

/** Who the last chatLogin left logged in on each page: a switch on a widget without a logout callback logs them out first. */
const memoryOf = new WeakMap<object, LoginMemory>();

function pageOf(page: unknown): BrowserPage {
  const p = page as Partial<BrowserPage> | null;
  if (!p || typeof p.evaluate !== 'function' || typeof p.url !== 'function' || typeof p.on !== 'function') {
    throw new TypeError('Pass a Playwright or Puppeteer Page as the first argument (the page showing the chat widget).');
  }
  return p as BrowserPage;
}

/**
 * Signs a token for the identity with the vendor's claim rules and logs that customer in on the
 * page's chat widget. Never throws for a refusal or a page that does not answer: `loggedIn` is
 * false and `message` says why. Throws a TypeError for what the caller must fix (no vendor, an
 * unknown one, no secret, an identity the vendor's rules refuse, a missing required setting).
 */
export async function chatLogin(page: BrowserPage, options: ChatLoginOptions): Promise<ChatLoginResult> {
  const target = pageOf(page);
  if (!options || typeof options !== 'object') throw new TypeError("Pass options: { vendor, secret, externalId or email }.");
  const { vendor, environment, words } = await chosen(target, options);
  const settings = settingsFor(options.timeoutSeconds);
  // An identity the vendor's rules refuse is the caller's to fix: a TypeError, before the page.
  claimsFor(vendor, options, 'api', settingsOf(environment));
  let memory = memoryOf.get(target);
  if (!memory) {
    memory = pageMemory();
    memoryOf.set(target, memory);
  }
  const fields = { externalId: options.externalId ?? '', email: options.email ?? '', name: options.name };
  const login = { page: browserPage(target), vendor, environment, settings, fields, wait: { signal: options.signal }, confirm: options.confirm === true };
  const { outcome, credential, ran } = await logIn(login, nodePorts(memory, words));
  const exchanges = ran?.wire.exchanges ?? [];
  return resultOf(outcome, credential, { server: verdictOf(exchanges), requests: exchanges, elsewhere: ran?.wire.elsewhere ?? [], widget: ran?.said });
}

/** The secret option, as the sentences about the secret name it. */
const SECRET_OPTION = "passed as chatLogin's secret option";

/**
 * The vendor and environment: from the options, or from the exported environment covering the
 * page; and the words for them (the shared sentences name an environment and its secret).
 */
async function chosen(page: BrowserPage, options: ChatLoginOptions): Promise<{ vendor: ChatVendor; environment: Environment; words: CallerWords }> {
  if (options.environments === undefined) {
    const vendor = await vendorFor(options.vendor);
    const secret = checkSecret(options.secret);
    const environment = environmentFor(vendor, { ...options, vendor: vendor.id }, secret);
    return { vendor, environment, words: { environmentName: environment.name, secretFrom: SECRET_OPTION, madeUp: true, audience: 'api', settings: vendor.settings } };
  }
  const { environment, variable, readFrom } = environmentForUrl(readEnvironments(options.environments), page.url(), process.env);
  const vendor = await vendorFor(environment.vendor);
  const secret = checkSecret(options.secret ?? environment.secret, `secret (or set ${variable} or CHAT_IDENTITY_LAB_SECRET)`);
  // Origins passed here add to the export's.
  const apiOrigins = [...new Set([...(environment.apiOrigins ?? []), ...apiOriginsFor(options.apiOrigins)])];
  const words: CallerWords = { environmentName: environment.name, secretFrom: options.secret ? SECRET_OPTION : `in ${readFrom}`, madeUp: false, audience: 'api', settings: vendor.settings };
  return { vendor, environment: { ...environment, secret, ...(apiOrigins.length > 0 ? { apiOrigins } : {}) }, words };
}

function resultOf(outcome: Outcome, credential: Credential | undefined, evidence: LoginEvidence): ChatLoginResult {
  const session = outcome.session;
  const conversations = session?.conversations?.ok ? session.conversations.items : undefined;
  return {
    loggedIn: outcome.tone !== 'error' && session?.loggedIn === true,
    message: outcome.message,
    notes: outcome.notes,
    token: credential?.value ?? '',
    ...(credential ? { credential } : {}),
    ...(session?.response?.customerId ? { customerId: session.response.customerId } : {}),
    evidence: { ...(evidence.server ? { server: evidence.server } : {}), requests: evidence.requests, elsewhere: evidence.elsewhere, ...(evidence.widget ? { widget: evidence.widget } : {}) },
    ...(conversations ? { conversations } : {}),
  };
}

/** Logs the page's chat customer out. Never throws for a page that does not answer: `loggedOut` is false and `message` says why. */
export async function chatLogout(page: BrowserPage, options: ChatLogoutOptions): Promise<ChatLogoutResult> {
  const target = pageOf(page);
  if (!options || typeof options !== 'object') throw new TypeError("Pass options: { vendor }.");
  const settings = settingsFor(options.timeoutSeconds);
  // Logging out signs nothing: no secret, and no setting is required.
  const fromExport = options.environments === undefined ? undefined : environmentForUrl(readEnvironments(options.environments), target.url(), {}).environment;
  const vendor = await vendorFor(fromExport?.vendor ?? options.vendor);
  const environment = fromExport ?? environmentFor(vendor, { ...options, vendor: vendor.id }, '', false);
  const { outcome, done } = await logOutOn(browserPage(target), settings, vendor, environment, { signal: options.signal });
  if (done) memoryOf.delete(target);
  const said = outcomeInCallerWords(outcome, { environmentName: environment.name, secretFrom: SECRET_OPTION, madeUp: fromExport === undefined, audience: 'api', settings: vendor.settings });
  return { loggedOut: done && outcome.tone === 'success', message: said.message, notes: said.notes };
}

/**
 * The port between the login logic and the page under test. The extension implements it with
 * chrome.scripting and webRequest (page-bridge/extension-page); the Node package with a
 * Playwright or Puppeteer `page` (node/browser-page). Everything above it (session/) is the
 * same code in both: readiness, the evidence rules, the integration check.
 */
import type { ApiOrigins } from './api-origin';
import type { PageAccountReader } from './vendor';
import type { StorageNames } from './page-storage';
import type { PageCommand, PageRequest, PageResult, SdkCall } from './protocol';
import type { CredentialRequest, WireExchange, WireReport } from './wire';

/** How the caller follows and ends a wait for the page's chat (popup: status text and Cancel). */
export interface WaitOptions {
  /** Called while waiting, with what is awaited and for how long; undefined when the wait is over. */
  onWait?: (message: string | undefined) => void;
  /** Ends the wait; nothing more is sent to the page. */
  signal?: AbortSignal;
  /** The tester asked to start the chat SDK where the page has not ("Start chat SDK"). */
  startSdk?: boolean;
}

/** Watches the page's requests for the ones that carry one token (never blocks, never changes them). */
export interface WireWatch {
  /** False where there is no way to watch requests: nothing will be seen. */
  readonly watched: boolean;
  /** The token-carrying requests seen so far. */
  exchanges(): WireExchange[];
  /** Resolves when a token-carrying request to the vendor's origins is answered by its server (or failed); never rejects. */
  answered: Promise<WireExchange>;
  /**
   * Resolves once no token-carrying request is waiting for its answer and, when `needAnswer`,
   * one was answered; or at `until` (Unix ms), or on `signal`. Waits for states, not times.
   */
  settled(until: number, needAnswer: boolean, signal?: AbortSignal): Promise<void>;
  /**
   * Origins the page's widget configuration names as its API (an `api_base` setting), as the page
   * reported them: their answers count too, said as the page's ("the API origin the page names").
   */
  trust(origins: readonly string[]): void;
  /** What to put in the outcome. */
  report(): Promise<WireReport>;
  stop(): void;
}

/** Watches every request the page starts from now on (a logout that takes no callback). */
export interface TrafficWatch {
  /** True once the requests started since have all been answered, with a write among them; false at `until`. */
  quiet(until: number, signal?: AbortSignal): Promise<boolean>;
  stop(): void;
}

/** What the port runs in the page: a vendor's page command, and the SDK calls its answers may name besides the shared ones. */
export interface PageDriver {
  pageCommand: PageCommand;
  /** The vendor's own call names (VendorProfile.calls); any other name in an answer is not trusted. */
  calls?: readonly SdkCall[];
}

export interface ChatPage {
  /** The page's address, when known: commands run only in a document of its origin. */
  readonly url: string | undefined;
  /**
   * Runs a vendor's self-contained page command once in the page's main world and returns its
   * answer, checked against the protocol's types and caps (session/page-answer). Throws a
   * ReachError (model/reach) when the page cannot be reached or its answer cannot be trusted.
   */
  run(driver: PageDriver, request: PageRequest, signal?: AbortSignal): Promise<PageResult>;
  /**
   * Watches for the credential (a JWT, or an HMAC signature: model/wire's signatureOf finds the
   * part no page can make up); only `origins`' answers are the vendor's (model/api-origin).
   * `request`: the vendor's credential request, for a watcher that cannot read its body (model/wire).
   */
  watchWire(credential: string, origins: ApiOrigins, request?: CredentialRequest): WireWatch;
  watchTraffic(): TrafficWatch;
  /** What the page says about the vendor's account (an org), if anything. */
  readAccount(reader: PageAccountReader | undefined): Promise<string | undefined>;
  /** The names (never values) of the page's cookies and localStorage keys (model/page-storage); undefined when it cannot say. */
  readStorageNames(): Promise<StorageNames | undefined>;
  /** Reloads the page and resolves true once the new document has loaded (false after `timeoutMs`). */
  reload(timeoutMs: number): Promise<boolean>;
}

/** The caller stopped waiting for the page (Cancel, or its signal). */
export class Cancelled extends Error {}

/**
 * What the Node package needs of a page, and what it reads of its network events: Playwright's
 * and Puppeteer's objects both fit these (the end-to-end tests pass both libraries' pages, and
 * the type check holds them to it).
 */
import type { PageContext, PageRequest } from '../model/protocol';

/**
 * What the package needs of a page: Playwright's Page and Puppeteer's Page both fit. The events
 * are typed loosely here (Puppeteer's `on` is generic over its own event map); node/page-tap
 * reads them as BrowserRequest and BrowserResponse, which both libraries' objects are.
 */
export interface BrowserPage {
  url(): string;
  evaluate(expression: string): Promise<unknown>;
  evaluate(fn: (arg: CommandCall) => Promise<unknown>, arg: CommandCall): Promise<unknown>;
  /** Both libraries have it; a page without it has the command sent with every call. */
  evaluateHandle?(expression: string): Promise<CommandHandle>;
  reload(options?: { waitUntil?: 'load'; timeout?: number }): Promise<unknown>;
  // biome-ignore lint/suspicious/noExplicitAny: both libraries' event signatures must fit.
  on(event: any, handler: (value: any) => void): unknown;
  // biome-ignore lint/suspicious/noExplicitAny: both libraries' event signatures must fit.
  off(event: any, handler: (value: any) => void): unknown;
}

/** A handle on the vendor's page command in the page (Playwright's and Puppeteer's JSHandle). */
export interface CommandHandle {
  evaluate(fn: (command: unknown, arg: CommandCall) => Promise<unknown>, arg: CommandCall): Promise<unknown>;
  dispose(): Promise<unknown>;
}

/** The one argument the command's caller gets in the page: JSON. */
export interface CommandCall {
  request: PageRequest;
  context: PageContext;
}

export interface BrowserRequest {
  url(): string;
  method(): string;
  headers(): Record<string, string>;
  postData(): string | null | undefined;
  resourceType(): string;
  failure(): { errorText: string } | null;
}

export interface BrowserResponse {
  status(): number;
  request(): BrowserRequest;
  /** True when a service worker of the page answered, not a server (Playwright and Puppeteer both say). */
  fromServiceWorker?(): boolean;
}


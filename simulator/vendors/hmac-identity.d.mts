export declare const HMAC_FAULTS: string[];
export declare function hmacFault(params: URLSearchParams): string | undefined;
/** The customer a session names, as the widget sent it. */
export type HmacCustomer = { userId?: string; email?: string; name?: string };
export interface HmacIdentityBackend {
  /** Every identification, oldest first, and the status answered. */
  events: { at: number; customer: HmacCustomer; signed: string; signature?: string; status: number }[];
  signatureValid(value: string, signature: string, options?: { base64?: boolean }): boolean;
  identify(
    input: { signed: string; signature?: string; customer: HmacCustomer; previous?: HmacCustomer },
    fault?: string,
  ): { status: number; body: Record<string, unknown> };
  visit(token?: string): { status: number; body: { customer: HmacCustomer | null; previousCustomer?: HmacCustomer } };
  logout(token?: string): { status: number; body: { loggedOut: true } };
  session(token?: string): { customer: HmacCustomer; previous?: HmacCustomer } | null;
}
export declare function createHmacIdentityBackend(options: { secret: string }): HmacIdentityBackend;
/** A simulated HMAC widget's site module, as simulator/server.mjs mounts it (its API route, for tests to call directly). */
export interface HmacWidgetSite {
  prefix: string;
  secret: string;
  backend: HmacIdentityBackend;
  owns(pathname: string): boolean;
  /** Answers one of the widget's API requests through `json`; false for a path it does not own. */
  handle(url: URL, input: Record<string, unknown>, json: (status: number, value?: unknown) => void): Promise<unknown>;
}

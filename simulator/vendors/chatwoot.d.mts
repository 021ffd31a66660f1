export declare const CHATWOOT_DEMO: { hmacToken: string; websiteToken: string; siteUser: { identifier: string; email: string } };
export declare const CHATWOOT_FAULTS: string[];
export declare const HMAC_FAILED: string;
export declare class SetUserRefused extends Error {
  status: number;
}
/** A contact as the widget API answers it. */
export interface ChatwootContact {
  id: number;
  identifier: string | null;
  email: string | null;
  name: string | null;
  hmac_verified: boolean;
  widget_auth_token?: string;
}
export declare function createChatwootBackend(options?: { hmacToken?: string; websiteToken?: string }): {
  websiteToken: string;
  config(websiteToken: string, authToken?: string): { auth_token: string; contact: ChatwootContact };
  /** Throws SetUserRefused (401 for a wrong or, while enforced, missing hash). */
  setUser(websiteToken: string, authToken: string, body: Record<string, unknown>, options?: { fault?: string }): ChatwootContact;
  contactOf(authToken: string): ChatwootContact | null;
};
/** One set_user the Chatwoot server answered. */
export interface ChatwootIdentity {
  at: number;
  identifier?: unknown;
  email?: unknown;
  hash?: unknown;
  authToken: string;
  status: number;
}

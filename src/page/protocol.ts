/**
 * What the extension asks the page under test, and what comes back. These cross into the
 * page's main world as JSON: the secret is never part of a request, only a signed token.
 */
import type { IdentityLookup } from '../kustomer/claims';

export type PageRequest =
  | {
      command: 'login';
      token: string;
      lookup: IdentityLookup;
      /** Who the extension last logged in on this tab: logged out first if still there. */
      previous?: IdentityLookup;
      timeoutMs: number;
    }
  | { command: 'logout'; timeoutMs: number }
  | { command: 'check'; lookup: IdentityLookup; timeoutMs: number }
  | { command: 'conversations'; timeoutMs: number }
  /** Log out and remove the SDK's device state from the page's storage (a new device). */
  | { command: 'forget-device'; timeoutMs: number };

/** The fields of Kustomer.login's response that the popup shows (where the SDK gives them). */
export interface LoginResponse {
  identified?: boolean;
  customerId?: string;
  email?: string;
  externalId?: string;
}

export interface ConversationSummary {
  conversationId: string;
  createdAt?: string;
  updatedAt?: string;
  lastMessage?: string;
}

/** Kustomer.getOpenConversations' answer; its failure does not undo a login. */
export type ConversationsView = { ok: true; items: ConversationSummary[] } | { ok: false; message: string };

export type PageProblem =
  /** No `window.Kustomer` and no Kustomer loader script on the page. */
  | 'no-sdk'
  /** The loader is on the page but the SDK never finished loading. */
  | 'sdk-not-loaded'
  /** `window.Kustomer` is Kustomer's Cards SDK, which has no login. */
  | 'cards-sdk'
  /** Some other object called Kustomer without a login function. */
  | 'unknown-sdk'
  /** The chat SDK loaded but Kustomer.start has not finished. */
  | 'not-started'
  /** An SDK call answered with an error. */
  | 'sdk-error'
  /** An SDK call threw synchronously. */
  | 'sdk-threw'
  /** An SDK call never called back within the timeout. */
  | 'sdk-timeout';

export type SdkCall = 'login' | 'isLoggedIn' | 'logout' | 'getOpenConversations';

export type PageResult =
  | {
      ok: true;
      command: 'login';
      loggedIn: boolean;
      response: LoginResponse;
      /** True when the previous customer was still logged in and was logged out first. */
      loggedOutPrevious: boolean;
      conversations: ConversationsView;
    }
  | { ok: true; command: 'logout' }
  | { ok: true; command: 'check'; loggedIn: boolean; conversations?: ConversationsView }
  | { ok: true; command: 'conversations'; conversations: ConversationsView }
  | { ok: true; command: 'forget-device'; removedKeys: string[] }
  | { ok: false; problem: PageProblem; call?: SdkCall; message?: string; waitedMs?: number };

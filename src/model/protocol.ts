/**
 * What the extension asks the page under test, and what comes back, for every chat vendor.
 * These cross into the page's main world as JSON: the secret is never part of a request, only
 * a signed credential (model/credential). Each vendor's page command
 * (src/vendors/<id>/page-command.ts) answers them with what its widget offers, and
 * `unsupported` for what it does not.
 */
import type { PageCredential } from './credential';
import type { VendorId } from './vendor-ids';

/** An environment's vendor settings as the page command reads them (model/vendor-settings). */
export type PageSettings = Record<string, string>;

/** The claim a logged-in check is asked with: the one the vendor identifies the customer by. */
export type IdentityLookup = { email: string } | { externalId: string };

export type PageRequest =
  /**
   * Only report whether the chat SDK is there and started; `probe` may ask it harmlessly. With
   * `presence` (for session/presence, the shared inspect): which of these vendors' widgets
   * the page has, as the report's `others`.
   */
  | { command: 'inspect'; probe: boolean; presence?: VendorPresence[]; timeoutMs: number }
  /** Start the SDK (the startSdk feature's call) for a page that loads it but has not started it. */
  | { command: 'start'; timeoutMs: number }
  | {
      command: 'login';
      /** A JWT, or an HMAC signature of one of `identity`'s values. */
      credential: PageCredential;
      /** The identity as the vendor's rules made it (a JWT's claims; an HMAC's values, one of them signed). */
      identity: Record<string, unknown>;
      lookup: IdentityLookup;
      /** Who the extension last logged in on this tab: logged out first if still there. */
      previous?: IdentityLookup;
      /** The environment's vendor settings, by key (an app id to boot with when the page names none): never secret. */
      settings?: PageSettings;
      /**
       * False: after the login's own answer, skip the widget's logged-in check and conversation
       * list (the loggedInCheck and conversations features): the server's answer is the evidence.
       * The extension always confirms; the Node package does not unless asked (speed).
       */
      confirm?: boolean;
      timeoutMs: number;
    }
  | { command: 'logout'; settings?: PageSettings; timeoutMs: number }
  | { command: 'check'; lookup: IdentityLookup; timeoutMs: number }
  | { command: 'conversations'; timeoutMs: number }
  /** Log out and remove the SDK's device state from the page's storage (a new device). */
  | { command: 'forget-device'; timeoutMs: number }
  /** Start a conversation with `message` (the integrationCheck feature's call): the integration check's test chats. */
  | { command: 'create-conversation'; message: string; timeoutMs: number };

/** How a page shows it has a vendor's widget: its globals and its loader scripts (CSS selectors), as data. */
export interface VendorPresence {
  id: VendorId;
  globals: string[];
  scripts: string[];
}

/** A vendor's page-side command: self-contained, JSON in and out (see src/model/vendor.ts). */
export type PageCommand = (request: PageRequest, context: PageContext) => Promise<PageResult>;

/** What the extension tells the page code besides the request: where it may run, and its caps. */
export interface PageContext {
  /** The origin the extension checked (the environment's site): anywhere else, nothing runs. */
  origin?: string;
  /** The caps the extension checks answers against (session/page-answer's PAGE_LIMITS). */
  limits: { text: number; conversations: number; keys: number };
}

/** The fields of the widget's login response that the popup shows (where the SDK gives them). */
export interface LoginResponse {
  identified?: boolean;
  /** A visitor id after the login (where a widget has no other answer), the strongest evidence the page offers. */
  visitorId?: string;
  customerId?: string;
  email?: string;
  externalId?: string;
}

export interface ConversationSummary {
  conversationId: string;
  createdAt?: string;
  /** The SDK's updatedAt or lastMessageAt. */
  updatedAt?: string;
  /** The SDK's lastMessage or preview. */
  lastMessage?: string;
}

/**
 * What the widget itself said about a login, weakest last: a call only a logged-in session
 * answers (the loggedInCheck feature), its login callback without an error, or nothing at all
 * (a widget whose login has no answer). The vendor server's answer, seen on the wire, outranks all.
 */
export type WidgetWord = 'check' | 'callback' | 'none';
export const WIDGET_WORDS: readonly WidgetWord[] = ['check', 'callback', 'none'];

/** The conversation list's answer (the conversations feature); its failure does not undo a login. */
export type ConversationsView = { ok: true; items: ConversationSummary[] } | { ok: false; message: string };

/**
 * What showed that the chat SDK was ready, strongest first. A vendor's readiness data says what
 * `iframe` and `probe` are on its page (session/chat-readiness words them).
 */
export type ReadySignal =
  /** The login observer saw the page's own start callback fire. */
  | 'observer'
  /** This extension started the SDK ("Start chat SDK") and saw its callback fire. */
  | 'lab'
  /** The widget's own frame is in the page. */
  | 'iframe'
  /** A harmless call only a started SDK answers (its logged-in check, about an identity that cannot exist) answered without error. */
  | 'probe'
  /** The vendor's widget API is on the page and takes calls (widgets that queue calls until booted). */
  | 'widget';

export const READY_SIGNALS: readonly ReadySignal[] = ['observer', 'lab', 'iframe', 'probe', 'widget'];

/** Where the page's chat SDK stands, as the page reports it: data to judge, never to trust. */
export interface ReadinessReport {
  /**
   * none: neither the widget's global nor its loader; loader: the loader (or its stub) but no
   * login yet; other: something else under the widget's global name. Any other state is the
   * vendor's own, of an SDK no login can work with (its readiness data names the problem).
   */
  sdk: 'none' | 'loader' | 'loaded' | 'other' | (string & {});
  /** Set when something showed that start has finished. */
  started?: ReadySignal;
  /** Whether the page has called the SDK's start; undefined where no observer was there to see. */
  startCalled?: boolean;
  /** document.readyState is "complete". */
  pageLoaded: boolean;
  /** How long the page has loaded nothing (since its load event or last resource), in ms. */
  quietMs: number;
  /** Other vendors' chat widgets seen on the page (session/presence: to tell a tester the environment's vendor is wrong). */
  others?: VendorId[];
}

export type PageProblem =
  /** The SDK is not there or not started yet: the extension waits and asks again. */
  | 'not-ready'
  /** The document is not of the origin the extension checked (the tab navigated): nothing ran. */
  | 'other-page'
  /** Neither the widget's global nor its loader script on the page. */
  | 'no-sdk'
  /** The loader is on the page but the SDK never finished loading. */
  | 'sdk-not-loaded'
  /** Some other object under the widget's global name, without its calls. */
  | 'unknown-sdk'
  /** The chat SDK loaded but its start has not finished (or was never called). */
  | 'not-started'
  /** An SDK call answered with an error. */
  | 'sdk-error'
  /** An SDK call threw synchronously. */
  | 'sdk-threw'
  /** An SDK call never called back within the timeout. */
  | 'sdk-timeout'
  /** The vendor's widget has no call for this command. */
  | 'unsupported'
  /** An SDK state of the vendor's own no login can work with, as its readiness data names it (never from the page). */
  | (string & {});

/**
 * An SDK call a page command names in a problem. The shared names (SDK_CALLS: the ones shared
 * code asks about, such as `login` and `isLoggedIn`) plus any its vendor names in its profile
 * (`calls`); each vendor says them for the tester (callName).
 */
export type SdkCall = string;

/** The calls every vendor's page command may name; a vendor adds its own (VendorProfile.calls). */
export const SDK_CALLS: readonly SdkCall[] = ['start', 'login', 'isLoggedIn', 'logout', 'getOpenConversations', 'createConversation', 'boot', 'shutdown'];

export type PageResult =
  | { ok: true; command: 'inspect'; report: ReadinessReport }
  | { ok: true; command: 'start' }
  | {
      ok: true;
      command: 'login';
      /** What the widget's own calls say (with `said: 'none'` it is false: nothing said so). */
      loggedIn: boolean;
      said: WidgetWord;
      response: LoginResponse;
      /** True when the previous customer was still logged in and was logged out first. */
      loggedOutPrevious: boolean;
      /** Absent where the widget has no call to list them. */
      conversations?: ConversationsView;
      ready: ReadySignal;
      /**
       * Origins the page's widget configuration names as its API (an `api_base` setting): their
       * answers count as the vendor's, said as "the API origin the page names".
       */
      apiOrigins?: string[];
    }
  /** `pending`: the widget was told, but takes no callback: its request's answer says when it took effect. */
  | { ok: true; command: 'logout'; ready: ReadySignal; pending?: boolean }
  | { ok: true; command: 'check'; loggedIn: boolean; conversations?: ConversationsView; ready: ReadySignal }
  | { ok: true; command: 'conversations'; conversations: ConversationsView; ready: ReadySignal }
  | { ok: true; command: 'forget-device'; removedKeys: string[]; ready: ReadySignal }
  /** `conversationId` undefined: the SDK has no createConversation. */
  | { ok: true; command: 'create-conversation'; conversationId?: string; ready: ReadySignal }
  | { ok: false; problem: PageProblem; call?: SdkCall; message?: string; waitedMs?: number; report?: ReadinessReport };

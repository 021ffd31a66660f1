import type { ConversationsView, PageResult } from '../page/protocol';
import type { ClaimsResult, IdentityLookup, VendorProfile } from '../vendors/vendor';
import { readyNote } from './chat-readiness';
import type { Outcome, SessionView } from './outcome';

type Claims = Extract<ClaimsResult, { ok: true }>;
type LoginAnswer = Extract<PageResult, { ok: true; command: 'login' }> & { waitedMs?: number };

/** A note when the conversations call failed (the login or check itself stands). */
export function conversationNote(vendor: VendorProfile, view: ConversationsView | undefined): string | undefined {
  return view && !view.ok ? `${vendor.callName('getOpenConversations')} answered with an error: ${view.message}` : undefined;
}

/**
 * What a tester reads after the page answered a login: pure, so every vendor's wording is
 * unit-tested without a browser. Where the vendor has no logged-in check, the message says
 * what the evidence is (the login callback, the Messenger booting) instead of claiming more.
 */
export function loginOutcome(vendor: VendorProfile, claims: Claims, result: LoginAnswer, previous: IdentityLookup | undefined, token: string, now = Date.now()): Outcome {
  const session: SessionView = { lookup: claims.lookup, loggedIn: result.loggedIn, response: result.response, conversations: result.conversations, at: now };
  const who = vendor.describe(claims.lookup);
  const notes = [...claims.warnings];
  if (result.loggedOutPrevious && previous) notes.unshift(`Logged out ${vendor.describe(previous)} first.`);
  const conversationProblem = conversationNote(vendor, result.conversations);
  if (conversationProblem) notes.push(conversationProblem);
  if (!vendor.capabilities.check) notes.push(vendor.limits);
  notes.push(readyNote(result.ready, result.waitedMs));
  if (!result.loggedIn) {
    return {
      tone: 'warning',
      message: `${vendor.callName('login')} answered, but ${vendor.callName('isLoggedIn')} says ${who} is not logged in.`,
      notes,
      token,
      session,
    };
  }
  const customer = result.response.customerId ? ` (customer ${result.response.customerId})` : '';
  const visitor = result.response.visitorId ? ` (visitor ${result.response.visitorId})` : '';
  const evidence = vendor.capabilities.check
    ? ''
    : vendor.id === 'intercom'
      ? ': the Messenger booted with the token'
      : `: ${vendor.callName('login')} called back without an error`;
  return {
    tone: conversationProblem ? 'warning' : 'success',
    message: `Logged in as ${who}${customer}${visitor}${evidence}.`,
    notes,
    token,
    session,
  };
}

/** When a switch stopped because the previous customer could not be logged out. */
export function switchFailed(vendor: VendorProfile, previous: IdentityLookup, outcome: Outcome): Outcome {
  return { ...outcome, message: `Could not log out ${vendor.describe(previous)} before the switch: ${outcome.message}` };
}

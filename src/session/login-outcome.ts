import type { ConversationsView, PageResult } from '../model/protocol';
import type { ChatVendor, ClaimsResult, IdentityLookup, VendorProfile } from '../model/vendor';
import { readyNote } from './chat-readiness';
import type { Outcome, OutcomeAction, SessionView } from '../model/outcome';
import { accepted, refused, verdictOf, type WireReport } from '../model/wire';
import { answerFrom, describeExchange } from '../model/wire-text';

type Claims = Extract<ClaimsResult, { ok: true }>;
type LoginAnswer = Extract<PageResult, { ok: true; command: 'login' }> & { waitedMs?: number };
type Refusal = Extract<PageResult, { ok: false }>;

/** A note when the conversations call failed (the login or check itself stands). */
export function conversationNote(vendor: VendorProfile, view: ConversationsView | undefined): string | undefined {
  return view && !view.ok ? `${vendor.callName('getOpenConversations')} answered with an error: ${view.message}` : undefined;
}

/** What the page answered a login with: its result, its problem, or nothing (the server's answer came first). */
export type PageWord = LoginAnswer | Refusal | undefined;

export interface LoginEvidence {
  vendor: ChatVendor;
  claims: Claims;
  page: PageWord;
  wire: WireReport;
  previous?: IdentityLookup;
  token: string;
  environmentName: string;
  environmentId: string;
  timeoutSeconds: number;
  /** Turns a page's problem into the vendor's sentence (session/vendor-outcome). */
  problem: (result: Refusal) => Outcome;
  now?: number;
}

/** The outcome, and whether the tab should remember this identity as logged in (for the next switch). */
export interface LoginDecision {
  outcome: Outcome;
  remember: boolean;
}

/** Why no answer from the vendor's server is in the evidence, and what would show it. */
function unseen(vendor: VendorProfile, wire: WireReport): { why: string; action?: OutcomeAction } {
  if (!wire.watched) return { why: 'this browser does not let the extension watch the page\'s requests' };
  const worker = wire.exchanges.find((e) => e.serviceWorker);
  if (worker) return { why: `a service worker of the page answered the request that carried the token (${describeExchange(worker)}), not ${vendor.name}'s server` };
  const waiting = wire.exchanges.find((e) => e.status === undefined && e.failed === undefined);
  if (waiting) return { why: `the request that carried the token (${waiting.method} ${waiting.host}${waiting.path}) had no answer yet` };
  if (wire.hiddenHosts.length > 0) {
    return {
      why: `the extension has no access to ${vendor.name}'s API hosts (${wire.hiddenHosts.join(', ')}), so it cannot see that request; click "Grant access" to allow them`,
      action: { kind: 'grant-access', origins: wire.hiddenHosts },
    };
  }
  if (wire.elsewhere.length > 0) return { why: `no request carrying the token went to ${vendor.name}'s API origins (only to other hosts; if this site's ${vendor.widget} talks to a server of its own, list it as the environment's API origin in Options)` };
  return { why: 'no request carrying the token was seen' };
}

/** "The token was also sent to 127.0.0.1:45847/collect: not Example Chat's server.": one note per host and path. */
function elsewhereNotes(vendor: VendorProfile, wire: WireReport): string[] {
  const places = [...new Set(wire.elsewhere.map((e) => `${e.host}${e.path}`))];
  return places.map((place) => `The token was also sent to ${place}: not ${vendor.name}'s server.`);
}

/**
 * What a tester reads after a login, from the strongest evidence there is: the vendor's server
 * answer to the request that carried the token, then a call only a logged-in session answers
 * (the loggedInCheck feature), then the widget's callback. A load flag, a missing error or a timer is
 * never evidence: without an answer the outcome says so. Pure, so every case is unit-tested.
 */
export function decideLogin(input: LoginEvidence): LoginDecision {
  const { vendor, claims, page, wire, previous, token } = input;
  const now = input.now ?? Date.now();
  const server = verdictOf(wire.exchanges);
  const who = vendor.describe(claims.lookup);
  const answer = page?.ok ? page : undefined;
  const problem = page && !page.ok ? page : undefined;
  const notes = [...claims.warnings, ...elsewhereNotes(vendor, wire)];
  if (answer?.loggedOutPrevious && previous) notes.unshift(`Logged out ${vendor.describe(previous)} first.`);
  const conversationProblem = conversationNote(vendor, answer?.conversations);
  if (conversationProblem) notes.push(conversationProblem);
  const session = (loggedIn: boolean): SessionView => ({
    lookup: claims.lookup,
    loggedIn,
    response: answer?.response,
    conversations: answer?.conversations,
    requests: wire.exchanges,
    ...(wire.elsewhere.length > 0 ? { elsewhere: wire.elsewhere } : {}),
    at: now,
  });
  const ready = () => (answer ? [readyNote(answer.ready, answer.waitedMs, vendor)] : []);
  const serverName = `${vendor.name}'s server`;
  const call = vendor.callName('login');

  // 1. The server refused: whatever the widget said, this is no login.
  if (server && (refused(server) || server.status === undefined || server.status >= 300)) {
    if (server.status !== undefined && server.status < 500 && refused(server)) {
      const [first, ...more] = vendor.refusalCauses(server.status, input.environmentName, problem?.message);
      // The widget's own sentence, without its closing stop: ours ends the sentence.
      const widget = problem?.message ? `: ${problem.message.replace(/[.\s]+$/, '')}` : '';
      return {
        outcome: {
          tone: 'error',
          message: `${vendor.name} refused the token (${answerFrom(server)})${widget}.${first ? ` Most often ${first}.` : ''}`,
          verdict: { headline: `Refused by ${vendor.name}`, evidence: `Server answer: ${answerFrom(server)}.`, ...(first ? { cause: `Most often ${first}.` } : {}) },
          notes: [...notes, ...(more.length > 0 ? [`Other likely causes: ${more.join('; ')}.`] : [])],
          token,
          session: session(false),
          // A wrong secret or key (401, 403) is fixed in Options; a conflict (409) or a bad request is not.
          ...(server.status === 401 || server.status === 403 ? { action: { kind: 'open-options' as const, environmentId: input.environmentId } } : {}),
        },
        remember: false,
      };
    }
    return {
      outcome: {
        tone: 'error',
        message: `${serverName} gave no verdict on the token (${answerFrom(server)}): not a login. Try again; if it persists, check the page's network panel.${problem?.message ? ` The widget said: ${problem.message}` : ''}`,
        verdict: { headline: 'Not logged in: no verdict', evidence: `Server answer: ${answerFrom(server)}.`, cause: "Try again; if it persists, check the page's network panel." },
        notes,
        token,
        session: session(false),
      },
      remember: false,
    };
  }

  // 2. The server accepted.
  if (server && accepted(server)) {
    const took = `${serverName} accepted the token (${answerFrom(server)})`;
    const customer = answer?.response.customerId ? ` (customer ${answer.response.customerId})` : '';
    if (answer?.said === 'check' && answer.loggedIn) {
      return {
        outcome: {
          tone: conversationProblem ? 'warning' : 'success',
          message: `Logged in as ${who}${customer}: ${took} and ${vendor.callName('isLoggedIn')} confirms it.`,
          verdict: { headline: `Logged in as ${who}${customer}`, evidence: `${took} and ${vendor.callName('isLoggedIn')} confirms it.` },
          notes: [...notes, ...ready()],
          token,
          session: session(true),
        },
        remember: true,
      };
    }
    if (answer?.said === 'check') {
      return {
        outcome: {
          tone: 'warning',
          message: `${took}, but ${vendor.callName('isLoggedIn')} says ${who} is not logged in on this page.`,
          notes: [...notes, ...ready()],
          token,
          session: session(false),
        },
        remember: false,
      };
    }
    if (problem?.problem === 'sdk-error' && problem.call === 'login') {
      // The widget's own login call failed on the server's answer (a vendor whose answer carrying
      // errors is a failure whatever its status): no login, whatever the status said.
      return {
        outcome: {
          tone: 'error',
          message: `${vendor.name} did not log ${who} in: ${call} answered with an error: ${(problem.message ?? 'no message').replace(/[.\s]+$/, '')} (the request that carried the token got ${answerFrom(server)}).`,
          verdict: { headline: `Refused by ${vendor.name}`, evidence: `${call} answered with an error, though the request that carried the token got ${answerFrom(server)}.` },
          notes,
          token,
          session: session(false),
        },
        remember: false,
      };
    }
    if (problem?.problem === 'sdk-error') {
      return {
        outcome: {
          tone: 'warning',
          message: `${took}, but ${vendor.callName(problem.call)} answered with an error: ${problem.message ?? 'no message'}. The page may not show ${who} as logged in.`,
          notes,
          token,
          session: session(false),
        },
        remember: false,
      };
    }
    const widget =
      answer?.said === 'callback'
        ? `${call} called back without an error.`
        : answer?.said === 'none'
          ? `${call} gives no answer of its own; the server's is the evidence.`
          : `${call} did not call back (this build of the widget may have no login callback); the server's answer is the evidence.`;
    return {
      outcome: {
        tone: 'success',
        message: `Logged in as ${who}${customer}: ${took}.`,
        verdict: { headline: `Logged in as ${who}${customer}`, evidence: `${took}.` },
        notes: [...notes, widget, ...ready()],
        token,
        session: session(true),
      },
      remember: true,
    };
  }

  // 3. No answer from the server was seen: only what the widget said, and exactly that.
  const { why, action } = unseen(vendor, wire);
  if (problem) {
    const outcome = input.problem(problem);
    // Nothing was sent (no widget, not started, another page): no token to copy or inspect.
    const sent = problem.call !== undefined || wire.exchanges.length > 0 || wire.elsewhere.length > 0;
    return { outcome: { ...outcome, notes: [...notes, ...outcome.notes], ...(sent ? { token } : {}), session: wire.exchanges.length > 0 ? session(false) : undefined }, remember: false };
  }
  if (!answer) {
    return {
      outcome: { tone: 'warning', message: `No answer to the login was seen: ${why}.`, verdict: { headline: 'Not confirmed: no answer seen', evidence: `${why[0]?.toUpperCase() ?? ''}${why.slice(1)}.` }, notes, token, session: session(false), action },
      remember: false,
    };
  }
  const customer = answer.response.customerId ? ` (customer ${answer.response.customerId})` : '';
  if (answer.said === 'check') {
    return answer.loggedIn
      ? {
          outcome: {
            tone: conversationProblem ? 'warning' : 'success',
            message: `Logged in as ${who}${customer}: ${vendor.callName('isLoggedIn')} confirms it. No answer from ${serverName} was seen (${why}).`,
            notes: [...notes, ...ready()],
            token,
            session: session(true),
            action,
          },
          remember: true,
        }
      : {
          outcome: {
            tone: 'warning',
            message: `${call} answered, but ${vendor.callName('isLoggedIn')} says ${who} is not logged in.`,
            notes: [...notes, ...ready()],
            token,
            session: session(false),
          },
          remember: false,
        };
  }
  if (answer.said === 'callback') {
    return {
      outcome: {
        tone: 'warning',
        message: `${call} called back without an error for ${who}, but no answer from ${serverName} was seen (${why}): the callback is all the evidence, not a confirmed login.`,
        verdict: { headline: `Not confirmed: only the widget's callback`, evidence: `No answer from ${serverName} was seen: ${why}.` },
        notes: [...notes, ...ready()],
        token,
        session: session(false),
        action,
      },
      // The widget took the token: a switch logs this identity out first.
      remember: true,
    };
  }
  return {
    outcome: {
      tone: 'warning',
      message: `The ${vendor.widget} was given the token for ${who}, but no answer from ${serverName} was seen within ${input.timeoutSeconds} s (${why}). Nothing says whether ${vendor.name} accepted it.`,
      verdict: { headline: 'Not confirmed: no answer seen', evidence: `No answer from ${serverName} within ${input.timeoutSeconds} s: ${why}.` },
      notes: [...notes, ...ready()],
      token,
      session: session(false),
      action,
    },
    remember: true,
  };
}

/** When a switch stopped because the previous customer could not be logged out. */
export function switchFailed(vendor: VendorProfile, previous: IdentityLookup, outcome: Outcome): Outcome {
  return { ...outcome, message: `Could not log out ${vendor.describe(previous)} before the switch: ${outcome.message}` };
}

import type { PageRequest } from '../model/protocol';
import { loadVendor } from '../vendors/registry';
import { conversationNote } from './login-outcome';
import type { ChatVendor, IdentityFields } from '../model/vendor';
import { readyNote } from '../session/chat-readiness';
import { error, type Outcome, type SessionView } from '../model/outcome';
import type { WaitOptions } from '../model/chat-page';
import type { Environment, Settings } from '../model/schema';
import { originOf } from '../sites/sites';
import { forgetLogins } from '../storage/tab-logins';
import type { TargetPage } from '../page-bridge/target-page';
import { extensionPage } from '../page-bridge/extension-page';
import { problemOutcome } from './vendor-outcome';
import { isOutcome, logOutOn, type RunResult, run as runOn } from '../session/page-commands';

/**
 * The page commands besides logging in (actions/login.ts): run one with the environment's
 * vendor, and say what came of it. Vendor-blind: the vendor's page command and words do the rest.
 */

export { cancelledOutcome, isOutcome, LOGOUT_BOUND_MS, type RunResult } from '../session/page-commands';

/** Runs the vendor's page command in the tab once its chat is ready (session/page-commands). */
export function run(target: TargetPage, request: PageRequest, vendor: ChatVendor, environment?: Environment, wait: WaitOptions = {}): Promise<RunResult | Outcome> {
  return runOn(extensionPage(target), request, vendor, environment, wait);
}

/** Logs the tab's customer out (session/page-commands), and forgets who was logged in on it. */
export async function logOut(target: TargetPage, settings: Settings, environment?: Environment, wait: WaitOptions = {}, resolved?: ChatVendor): Promise<Outcome> {
  const vendor = resolved ?? (await loadVendor(environment?.vendor));
  const { outcome, done } = await logOutOn(extensionPage(target), settings, vendor, environment, wait);
  if (done) await forgetLogins(target.tabId, target.url ? originOf(target.url) : '');
  return outcome;
}

export async function checkLogin(
  target: TargetPage,
  fields: IdentityFields,
  settings: Settings,
  environment?: Environment,
  wait: WaitOptions = {},
): Promise<Outcome> {
  const vendor = await loadVendor(environment?.vendor);
  if (!vendor.features.loggedInCheck) return { tone: 'warning', message: vendor.limits, notes: [] };
  const claims = vendor.buildClaims(fields, 'check', environment?.settings);
  if (!claims.ok) return error(claims.errors.join(' '));
  const result = await run(target, { command: 'check', lookup: claims.lookup, timeoutMs: settings.sdkTimeoutSeconds * 1000 }, vendor, environment, wait);
  if (isOutcome(result)) return { ...result, notes: claims.warnings };
  if (!result.ok) return { ...problemOutcome(result, settings, environment, vendor), notes: claims.warnings };
  if (result.command !== 'check') return error('The page answered a different command.');
  const session: SessionView = { lookup: claims.lookup, loggedIn: result.loggedIn, conversations: result.conversations, at: Date.now() };
  const notes = [...claims.warnings];
  const conversationProblem = conversationNote(vendor, result.conversations);
  if (conversationProblem) notes.push(conversationProblem);
  notes.push(readyNote(result.ready, result.waitedMs, vendor));
  const who = vendor.describe(claims.lookup);
  return result.loggedIn
    ? { tone: 'success', message: `${who} is logged in on this page.`, notes, session }
    : { tone: 'warning', message: `${who} is not logged in on this page.`, notes, session };
}

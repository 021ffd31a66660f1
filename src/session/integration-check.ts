import type { CheckedIdentity, IdentityFields, } from '../model/vendor';
import { readyNote } from './chat-readiness';
import { blockedBy, type CheckId, type CheckReport, type CheckResult, pendingChecks } from '../model/check-report';
import type { ChatPage, WaitOptions } from '../model/chat-page';
import { checkHistorySyncOn, makeNewDevice } from './history-sync';
import type { Outcome } from '../model/outcome';
import { problemOutcome } from './vendor-outcome';
import { loadVendor } from '../vendors/registry';
import type { Environment, Settings } from '../model/schema';
import { isOutcome, run } from './page-commands';
import { originOf } from '../sites/sites';
import { settingsOf } from '../model/vendor-settings';
import { loginRequest } from './login-run';
import { type LoginPorts, logIn } from './login';
import { messageOf } from '../model/errors';
import { sameAccount } from '../model/text';
import type { Severity, VendorProfile } from '../model/vendor';
import type { SdkCall } from '../model/protocol';

/**
 * The integration check: tests on the page under test what the vendor promises (a vendor with
 * the integrationCheck feature), one check at a time, with fresh, clearly fake identities
 * (qa-check-…), and leaves the page logged out as a new visitor. Every sentence is in the
 * vendor's words (its name, its calls, its account). Each check is bounded by the SDK timeout; a check whose precondition failed is
 * skipped, not failed. Through the ChatPage port: the extension's check page runs it on a tab
 * (actions/integration-check), the command-line tool on a headless browser's page (node/).
 */

/** What the run creates in the org, said to the tester before it starts. */
export const PLANNED = { customers: 5, conversations: 2 } as const;

/** A token the site's own code handed the widget ("Seen on this page"), as the check reports it. */
export interface SiteToken {
  who?: string;
  worst?: { severity: Severity; message: string };
}

export interface CheckRunOptions {
  page: ChatPage;
  /** Where the login (session/login) gets the secret, and remembers who is logged in on the page. */
  ports: LoginPorts;
  /** What the site's own code handed the widget on this page; undefined where nobody watched. */
  siteTokens: () => Promise<SiteToken[] | undefined>;
  /** The version of the tool that ran the check (the extension's, the package's). */
  version: string;
  /** Its secret as the ports give it (the extension's check page unseals it first: the run reloads the page). */
  environment: Environment;
  settings: Settings;
  /** Every change of any check, for the page to show progress. */
  onUpdate: (checks: CheckResult[]) => void;
  /** "Stop": ends the run at once (then logs out). */
  signal: AbortSignal;
  browserName: string;
  now?: () => number;
}

class Stopped extends Error {}

const randomId = () => Math.random().toString(36).slice(2, 8);
/** A whole number from 0 to below `n`, from the extension's own randomness (not the page's). */
const randomBelow = (n: number) => (crypto.getRandomValues(new Uint32Array(1))[0] ?? 0) % n;
/** A copy of `items` in random order (Fisher–Yates). */
function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = randomBelow(i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
/** The numbers of the customers the checks before "Refusals are real" create (identity(n)). */
const CUSTOMER_NUMBERS = [1, 2, 3, 4, 6] as const;

/** The account an environment names (its vendor's `account` setting), if it names one. */
export function accountOf(environment: Environment, vendor: VendorProfile): string | undefined {
  return vendor.account ? environment.settings?.[vendor.account.setting] : undefined;
}

export function consentText(environment: Environment, vendor: VendorProfile, idPrefix = 'qa-check-'): string {
  const noun = vendor.account?.noun ?? 'account';
  const account = accountOf(environment, vendor);
  const where = account ? `${noun} ${account}` : `the ${noun} of ${environment.name}`;
  return `This creates ${PLANNED.customers} test customers and ${PLANNED.conversations} conversations in ${where}, with ids starting ${idPrefix}. It logs customers in and out on this page and reloads it, and leaves it logged out as a new visitor.`;
}

export async function runIntegrationCheck(options: CheckRunOptions): Promise<CheckReport> {
  const { page, environment, settings, signal } = options;
  const now = options.now ?? Date.now;
  const began = now();
  const idPrefix = `qa-check-${randomId()}`;
  const checks = pendingChecks();
  const timeoutMs = settings.sdkTimeoutSeconds * 1000;
  const wait: WaitOptions = { signal };
  // The vendor, resolved once for the whole check and handed to every step.
  const vendor = await loadVendor(environment.vendor);
  const site = page.url ? originOf(page.url) : 'unknown';
  // The vendor's words for what the check does: its calls, its account, its name.
  const call = (name: SdkCall | undefined) => vendor.callName(name);
  const { features } = vendor;
  const noun = vendor.account?.noun ?? 'account';
  const expected = accountOf(environment, vendor);
  /** The vendor's claims for one of the check's customers (its ids are always valid ones). */
  const identityOf = (externalId: string): CheckedIdentity => {
    const claims = vendor.buildClaims({ externalId, email: '' });
    if (!claims.ok) throw new Error(claims.errors.join(' '));
    return claims;
  };
  const identity = (n: number, withEmail = false): IdentityFields => ({
    externalId: `${idPrefix}-${n}`,
    email: withEmail ? `${idPrefix}-${n}@example.test` : '',
  });

  const update = (id: CheckId, change: Partial<CheckResult>) => {
    const at = checks.findIndex((c) => c.id === id);
    checks[at] = { ...(checks[at] as CheckResult), ...change };
    options.onUpdate(checks.map((c) => ({ ...c, observed: [...c.observed] })));
  };
  const stopIfAsked = () => {
    if (signal.aborted) throw new Stopped();
  };
  /** Runs one check: skipped when what it needs did not pass; its own answer otherwise. */
  const check = async (id: CheckId, body: () => Promise<{ status: 'passed' | 'failed' | 'skipped'; observed: string[] }>) => {
    stopIfAsked();
    const blocked = blockedBy(id, checks);
    if (blocked) return update(id, { status: 'skipped', observed: [blocked] });
    update(id, { status: 'running' });
    const started = now();
    let result: { status: 'passed' | 'failed' | 'skipped'; observed: string[] };
    try {
      result = await body();
    } catch (caught) {
      if (caught instanceof Stopped || signal.aborted) {
        update(id, { status: 'skipped', observed: ['Stopped by the tester.'], durationMs: now() - started });
        throw new Stopped();
      }
      result = { status: 'failed', observed: [`Failed unexpectedly: ${messageOf(caught).slice(0, 300)}`] };
    }
    // Stopped mid-check: what it saw is cut short, so it neither passed nor failed.
    if (signal.aborted) {
      update(id, { status: 'skipped', observed: ['Stopped by the tester.'], durationMs: now() - started });
      throw new Stopped();
    }
    update(id, { ...result, durationMs: now() - started });
  };
  const failedWith = (outcome: Outcome, what: string) => ({ status: 'failed' as const, observed: [`${what}: ${outcome.message}`] });
  const login = async (fields: IdentityFields) => (await logIn({ page, vendor, environment, fields, settings, wait }, options.ports)).outcome;
  const conversationIds = (outcome: Outcome) => (outcome.session?.conversations?.ok ? outcome.session.conversations.items.map((c) => c.conversationId) : undefined);
  const createConversation = async (message: string): Promise<string | Outcome | undefined> => {
    const created = await run(page, { command: 'create-conversation', message, timeoutMs }, vendor, environment, wait);
    if (isOutcome(created)) return created;
    if (!created.ok) return problemOutcome(created, settings, environment, vendor);
    return created.command === 'create-conversation' ? created.conversationId : undefined;
  };
  const stamp = () => new Date(now()).toISOString();

  let stopped = false;
  /** The account the page names, when the environment does not name one. */
  let pageAccount: string | undefined;
  try {
    await check('widget', async () => {
      const result = await run(page, { command: 'conversations', timeoutMs }, vendor, environment, wait);
      stopIfAsked();
      if (isOutcome(result)) return failedWith(result, 'The chat SDK is not usable');
      if (!result.ok) return failedWith(problemOutcome(result, settings, environment, vendor), 'The chat SDK is not usable');
      const started = features.startSdk ? ` and ${call(features.startSdk.call)} finished` : '';
      const observed = [`The loader is on the page, the SDK loaded${started}.`, readyNote('ready' in result ? result.ready : 'widget', result.waitedMs, vendor)];
      if (!vendor.pageAccount) return { status: 'passed', observed };
      const account = await page.readAccount(vendor.pageAccount);
      pageAccount = account;
      if (!account) observed.push(vendor.pageAccount.missing);
      else if (expected && !sameAccount(account, expected)) {
        observed.push(`The page's chat is for ${noun} ${account}, but ${environment.name} is for ${noun} ${expected}: its tokens will be refused.`);
        return { status: 'failed', observed };
      } else observed.push(`The page's chat is for ${noun} ${account}${expected ? ", as the environment's" : ''}.`);
      return { status: 'passed', observed };
    });

    await check('login', async () => {
      const fields = identity(1);
      const started = now();
      const outcome = await login(fields);
      const took = now() - started;
      if (!outcome.session?.loggedIn) return failedWith(outcome, `Logging ${fields.externalId} in`);
      if (!outcome.session.conversations?.ok) return { status: 'failed', observed: [`Logged in, but ${call(features.conversations?.call)} did not answer: ${outcome.notes.join(' ')}`] };
      return {
        status: 'passed',
        observed: [
          // The outcome names its evidence (the server's answer, isLoggedIn); the report says which.
          `${outcome.message} ${call(features.conversations?.call)} answered.`,
          `Customer id (as the page reports it): ${outcome.session.response?.customerId ?? 'not given'}.`,
          `Login latency: ${took} ms.`,
        ],
      };
    });

    await check('carryover', async () => {
      const fresh = await makeNewDevice(page, settings, environment, vendor, wait);
      if (fresh) return failedWith(fresh, 'Making the tab a new visitor');
      const created = await createConversation(`Integration check: chat before login, ${stamp()}`);
      if (created !== undefined && typeof created !== 'string') return failedWith(created, 'Starting an anonymous conversation');
      if (created === undefined) return { status: 'skipped', observed: [`The SDK has no ${call(features.integrationCheck?.call)} (or it gave no id): no chat to carry over.`] };
      const fields = identity(2);
      const outcome = await login(fields);
      const ids = conversationIds(outcome);
      if (!outcome.session?.loggedIn || !ids) return failedWith(outcome, `Logging ${fields.externalId} in`);
      const observed = [`As a new anonymous visitor, started conversation ${created}.`, `Then logged in as ${fields.externalId}: ${ids.length} open conversation(s).`];
      return ids.includes(created)
        ? { status: 'passed', observed: [...observed, `${created} is among them.`] }
        : { status: 'failed', observed: [...observed, `${created} is not among them: the chat started before login was not linked to the customer.`] };
    });

    let leakCustomer: IdentityFields | undefined;
    await check('no-leak', async () => {
      const a = identity(3);
      const b = identity(4);
      const inA = await login(a);
      if (!inA.session?.loggedIn) return failedWith(inA, `Logging ${a.externalId} in`);
      const created = await createConversation(`Integration check: ${a.externalId}'s chat, ${stamp()}`);
      if (created !== undefined && typeof created !== 'string') return failedWith(created, `Starting ${a.externalId}'s conversation`);
      if (created === undefined) return { status: 'skipped', observed: [`The SDK has no ${call(features.integrationCheck?.call)}: no conversations to compare.`] };
      const inB = await login(b);
      const idsB = conversationIds(inB);
      if (!inB.session?.loggedIn || !idsB) return failedWith(inB, `Switching to ${b.externalId}`);
      const observed = [`${a.externalId} started conversation ${created}.`, `Switched to ${b.externalId}: ${idsB.length} open conversation(s).`];
      if (idsB.includes(created)) return { status: 'failed', observed: [...observed, `${b.externalId} sees ${a.externalId}'s conversation ${created}: chats leak between customers.`] };
      const back = await login(a);
      const idsA = conversationIds(back);
      if (!back.session?.loggedIn || !idsA) return failedWith(back, `Switching back to ${a.externalId}`);
      leakCustomer = a;
      return idsA.includes(created)
        ? { status: 'passed', observed: [...observed, `Back as ${a.externalId}: ${created} is there again.`] }
        : { status: 'failed', observed: [...observed, `Back as ${a.externalId}: ${created} is gone.`] };
    });

    await check('history', async () => {
      const tabLogin = leakCustomer && (await options.ports.memory.last());
      if (!tabLogin) return { status: 'skipped', observed: ['No customer with a conversation is logged in to compare.'] };
      const sync = await checkHistorySyncOn(page, { vendor, environment, settings, login: tabLogin, ports: options.ports, signal });
      const observed = [sync.message];
      if (sync.sync) observed.push(`Before: ${sync.sync.before.join(', ') || 'none'}. On the new device: ${sync.sync.after.join(', ') || 'none'}.`);
      if (sync.tone === 'success') return { status: 'passed', observed };
      if (sync.sync && sync.sync.before.length === 0) return { status: 'skipped', observed };
      return { status: 'failed', observed };
    });

    await check('email-wins', async () => {
      const fields = identity(6, true);
      const outcome = await login(fields);
      const observed = [`A token with both claims: externalId ${fields.externalId} and email ${fields.email}.`];
      const asked = `${call(features.loggedInCheck?.call)}({ email: ${fields.email} })`;
      if (outcome.session?.loggedIn) return { status: 'passed', observed: [...observed, `${asked} is true: the email's customer is logged in.`] };
      if (outcome.session) {
        return { status: 'failed', observed: [...observed, `${asked} is false: the site logged in someone else (the externalId's customer?), not the email's, as ${vendor.name} documents.`] };
      }
      return failedWith(outcome, 'Logging in with both claims');
    });

    await check('refusals', async () => {
      // Nothing a page could key on: three customers the run already made, picked at random,
      // get a token signed with a wrong secret, an expired one (16 to 60 minutes old) and a
      // correct one, sent in random order. A page that refuses by guessing refuses the correct
      // one too, or accepts a wrong one.
      const [wrongFor, expiredFor, controlFor] = shuffled(CUSTOMER_NUMBERS).map((n) => identity(n).externalId);
      const secret = await options.ports.secret(environment);
      if (typeof secret !== 'string') return failedWith(secret, 'Signing the test tokens');
      const nowSeconds = Math.floor(now() / 1000);
      const minutesOld = 16 + randomBelow(45);
      // Signed as the vendor signs (its claims and header), only the secret or the time wrong.
      const signed = (externalId: string, secret: string, at: number) => vendor.credential(identityOf(externalId), secret, settingsOf(environment), { nowSeconds: at });
      const tokens = shuffled([
        { kind: 'refuse' as const, what: 'signed with a wrong secret', externalId: wrongFor as string, credential: await signed(wrongFor as string, `not-the-secret-${randomId()}`, nowSeconds - randomBelow(120)) },
        { kind: 'refuse' as const, what: `issued ${minutesOld} minutes ago`, externalId: expiredFor as string, credential: await signed(expiredFor as string, secret, nowSeconds - minutesOld * 60) },
        { kind: 'accept' as const, what: 'signed correctly', externalId: controlFor as string, credential: await signed(controlFor as string, secret, nowSeconds) },
      ]);
      const observed: string[] = [];
      let wrong = false;
      let unclear = false;
      for (const { kind, what, externalId, credential } of tokens) {
        const result = await run(page, loginRequest({ claims: identityOf(externalId), credential, environment, settings }), vendor, environment, wait);
        stopIfAsked();
        const refused = !isOutcome(result) && !result.ok && result.problem === 'sdk-error' && result.call === 'login';
        const accepted = !isOutcome(result) && result.ok && result.command === 'login' && result.loggedIn;
        const about = `A token for ${externalId} ${what}`;
        if (kind === 'refuse' && refused) observed.push(`${about} is refused: ${(!isOutcome(result) && !result.ok && result.message ? result.message : 'an error').replace(/\.$/, '')}.`);
        else if (kind === 'refuse' && accepted) {
          wrong = true;
          observed.push(`${about} is ACCEPTED: the chat does not authenticate its customers.`);
        } else if (kind === 'accept' && accepted) observed.push(`${about} is accepted, as it should be.`);
        else if (kind === 'accept' && refused) {
          wrong = true;
          observed.push(`${about} is REFUSED too: the page refuses without checking the signature, so its refusals prove nothing.`);
        } else {
          unclear = true;
          observed.push(`${about}: no clear answer (${isOutcome(result) ? result.message : result.ok ? `${call('login')} answered, but nobody is logged in` : problemOutcome(result, settings, environment, vendor).message}).`);
        }
      }
      observed.push(
        `What a pass proves: the page refused a wrong signature and an expired token and accepted a correct one, for customers and in an order it could not predict. It does not prove the refusals came from ${vendor.name}'s servers: a page that checks tokens itself with the secret would pass too.`,
      );
      if (wrong) return { status: 'failed', observed };
      return { status: unclear ? 'skipped' : 'passed', observed };
    });

    await check('site-tokens', async () => {
      // Only what this site announced while it was this environment's page counts here.
      const seen = await options.siteTokens();
      if (seen === undefined) return { status: 'skipped', observed: [`Nothing watched the site's own calls to ${call('login')} on this page (the extension's login observer does).`] };
      if (seen.length === 0) return { status: 'skipped', observed: [`The site's own code has not called ${call('login')} on this tab (nothing under Seen on this page).`] };
      const observed = seen.map((s) => `${s.who ?? 'a token'}: ${s.worst ? `${s.worst.severity}: ${s.worst.message}` : 'no findings'}`.slice(0, 400));
      return { status: seen.some((s) => s.worst?.severity === 'error') ? 'failed' : 'passed', observed };
    });
  } catch (caught) {
    if (!(caught instanceof Stopped)) throw caught;
    stopped = true;
    for (const c of checks) if (c.status === 'pending' || c.status === 'running') c.status = 'skipped';
    options.onUpdate(checks.map((c) => ({ ...c })));
  } finally {
    // Leave the page as a new visitor would find it, even after Stop.
    await makeNewDevice(page, settings, environment, vendor).catch(() => undefined);
  }

  return {
    format: 'chat-identity-lab-check',
    version: 1,
    vendor: vendor.name,
    ...(vendor.account ? { account: vendor.account.noun } : {}),
    environment: { name: environment.name, site, ...(expected || pageAccount ? { org: expected ?? pageAccount } : {}) },
    startedAt: new Date(began).toISOString(),
    durationMs: now() - began,
    browser: options.browserName,
    extension: options.version,
    idPrefix,
    checks,
    ...(stopped ? { stopped: true } : {}),
  };
}

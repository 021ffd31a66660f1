import type { CheckedIdentity, IdentityFields, } from '../model/vendor';
import { readyNote } from './chat-readiness';
import { blockedBy, type CheckId, type CheckReport, type CheckResult, pendingChecks } from '../model/check-report';
import type { ChatPage, WaitOptions } from '../model/chat-page';
import { checkHistorySyncOn, makeNewDevice } from './history-sync';
import type { Outcome } from '../model/outcome';
import { problemOutcome } from './vendor-outcome';
import { loadVendor } from '../vendors/registry';
import type { Environment, Settings } from '../model/schema';
import { isOutcome, logOutOn, run } from './page-commands';
import { accepted, verdictOf, type WireExchange } from '../model/wire';
import { describeExchange } from '../model/wire-text';
import { refusalProbes } from './check-probes';
import { type NamedRequest, nextVisit, sessionKeysAfter, sessionKeysLeft, watchIdentity, widgetReady } from './check-watch';
import { originOf } from '../sites/sites';
import { settingsOf } from '../model/vendor-settings';
import { loginRequest, logInOnPage } from './login-run';
import { type LoginPorts, logIn } from './login';
import { messageOf } from '../model/errors';
import { sameAccount } from '../model/text';
import type { Severity, VendorProfile } from '../model/vendor';
import type { SdkCall } from '../model/protocol';

/**
 * The integration check: tests on the page under test what every chat widget promises (its
 * server refuses what it must, identity verification is enforced, logout forgets, a switch
 * carries nothing over) and, for a vendor with the integrationCheck feature, its conversation
 * promises; one check at a time, with fresh, clearly fake identities
 * (qa-check-…), and leaves the page logged out as a new visitor. Every sentence is in the
 * vendor's words (its name, its calls, its account). Each check is bounded by the SDK timeout; a check whose precondition failed is
 * skipped, not failed. Through the ChatPage port: the extension's check page runs it on a tab
 * (actions/integration-check), the command-line tool on a headless browser's page (node/).
 */

/** What the run creates in the account, said to the tester before it starts: the conversation checks add theirs. */
export function planned(vendor: Pick<VendorProfile, 'features'>): { customers: number; conversations: number } {
  return vendor.features.integrationCheck ? { customers: 9, conversations: 2 } : { customers: 5, conversations: 0 };
}

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
  /** Where the secret came from, in the caller's words ("the secret in CHAT_IDENTITY_LAB_SECRET"): what a refused login blames. */
  secretWords?: string;
  now?: () => number;
}

/** "1 open conversation", "2 open conversations", "no open conversation". */
const openConversations = (n: number) => (n === 0 ? 'no open conversation' : `${n} open conversation${n === 1 ? '' : 's'}`);

class Stopped extends Error {}

/** How long a logout's session keys may take to go after its answer. */
const LOGOUT_SETTLE_MS = 2_000;
/** How long the switch check waits for the widget's first request naming the new customer after a reload. */
const HEARD_MS = 5_000;

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

/** The account an environment names (its vendor's `account` setting), if it names one. */
export function accountOf(environment: Environment, vendor: VendorProfile): string | undefined {
  return vendor.account ? environment.settings?.[vendor.account.setting] : undefined;
}

export function consentText(environment: Environment, vendor: VendorProfile, idPrefix = 'qa-check-'): string {
  const noun = vendor.account?.noun ?? 'account';
  const account = accountOf(environment, vendor);
  const where = account ? `${noun} ${account}` : `the ${noun} of ${environment.name}`;
  const { customers, conversations } = planned(vendor);
  const made = conversations > 0 ? `${customers} test customers and ${conversations} conversations` : `up to ${customers} test customers`;
  return `This creates ${made} in ${where}, with ids starting ${idPrefix}. It logs customers in and out on this page and reloads it, and leaves it logged out as a new visitor.`;
}

export async function runIntegrationCheck(options: CheckRunOptions): Promise<CheckReport> {
  const { page, environment, settings, signal } = options;
  const now = options.now ?? Date.now;
  const began = now();
  const idPrefix = `qa-check-${randomId()}`;
  // The vendor, resolved once for the whole check and handed to every step.
  const vendor = await loadVendor(environment.vendor);
  const checks = pendingChecks(vendor);
  const timeoutMs = settings.sdkTimeoutSeconds * 1000;
  const wait: WaitOptions = { signal };
  const site = page.url ? originOf(page.url) : 'unknown';
  // The vendor's words for what the check does: its calls, its account, its name.
  const call = (name: SdkCall | undefined) => vendor.callName(name);
  const { features } = vendor;
  const noun = vendor.account?.noun ?? 'account';
  const expected = accountOf(environment, vendor);
  /** The vendor's claims for one of the check's customers (its ids are always valid ones). */
  const identityOf = (fields: IdentityFields): CheckedIdentity => {
    const claims = vendor.buildClaims(fields);
    if (!claims.ok) throw new Error(claims.errors.join(' '));
    return claims;
  };
  const identity = (n: number, withEmail = false): IdentityFields => ({
    externalId: `${idPrefix}-${n}`,
    email: withEmail ? `${idPrefix}-${n}@example.test` : '',
  });
  /** A customer with an id only, or with an email too where the vendor needs one (a widget that signs the email). */
  const plain = (n: number): IdentityFields => (vendor.buildClaims(identity(n)).ok ? identity(n) : identity(n, true));

  const update = (id: CheckId, change: Partial<CheckResult>) => {
    const at = checks.findIndex((c) => c.id === id);
    checks[at] = { ...(checks[at] as CheckResult), ...change };
    options.onUpdate(checks.map((c) => ({ ...c, observed: [...c.observed] })));
  };
  const stopIfAsked = () => {
    if (signal.aborted) throw new Stopped();
  };
  /** Runs one check: skipped when what it needs did not pass; its own answer otherwise. */
  type Answer = { status: 'passed' | 'failed' | 'skipped' | 'not-applicable'; observed: string[] };
  const check = async (id: CheckId, body: () => Promise<Answer>) => {
    stopIfAsked();
    if (!checks.some((c) => c.id === id)) return;
    const blocked = blockedBy(id, checks);
    if (blocked) {
      // A refused login is the tester's secret, most likely: said so, never blamed on the site.
      const why = loginRefused && id === 'refusals' ? `${blocked} ${vendor.name} refused a correct credential, so ${secretWhere} is the likely cause; refusals prove nothing until a correct one is accepted.` : blocked;
      return update(id, { status: 'skipped', observed: [why] });
    }
    update(id, { status: 'running' });
    const started = now();
    let result: Answer;
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
  const loginDone = (fields: IdentityFields) => logIn({ page, vendor, environment, fields, settings, wait }, options.ports);
  const login = async (fields: IdentityFields) => (await loginDone(fields)).outcome;
  /** After a probe the page accepted (the login core did not remember it): log that customer out. */
  const logOutAccepted = async () => {
    const out = await logOutOn(page, settings, vendor, environment, wait);
    if (out.done) await options.ports.memory.forget();
  };
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
  /** The vendor's server refused check 2's credential: the secret is the likely cause. */
  let loginRefused = false;
  const secretWhere = options.secretWords ?? `the secret of ${environment.name}`;
  /** Leaves the page with nobody logged in (before a probe that must start anonymous). */
  const logOutFirst = async () => {
    if (!(await options.ports.memory.last())) return;
    const out = await logOutOn(page, settings, vendor, environment, wait);
    if (out.done) await options.ports.memory.forget();
  };
  const serverWords = (e: WireExchange) => `${vendor.name}'s server answered ${describeExchange(e)}`;
  const named = (found: NamedRequest[]) => [...new Set(found.map((n) => `${describeExchange(n.exchange)} names ${n.value}`))].slice(0, 5).join('; ');
  try {
    await check('widget', async () => {
      const ready = await widgetReady(page, vendor, environment, settings, signal);
      stopIfAsked();
      if ('tone' in ready) return failedWith(ready, `The ${vendor.widget} is not usable`);
      const started = features.startSdk ? ` and ${call(features.startSdk.call)} finished` : '';
      const observed = [`The ${vendor.widget} is on the page and ready${started}.`, readyNote(ready.report.started ?? 'widget', ready.waitedMs, vendor)];
      if (!vendor.pageAccount) return { status: 'passed', observed: [...observed, `${vendor.name}'s page does not say which ${noun} it belongs to: not compared.`] };
      const account = await page.readAccount(vendor.pageAccount);
      pageAccount = account;
      if (!account) observed.push(vendor.pageAccount.missing);
      else if (expected && !sameAccount(account, expected)) {
        observed.push(`The page's chat is for ${noun} ${account}, but ${environment.name} is for ${noun} ${expected}: its credentials will be refused.`);
        return { status: 'failed', observed };
      } else observed.push(`The page's chat is for ${noun} ${account}${expected ? ", as the environment's" : ''}.`);
      return { status: 'passed', observed };
    });

    await check('login', async () => {
      const fields = plain(1);
      const started = now();
      const done = await loginDone(fields);
      const took = now() - started;
      const { outcome } = done;
      const server = done.ran ? verdictOf(done.ran.wire.exchanges) : undefined;
      if (server && !accepted(server) && server.status !== undefined) {
        loginRefused = true;
        return {
          status: 'failed',
          observed: [
            `Logging ${fields.externalId} in: ${outcome.message}`,
            `${serverWords(server)}: it refused a correctly made credential for a fresh customer, so ${secretWhere} (or a setting beside it) is the likely cause, not the site.`,
          ],
        };
      }
      if (!(done.ran?.remember === true || outcome.session?.loggedIn)) return failedWith(outcome, `Logging ${fields.externalId} in`);
      if (!server || !accepted(server)) {
        return { status: 'failed', observed: [`${outcome.message}`, `No 2xx answer from ${vendor.name}'s server to the request that carried the credential was seen: nothing ${vendor.name} said proves the login.`] };
      }
      if (features.conversations && outcome.session && !outcome.session.conversations?.ok) {
        return { status: 'failed', observed: [`Logged in, but ${call(features.conversations.call)} did not answer: ${outcome.notes.join(' ')}`] };
      }
      return {
        status: 'passed',
        observed: [
          outcome.message,
          `${serverWords(server)}.`,
          ...(outcome.session?.response?.customerId ? [`Customer id (as the page reports it): ${outcome.session.response.customerId}.`] : []),
          `Login latency: ${took} ms.`,
        ],
      };
    });

    await check('refusals', async () => {
      // Nothing a page could key on: every credential is for a fresh customer, numbered at
      // random, and a correct one is sent among the wrong ones in random order. A page or server
      // that refuses by guessing refuses the correct one too, or accepts a wrong one.
      const secret = await options.ports.secret(environment);
      if (typeof secret !== 'string') return failedWith(secret, 'Signing the test credentials');
      await logOutFirst();
      const numbers = shuffled(Array.from({ length: 80 }, (_, i) => 20 + i));
      let next = 0;
      // Every value a widget may be given (an id, an email, a name): an HMAC's wrong-field probe signs another one.
      const identityFor = () => {
        const n = numbers[next++] ?? 99;
        return identityOf({ ...identity(n, true), name: `QA check ${n}` });
      };
      const nowSeconds = Math.floor(now() / 1000);
      const minutesOld = 16 + randomBelow(45);
      const pageSettings = settingsOf(environment);
      const probes = await refusalProbes(vendor, identityFor, secret, pageSettings, { nowSeconds, minutesOld, wrongSecret: `not-the-secret-${randomId()}` });
      const controlIdentity = identityFor();
      const control = { what: 'signed correctly', identity: controlIdentity, credential: await vendor.credential(controlIdentity, secret, pageSettings, { nowSeconds }) };
      const sends = shuffled([...probes.map((p) => ({ ...p, kind: 'refuse' as const })), { ...control, kind: 'accept' as const }]);
      const observed: string[] = [];
      let wrong = false;
      let unclear = false;
      for (const { kind, what, identity: who, credential } of sends) {
        const ran = await logInOnPage(page, { vendor, claims: who, credential, environment, settings, wait, confirm: false });
        stopIfAsked();
        const server = verdictOf(ran.wire.exchanges);
        const byServer = server?.status !== undefined;
        const wasAccepted = byServer ? accepted(server) : ran.remember === true;
        const wasRefused = byServer ? !accepted(server) : ran.remember === false && ran.outcome.tone === 'error';
        const about = `A ${credential.kind === 'jwt' ? 'token' : 'signature'} for ${vendor.describe(who.lookup)} ${what}`;
        // The login's own sentence (the server's status and the widget's reason), in the caller's words.
        // Without its "Most often …" advice: these credentials are wrong on purpose.
        const said = (options.ports.say?.(ran.outcome) ?? ran.outcome).message.split(' Most often ')[0]?.replace(/\.$/, '') ?? '';
        const evidence = byServer ? said : `the page's word only, no answer from ${vendor.name}'s server was seen: ${said}`;
        if (wasAccepted) await logOutAccepted();
        if (kind === 'refuse' && wasRefused) observed.push(`${about} is refused: ${evidence}.`);
        else if (kind === 'refuse' && wasAccepted) {
          wrong = true;
          observed.push(`${about} is ACCEPTED: ${evidence}. ${vendor.name} does not check what it must.`);
        } else if (kind === 'accept' && wasAccepted) observed.push(`${about} is accepted, as it should be: ${evidence}.`);
        else if (kind === 'accept' && wasRefused) {
          wrong = true;
          observed.push(`${about} is REFUSED: ${evidence}. With a correct credential refused too, the other refusals prove nothing.`);
        } else {
          unclear = true;
          observed.push(`${about}: no clear answer (${ran.outcome.message}).`);
        }
      }
      if (wrong) return { status: 'failed', observed };
      return { status: unclear ? 'skipped' : 'passed', observed };
    });

    await check('enforced', async () => {
      const unsigned = features.unsignedLogin;
      if (!unsigned) {
        const what = vendor.signing.kind === 'jwt' ? 'a token (the identity is inside it)' : 'its signature';
        return { status: 'not-applicable', observed: [`Does not apply: the ${vendor.widget} cannot be given an identity without ${what}, so there is no unsigned login to try.`] };
      }
      await logOutFirst();
      const fields = identity(10, true);
      const claims = identityOf(fields);
      // No credential to look for: the request that names the customer is the one that asks.
      const watch = watchIdentity(page, vendor, environment, [fields.externalId, fields.email], { byRequest: true });
      let found: NamedRequest[];
      let result: Awaited<ReturnType<typeof run>>;
      try {
        // The login command as the vendor's page command takes it, with no credential at all (kind none).
        const signedShape = loginRequest({ claims, credential: { kind: 'hmac', value: '', signed: '', field: '' }, environment, settings, confirm: false });
        const request = { ...signedShape, credential: { kind: 'none' as const, value: '' as const } };
        result = await run(page, request, vendor, environment, wait);
        found = await watch.named(signal);
      } finally {
        watch.stop();
      }
      stopIfAsked();
      const server = verdictOf(found.map((n) => n.exchange));
      const asked = `${call('login')} with ${vendor.describe(claims.lookup)} and no signature`;
      if (server?.status !== undefined && accepted(server)) {
        await options.ports.memory.remember({ lookup: claims.lookup, fields });
        await logOutFirst();
        return {
          status: 'failed',
          observed: [
            `${asked}: ${serverWords(server)}: ACCEPTED. Anyone can open this chat as any customer by typing their id.`,
            `Turn identity verification on in ${vendor.name}: ${unsigned.setting}.`,
          ],
        };
      }
      if (server?.status !== undefined) return { status: 'passed', observed: [`${asked}: ${serverWords(server)}: refused, as it must be.`] };
      const page_ = isOutcome(result) ? result.message : result.ok ? `${call('login')} answered` : problemOutcome(result, settings, environment, vendor).message;
      return { status: 'skipped', observed: [`${asked}: no answer from ${vendor.name}'s server to a request naming the customer was seen (${page_}), so nothing says whether it enforces identity verification.`] };
    });

    await check('logout', async () => {
      const fields = plain(11);
      const done = await loginDone(fields);
      if (!(done.ran?.remember === true || done.outcome.session?.loggedIn)) return failedWith(done.outcome, `Logging ${fields.externalId} in`);
      const customerId = done.outcome.session?.response?.customerId;
      const held = await sessionKeysLeft(page, vendor);
      const out = await logOutOn(page, settings, vendor, environment, wait);
      if (out.outcome.tone === 'error') return failedWith(out.outcome, `Logging ${fields.externalId} out`);
      await options.ports.memory.forget();
      // Read right after the logout: on the next visit a widget may start a new anonymous session under the same names.
      const left = await sessionKeysAfter(page, vendor, Date.now() + LOGOUT_SETTLE_MS, signal);
      const watch = watchIdentity(page, vendor, environment, [fields.externalId, fields.email, customerId]);
      let found: NamedRequest[];
      try {
        const visit = await nextVisit(page, vendor, environment, settings, signal);
        if (visit) return failedWith(visit, 'Loading the page again after the logout');
        found = await watch.named(signal);
      } finally {
        watch.stop();
      }
      stopIfAsked();
      const observed = [
        `Logged ${fields.externalId} in${held && held.length > 0 ? ` (the page held ${held.join(', ')})` : ''}, then ${call('logout')}: ${out.outcome.message}`,
        'Then the page was loaded again, as a returning visitor.',
      ];
      let failed = false;
      if (found.length > 0) {
        failed = true;
        observed.push(`After the logout, the widget's requests to ${vendor.name} still name the customer: ${named(found)}.`);
      } else observed.push(`After the logout, no request to ${vendor.name}'s origins named the customer (by id${fields.email ? ', email' : ''}${customerId ? `, customer id ${customerId}` : ''}).`);
      if (!vendor.sessionKeys) observed.push(`${vendor.name} lists no session keys (sessionKeys): only its requests were checked.`);
      else if (left === undefined) observed.push("The page's cookies and storage could not be read: only the requests were checked.");
      else if (left.length > 0) {
        failed = true;
        observed.push(`The widget's session is still in the page after the logout: ${left.join(', ')}.`);
      } else observed.push(`None of the widget's session keys (${[...(vendor.sessionKeys.cookies ?? []).map((c) => `cookie ${c}`), ...(vendor.sessionKeys.localStorage ?? []).map((k) => `localStorage ${k}`)].join(', ')}) is left.`);
      return { status: failed ? 'failed' : 'passed', observed };
    });

    await check('switch', async () => {
      const a = plain(12);
      const b = plain(13);
      const inA = await loginDone(a);
      if (!(inA.ran?.remember === true || inA.outcome.session?.loggedIn)) return failedWith(inA.outcome, `Logging ${a.externalId} in`);
      // Watched from before the switch: B's own login request may name A too. What the switch sends
      // meanwhile (A's logout, the page's own reads) names A by right: only the requests that
      // carried B's credential, and every request after B's login, count.
      const watchA = watchIdentity(page, vendor, environment, [a.externalId, a.email, inA.outcome.session?.response?.customerId]);
      const inB = await loginDone(b);
      if (!(inB.ran?.remember === true || inB.outcome.session?.loggedIn)) {
        watchA.stop();
        return failedWith(inB.outcome, `Switching to ${b.externalId}`);
      }
      const from = Date.now();
      const requestKey = (e: WireExchange) => `${e.at} ${e.method} ${e.host}`;
      const bLogin = new Set((inB.ran?.wire.exchanges ?? []).map(requestKey));
      const watchB = watchIdentity(page, vendor, environment, [b.externalId, b.email, inB.outcome.session?.response?.customerId]);
      let ofA: NamedRequest[];
      let ofB: NamedRequest[];
      try {
        const visit = await nextVisit(page, vendor, environment, settings, signal);
        if (visit) return failedWith(visit, 'Loading the page again after the switch');
        // A widget that kept a session in the page may send it a moment after it is ready: the
        // request that names the new customer is the sign it has, and whatever it still says of
        // the previous one rides with it. Without a kept session there is nothing to wait for.
        const kept = await sessionKeysLeft(page, vendor);
        if (kept && kept.length > 0) await watchB.heard(Date.now() + Math.min(timeoutMs, HEARD_MS), signal);
        // A's own logout (the switch logs A out first) names A by right, whenever its request is seen.
        const ofAsLogout = (n: NamedRequest) => /logout/i.test(n.exchange.path);
        [ofA, ofB] = [(await watchA.named(signal)).filter((n) => !ofAsLogout(n) && (n.exchange.at >= from || bLogin.has(requestKey(n.exchange)))), await watchB.named(signal)];
      } finally {
        watchA.stop();
        watchB.stop();
      }
      stopIfAsked();
      const observed = [`Logged ${a.externalId} in, then switched to ${b.externalId}; then the page was loaded again. ${b.externalId}'s login request and every request after it were watched.`];
      if (ofA.length > 0) {
        observed.push(`After the switch, the widget's requests to ${vendor.name} still name ${a.externalId}: ${named(ofA)}.`);
        return { status: 'failed', observed };
      }
      observed.push(`After the switch, no request to ${vendor.name}'s origins named ${a.externalId}${ofB.length > 0 ? `; ${ofB.length} named ${b.externalId}` : ''}.`);
      return { status: 'passed', observed };
    });

    await check('site-tokens', async () => {
      // Only what this site announced while it was this environment's page counts here.
      const seen = await options.siteTokens();
      if (seen === undefined) return { status: 'skipped', observed: [`Nothing watched the site's own calls to ${call('login')} on this page (the extension's login observer does).`] };
      if (seen.length === 0) return { status: 'skipped', observed: [`The site's own code has not called ${call('login')} on this tab (nothing under Seen on this page).`] };
      const observed = seen.map((s) => `${s.who ?? 'a token'}: ${s.worst ? `${s.worst.severity}: ${s.worst.message}` : 'no findings'}`.slice(0, 400));
      return { status: seen.some((s) => s.worst?.severity === 'error') ? 'failed' : 'passed', observed };
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
      const observed = [`As a new anonymous visitor, started conversation ${created}.`, `Then logged in as ${fields.externalId}: ${openConversations(ids.length)}.`];
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
      const observed = [`${a.externalId} started conversation ${created}.`, `Switched to ${b.externalId}: ${openConversations(idsB.length)}.`];
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

/**
 * The integration check's report: the checks the vendor's promises make, their results, and the
 * report a tester attaches to a ticket (Markdown and JSON). Pure: the run itself is in
 * session/integration-check. Both formats keep page text as data (page-text's markHidden).
 */
import { LEGACY_CHECK } from './legacy-records';
import { markHidden } from './page-text';

export type CheckId = 'widget' | 'login' | 'refusals' | 'enforced' | 'logout' | 'switch' | 'site-tokens' | 'carryover' | 'no-leak' | 'history' | 'email-wins';

/** `not-applicable`: the promise is not one this widget can break (no unsigned identity to try): never a failure. */
export type CheckStatus = 'pending' | 'running' | 'passed' | 'failed' | 'skipped' | 'not-applicable';

export interface CheckResult {
  id: CheckId;
  title: string;
  status: CheckStatus;
  /** What was seen, one line each: the evidence. Never a secret or a token's signature. */
  observed: string[];
  durationMs?: number;
}

/**
 * The checks, in the order they run, each with the promise it tests and what a pass proves.
 * Every widget gets the first seven; `conversations` ones only a vendor whose test chats the
 * check can start (its integrationCheck feature).
 */
export interface CheckSpec {
  id: CheckId;
  title: string;
  /** What a pass proves, in one sentence. */
  proves: string;
  needs: CheckId[];
  conversations?: true;
}

export const CHECKS: readonly CheckSpec[] = [
  { id: 'widget', title: 'Widget', proves: "the vendor's widget is on the page and ready, and belongs to the environment's account where the page says which", needs: [] },
  { id: 'login', title: 'Login', proves: "a fresh test customer's credential, signed with this secret, is accepted by the vendor's own server (its 2xx answer)", needs: ['widget'] },
  { id: 'refusals', title: 'Refusals are real', proves: "the vendor's server refuses credentials it must refuse (a wrong secret, an expired token, a missing kid or scope, the wrong field, the wrong encoding), while a correct one sent among them, for a customer and in an order nobody could predict, is accepted", needs: ['login'] },
  { id: 'enforced', title: 'Identity verification is enforced', proves: "the vendor's server refuses an identity given with no signature at all: nobody can open the chat as a customer by typing their id", needs: ['login'] },
  { id: 'logout', title: 'Logout forgets', proves: "after the widget's logout its next requests to the vendor name nobody, and none of its session cookies or storage keys is left in the page", needs: ['login'] },
  { id: 'switch', title: 'A switch carries nothing of the previous customer', proves: "after one customer is switched for another, the widget's requests to the vendor name only the new one", needs: ['login'] },
  { id: 'site-tokens', title: "The site's own credentials", proves: "what the site's own code handed the widget on this tab has no error findings", needs: [] },
  { id: 'carryover', title: 'Chats before login are kept', proves: 'a chat started as an anonymous visitor belongs to the customer after their login', needs: ['login'], conversations: true },
  { id: 'no-leak', title: 'No leak between customers', proves: "after a switch the new customer does not see the previous one's chats, and the previous one gets them back", needs: ['login'], conversations: true },
  { id: 'history', title: 'History follows the customer', proves: "a customer's chats follow them to a new device", needs: ['no-leak'], conversations: true },
  { id: 'email-wins', title: 'Email wins', proves: "with both an id and an email signed, the email's customer is logged in, as the vendor documents", needs: ['login'], conversations: true },
];

/** The checks a widget gets: with its conversation checks when the check can start its chats. */
export function checksFor(vendor: { features: { integrationCheck?: unknown } }): readonly CheckSpec[] {
  return CHECKS.filter((c) => !c.conversations || vendor.features.integrationCheck !== undefined);
}

/** The promise's own title (never a stored or page-given one). */
export const titleOf = (id: CheckId): string => CHECKS.find((c) => c.id === id)?.title ?? 'Unknown check';

export interface CheckReport {
  format: 'chat-identity-lab-check';
  version: 1;
  /** The vendor whose promises were checked, by name (reports from before name none: model/legacy-records). */
  vendor?: string;
  /** The vendor's word for the account a page belongs to ("org"): what `environment.org` is. */
  account?: string;
  /** `org`: the account the environment or the page names. */
  environment: { name: string; site: string; org?: string };
  startedAt: string;
  durationMs: number;
  browser: string;
  extension: string;
  /** The prefix of every test identity this run created. */
  idPrefix: string;
  checks: CheckResult[];
  /** True when the tester stopped the run. */
  stopped?: boolean;
}

export function pendingChecks(vendor: { features: { integrationCheck?: unknown } } = { features: {} }): CheckResult[] {
  return checksFor(vendor).map(({ id, title }) => ({ id, title, status: 'pending', observed: [] }));
}

/** Why a check cannot run, from the results so far: a check it needs did not pass. */
export function blockedBy(id: CheckId, results: CheckResult[]): string | undefined {
  const needs = CHECKS.find((c) => c.id === id)?.needs ?? [];
  for (const need of needs) {
    const result = results.find((r) => r.id === need);
    if (result && result.status !== 'passed') {
      return `Skipped: it needs "${result.title}", which ${result.status === 'failed' ? 'failed' : 'was skipped'}.`;
    }
  }
  return undefined;
}

export function counts(checks: CheckResult[]): { passed: number; failed: number; skipped: number; notApplicable: number } {
  return {
    passed: checks.filter((c) => c.status === 'passed').length,
    failed: checks.filter((c) => c.status === 'failed').length,
    skipped: checks.filter((c) => c.status === 'skipped').length,
    notApplicable: checks.filter((c) => c.status === 'not-applicable').length,
  };
}

/** "7 passed, 1 failed, 0 skipped" and ", 1 does not apply" where one does not. */
export function countLine(checks: CheckResult[]): string {
  const { passed, failed, skipped, notApplicable } = counts(checks);
  return `${passed} passed, ${failed} failed, ${skipped} skipped${notApplicable > 0 ? `, ${notApplicable} does not apply` : ''}`;
}

/** "7 passed, 1 failed, 0 skipped — Acme staging, 2026-11-26 10:00" */
export function summaryLine(report: CheckReport): string {
  const when = report.startedAt.replace('T', ' ').slice(0, 16);
  return `${countLine(report.checks)} — ${report.environment.name}, ${when}${report.stopped ? ' (stopped)' : ''}`;
}

/** What changed since the previous run of the same environment, one sentence per check. */
export function changesSince(previous: CheckReport | undefined, current: CheckReport): string[] {
  if (!previous) return [];
  const changes: string[] = [];
  // Numbered as this run lists them (a widget without conversation checks has fewer).
  current.checks.forEach(({ id }, index) => {
    const before = previous.checks.find((c) => c.id === id)?.status;
    const now = current.checks.find((c) => c.id === id)?.status;
    if (!before || !now || before === now || now === 'pending' || now === 'running') return;
    const verb = (s: CheckStatus) => (s === 'passed' ? 'passes' : s === 'failed' ? 'fails' : s === 'not-applicable' ? 'does not apply' : 'is skipped');
    const was = (s: CheckStatus) => (s === 'not-applicable' ? 'did not apply' : s);
    changes.push(`Check ${index + 1} (${titleOf(id)}) ${was(before)} last time, ${verb(now)} now.`);
  });
  return changes;
}

/**
 * Cuts the signature off anything shaped like a JWT, and removes anything shaped like an
 * HMAC-SHA256 hex signature (64 hex digits): a report never carries one.
 */
export function withoutSignatures(text: string): string {
  return text.replace(/\b(eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)\.[A-Za-z0-9_-]+/g, '$1.(signature removed)').replace(/\b[0-9a-fA-F]{64}\b/g, '(signature removed)');
}

const STATUS_MARK: Record<CheckStatus, string> = { passed: '✅ passed', failed: '❌ failed', skipped: '⏭ skipped', 'not-applicable': '➖ does not apply', pending: 'not run', running: 'not finished' };

/**
 * Text that may come from the page (org names, SDK messages, ids) as an inline code span: in
 * CommonMark nothing inside one is a link, image, HTML or emphasis. Hidden characters are
 * marked (markHidden), then line breaks become spaces (a line break would let the text start a
 * heading or end the list), and the fence is one backtick longer than any run inside.
 */
export function inert(text: unknown): string {
  // A stored report is read back as data: a field may be anything.
  const line = markHidden(String(text ?? '')).replace(/[\n\t\u2028\u2029]/g, ' ');
  const longest = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${line} ${fence}`;
}

/** "Example Chat chat integration check": the report's title, after the vendor checked. */
export function heading(report: Pick<CheckReport, 'vendor'>): string {
  return `${report.vendor ?? LEGACY_CHECK.vendor} chat integration check`;
}

/** The vendor's word for the account `environment.org` is ("org"). */
export const accountWord = (report: Pick<CheckReport, 'account'>): string => report.account ?? LEGACY_CHECK.account;

const capitalised = (word: string) => `${word.slice(0, 1).toUpperCase()}${word.slice(1)}`;

/** The report as Markdown, for a ticket. Everything not written here is shown as code (inert). */
export function reportMarkdown(report: CheckReport, changes: string[] = []): string {
  const when = report.startedAt.replace('T', ' ').slice(0, 16);
  const lines = [
    `# ${heading(report)}`,
    '',
    `**${countLine(report.checks)}** — ${inert(report.environment.name)}, ${when}${report.stopped ? ' (stopped)' : ''}`,
    '',
    `- Environment: ${inert(report.environment.name)}`,
    `- Site: ${inert(report.environment.site)}`,
    // A vendor whose pages name no account (a report that names its vendor but no account word) has no such line.
    ...(report.vendor !== undefined && report.account === undefined && report.environment.org === undefined
      ? []
      : [`- ${capitalised(accountWord(report))}: ${report.environment.org === undefined ? 'not known' : inert(report.environment.org)}`]),
    `- Browser: ${inert(report.browser)}`,
    `- Chat Identity Lab: ${inert(report.extension)}`,
    `- Test identities: ids starting ${inert(report.idPrefix)}`,
    `- Took: ${(report.durationMs / 1000).toFixed(1)} s`,
    '',
  ];
  if (changes.length > 0) lines.push('## Since the previous run', '', ...changes.map((c) => `- ${inert(c)}`), '');
  lines.push('## Checks', '');
  report.checks.forEach((check, index) => {
    const took = check.durationMs !== undefined ? ` (${(check.durationMs / 1000).toFixed(1)} s)` : '';
    const spec = CHECKS.find((c) => c.id === check.id);
    lines.push(`${index + 1}. **${spec?.title ?? 'Unknown check'}**: ${STATUS_MARK[check.status] ?? 'unknown'}${took}`);
    if (spec) lines.push(`   - _A pass proves ${spec.proves}._`);
    for (const line of check.observed) lines.push(`   - ${inert(withoutSignatures(line))}`);
  });
  // Marked as a whole too: a stored report's fields shown outside code (its date) are data as well.
  return `${markHidden(withoutSignatures(lines.join('\n')))}\n`;
}

/**
 * The report as JSON, signatures removed likewise, every string value with its hidden
 * characters marked: JSON would carry them as they are, and escape controls only to have a
 * reader turn them back.
 */
export function reportJson(report: CheckReport): string {
  const asData = (_key: string, value: unknown) => (typeof value === 'string' ? markHidden(value) : value);
  return `${withoutSignatures(JSON.stringify(report, asData, 2))}\n`;
}

/** A stored report, checked: what storage gives back is read as data, never trusted as is. */
export function readReport(value: unknown): CheckReport | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const r = value as Record<string, unknown>;
  if (r.format !== 'chat-identity-lab-check' || !Array.isArray(r.checks) || typeof r.startedAt !== 'string') return undefined;
  const checks: CheckResult[] = [];
  for (const raw of r.checks) {
    if (!raw || typeof raw !== 'object') return undefined;
    const c = raw as Record<string, unknown>;
    const known = CHECKS.find((k) => k.id === c.id);
    if (!known || !['passed', 'failed', 'skipped', 'not-applicable', 'pending', 'running'].includes(String(c.status))) return undefined;
    checks.push({ id: known.id, title: known.title, status: c.status as CheckStatus, observed: Array.isArray(c.observed) ? c.observed.filter((o): o is string => typeof o === 'string') : [] });
  }
  // The vendor's name and word head the Markdown outside code: only a plain name is kept.
  const plain = (v: unknown) => (typeof v === 'string' && /^[\w .-]{1,60}$/.test(v) ? v : undefined);
  const { vendor: _vendor, account: _account, ...rest } = r;
  const named = { ...(plain(r.vendor) ? { vendor: plain(r.vendor) } : {}), ...(plain(r.account) ? { account: plain(r.account) } : {}) };
  return { ...(rest as unknown as CheckReport), ...named, checks };
}

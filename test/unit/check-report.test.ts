import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockedBy, CHECKS, type CheckReport, type CheckResult, changesSince, pendingChecks, readReport, reportJson, reportMarkdown, summaryLine, withoutSignatures } from '../../src/model/check-report';
import { HIDDEN_ATTACK, HIDDEN_CHARACTERS, hiddenIn } from '../hidden-text';
import { activeOutsideCode, REPORT_HEADINGS } from '../markdown-inert';

const result = (id: CheckResult['id'], status: CheckResult['status'], observed: string[] = []): CheckResult => ({
  id,
  title: CHECKS.find((c) => c.id === id)?.title ?? id,
  status,
  observed,
});

function report(statuses: Partial<Record<CheckResult['id'], CheckResult['status']>>, over: Partial<CheckReport> = {}): CheckReport {
  return {
    format: 'chat-identity-lab-check',
    version: 1,
    environment: { name: 'Acme staging', site: 'https://staging.acme.test', org: 'acme' },
    startedAt: '2026-11-26T10:00:00.000Z',
    durationMs: 4200,
    browser: 'Chrome 156',
    extension: '0.1.0',
    idPrefix: 'qa-check-abc123',
    checks: pendingChecks({ features: { integrationCheck: {} } }).map((c) => ({ ...c, status: statuses[c.id] ?? 'passed' })),
    ...over,
  };
}

describe('check report', () => {
  it('heads with a summary line', () => {
    expect(summaryLine(report({ history: 'failed' }))).toBe('10 passed, 1 failed, 0 skipped — Acme staging, 2026-11-26 10:00');
    expect(summaryLine(report({ refusals: 'skipped' }, { stopped: true }))).toBe('10 passed, 0 failed, 1 skipped — Acme staging, 2026-11-26 10:00 (stopped)');
    // "Does not apply" is counted apart: never a failure, never a skip.
    expect(summaryLine(report({ enforced: 'not-applicable' }))).toBe('10 passed, 0 failed, 0 skipped, 1 does not apply — Acme staging, 2026-11-26 10:00');
  });

  it('skips a check whose precondition did not pass, and says which', () => {
    const results = [result('widget', 'passed'), result('login', 'failed')];
    expect(blockedBy('carryover', results)).toBe('Skipped: it needs "Login", which failed.');
    // A refusal proves something only once a correct credential is accepted.
    expect(blockedBy('refusals', results)).toBe('Skipped: it needs "Login", which failed.');
    expect(blockedBy('enforced', [result('widget', 'passed'), result('login', 'passed')])).toBeUndefined();
    expect(blockedBy('history', [result('no-leak', 'skipped')])).toBe('Skipped: it needs "No leak between customers", which was skipped.');
    expect(blockedBy('site-tokens', [result('widget', 'failed')])).toBeUndefined();
    expect(blockedBy('widget', [])).toBeUndefined();
  });

  it('says what changed since the previous run, check by check', () => {
    expect(changesSince(undefined, report({}))).toEqual([]);
    expect(changesSince(report({}), report({ carryover: 'failed', history: 'skipped' }))).toEqual([
      'Check 8 (Chats before login are kept) passed last time, fails now.',
      'Check 10 (History follows the customer) passed last time, is skipped now.',
    ]);
    expect(changesSince(report({ enforced: 'failed' }), report({ enforced: 'not-applicable' }))).toEqual(['Check 4 (Identity verification is enforced) failed last time, does not apply now.']);
    expect(changesSince(report({ login: 'failed' }), report({}))).toEqual(['Check 2 (Login) failed last time, passes now.']);
  });

  it('writes Markdown with the environment, versions and each check with its evidence, and never a signature', () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJleHRlcm5hbElkIjoieCJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
    const r = report({ widget: 'passed' });
    r.checks[0] = { ...(r.checks[0] as CheckResult), observed: [`saw ${token}`], durationMs: 1234 };
    const markdown = reportMarkdown(r, ['Check 3 (x) passed last time, fails now.']);
    expect(markdown).toContain('**11 passed, 0 failed, 0 skipped** — ` Acme staging `, 2026-11-26 10:00');
    expect(markdown).toContain("   - _A pass proves the vendor's widget is on the page and ready");
    expect(markdown).toContain('- Org: ` acme `');
    expect(markdown).toContain('- Browser: ` Chrome 156 `');
    expect(markdown).toContain('## Since the previous run');
    expect(markdown).toContain('1. **Widget**: ✅ passed (1.2 s)');
    expect(markdown).toContain('   - ` saw eyJhbGciOiJIUzI1NiJ9.eyJleHRlcm5hbElkIjoieCJ9.(signature removed) `');
    expect(markdown).not.toContain('c2lnbmF0dXJl');
    expect(reportJson(r)).not.toContain('c2lnbmF0dXJl');
  });

  it('removes signatures from anything shaped like a JWT, and leaves other text alone', () => {
    expect(withoutSignatures('a eyJx.eyJy.zzz b')).toBe('a eyJx.eyJy.(signature removed) b');
    expect(withoutSignatures('cus_0001 and con_abc.def')).toBe('cus_0001 and con_abc.def');
    // An HMAC signature (hex SHA-256) too.
    expect(withoutSignatures(`hash ${'ab12'.repeat(16)} sent`)).toBe('hash (signature removed) sent');
  });

  it('reads stored reports back as data, refusing what is not one', () => {
    const r = report({ login: 'failed' });
    expect(readReport(JSON.parse(JSON.stringify(r)))).toEqual(r);
    expect(readReport(null)).toBeUndefined();
    expect(readReport({ ...r, format: 'x' })).toBeUndefined();
    expect(readReport({ ...r, checks: [{ id: 'nope', status: 'passed' }] })).toBeUndefined();
    expect(readReport({ ...r, checks: [{ id: 'login', status: 'exploded' }] })).toBeUndefined();
  });

  it('shows the page\'s own text inert: no link, image, HTML comment or heading from it survives', () => {
    // Markdown's active characters, often, among any other text.
    const pageText = fc.oneof(
      fc.string({ unit: fc.constantFrom('<', '!', '-', '[', ']', '(', ')', '#', '`', '*', '_', '\n', '\r', '\u2028', ':', '/', '\\', '~', '>', '=', '@', '|', 'www.', 'javascript:', 'https://', '<!--', '</details>', ' ', 'a', '8 passed, 0 failed') }),
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: 'binary' }),
    );
    fc.assert(
      fc.property(pageText, pageText, fc.array(pageText, { maxLength: 4 }), pageText, (org, name, observed, browser) => {
        const r = report({ widget: 'failed' }, { environment: { name, site: 'https://staging.acme.test', org }, browser });
        r.checks[6] = { ...(r.checks[6] as CheckResult), observed };
        const markdown = reportMarkdown(r, ['Check 3 (x) passed last time, fails now.']);
        expect(activeOutsideCode(markdown, REPORT_HEADINGS)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
    // CI is slower than a workstation and runs browsers beside it.
  }, 60_000);

  it('the inertness check itself finds what a page could slip in', () => {
    const raw = '# x\n- Org: [click](javascript:alert(1)) ![t](https://t.test/p.png) <!-- hide\n**8 passed, 0 failed**';
    expect(activeOutsideCode(raw, REPORT_HEADINGS).length).toBeGreaterThanOrEqual(4);
  });
});

describe('check report: no hidden character survives (Copy report, Download report, --markdown, --json)', () => {
  const hostile = `${HIDDEN_ATTACK} ${HIDDEN_CHARACTERS.join('|')} \u001b[2J\u0085`;
  const everywhere = () => {
    const r = report({ login: 'failed' }, { environment: { name: hostile, site: hostile, org: hostile }, browser: hostile, extension: hostile, idPrefix: hostile });
    r.checks[1] = { ...(r.checks[1] as CheckResult), observed: [hostile, `second ${hostile}`] };
    return r;
  };

  it('Markdown (what Copy report copies, with what changed): each one marked U+FFFD, the rest of the text kept', () => {
    const markdown = reportMarkdown(everywhere(), ['Check 2 (Login) passed last time, fails now.']);
    expect(hiddenIn(markdown)).toEqual([]);
    expect(markdown).toContain('- Org: ` SDK said: �dias ton� �ok� pa�id�� �end� ');
    expect(markdown).toContain('   - ` second SDK said: �dias ton�');
    expect(markdown).toContain('� �[2J� `');
  });

  it('JSON (Download report and the CLI\'s --json): each one marked U+FFFD in the text and in the values read back', () => {
    const json = reportJson(everywhere());
    expect(hiddenIn(json)).toEqual([]);
    const read = JSON.parse(json) as CheckReport;
    expect(read.environment.org).toBe(`SDK said: �dias ton� �ok� pa�id�� �end� ${HIDDEN_CHARACTERS.map(() => '�').join('|')} �[2J�`);
    expect(read.checks[1]?.observed).toEqual([read.environment.org, `second ${read.environment.org}`]);
    expect(hiddenIn(JSON.stringify(read))).toEqual([]);
    // Line breaks in what was seen are kept: JSON carries them escaped.
    const lines = report({});
    lines.checks[0] = { ...(lines.checks[0] as CheckResult), observed: ['one\ntwo\tthree'] };
    expect((JSON.parse(reportJson(lines)) as CheckReport).checks[0]?.observed).toEqual(['one\ntwo\tthree']);
  });

  it('any page text, in any field: nothing hidden in either', () => {
    const pageText = fc.oneof(fc.string({ unit: fc.constantFrom(...HIDDEN_CHARACTERS, '\u0000', '\u001b', '\r', '\n', '\uD800', 'a', ' ', '`') }), fc.string({ unit: 'binary' }));
    fc.assert(
      fc.property(pageText, pageText, fc.array(pageText, { maxLength: 3 }), (org, site, observed) => {
        const r = report({ widget: 'failed' }, { environment: { name: org, site, org }, browser: site });
        r.checks[0] = { ...(r.checks[0] as CheckResult), observed };
        expect(hiddenIn(reportMarkdown(r, [site]))).toEqual([]);
        expect(hiddenIn(reportJson(r))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});

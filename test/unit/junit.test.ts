import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import builder from 'junit-report-builder';
import { describe, expect, it } from 'vitest';
import { CHECKS, type CheckReport, type CheckResult, pendingChecks, withoutSignatures } from '../../src/model/check-report';
import { markHidden } from '../../src/model/page-text';
import { loadFailureJunit, reportJunit } from '../../src/node/junit';
import { HIDDEN_ATTACK, HIDDEN_CHARACTERS, hiddenIn } from '../hidden-text';

/**
 * Two `]]>` (the library splits only the first) and the markup that would follow the second:
 * written as it is, a well-formed file with a test case named by the page.
 */
const CDATA_ATTACK = 'SDK said ]]> once, ]]></system-out></testcase><testcase name="Injected"><system-out><![CDATA[twice';

const { DOMParser } = new JSDOM('').window;

/** The file as a CI job reads it: parsed as XML, or the test fails naming the parser's complaint. */
function parse(xml: string): Document {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  expect(doc.getElementsByTagName('parsererror')[0]?.textContent ?? 'well-formed').toBe('well-formed');
  return doc;
}

const testCases = (doc: Document) => [...doc.getElementsByTagName('testcase')];

function report(site: string, observed: Partial<Record<CheckResult['id'], string[]>>, failing: CheckResult['id'][] = []): CheckReport {
  return {
    format: 'chat-identity-lab-check',
    version: 1,
    environment: { name: 'n', site },
    startedAt: new Date(0).toISOString(),
    durationMs: 1,
    browser: 'b',
    extension: '0',
    idPrefix: 'qa-check-x',
    checks: pendingChecks({ features: { integrationCheck: {} } }).map((c) => ({ ...c, status: failing.includes(c.id) ? 'failed' : 'passed', observed: observed[c.id] ?? [] })),
  };
}

describe('JUnit report: page text stays text', () => {
  it('two ]]> and closing tags in what was seen, a failure message and the site: well-formed, one test case per check, the text round-trips', () => {
    const observed = [CDATA_ATTACK, 'second line ]]>]]>]]]>'];
    const xml = reportJunit(report(CDATA_ATTACK, { login: observed, widget: [CDATA_ATTACK] }, ['login']));
    const doc = parse(xml);
    expect(testCases(doc).map((t) => t.getAttribute('name'))).toEqual(CHECKS.map((c) => c.title));
    expect(doc.querySelector('testcase[name="Injected"]')).toBeNull();
    expect(doc.querySelector('testsuite')?.getAttribute('name')).toBe(`Kustomer chat integration check: ${CDATA_ATTACK}`);
    const login = doc.querySelector('testcase[name="Login"]');
    expect(login?.querySelector('system-out')?.textContent).toBe(observed.join('\n'));
    expect(login?.querySelector('failure')?.getAttribute('message')).toBe(`Login failed: ${observed.join(' ')}`);
    expect(doc.querySelector('testcase[name="Widget"] system-out')?.textContent).toBe(CDATA_ATTACK);
    expect(doc.getElementsByTagName('failure')).toHaveLength(1);
    expect(doc.querySelector('testsuite')?.getAttribute('tests')).toBe(String(CHECKS.length));
  });

  it('the page-did-not-load file likewise: one test case, the message and site as text', () => {
    const doc = parse(loadFailureJunit(CDATA_ATTACK, `The page did not load: ${CDATA_ATTACK}`));
    expect(testCases(doc).map((t) => t.getAttribute('name'))).toEqual(['The page loads']);
    expect(doc.querySelector('failure')?.getAttribute('message')).toBe(`The page did not load: ${CDATA_ATTACK}`);
    expect(doc.querySelector('testsuite')?.getAttribute('name')).toBe(`Kustomer chat integration check: ${CDATA_ATTACK}`);
  });

  it('any page text: well-formed, the checks and only them, what was seen read back as written (hidden characters marked)', () => {
    const pageText = fc.oneof(
      fc.string({ unit: fc.constantFrom(']]>', ']]', ']', '>', '<', '&', '"', "'", '<![CDATA[', '</system-out>', '</testcase><testcase name="Injected">', '</failure>', '\r', '\n', '\t', '\u0000', '\u001b', '\u202E', '\u200B', '\uFFFF', '\uD800', 'a', ' ', 'é', '😀') }),
      fc.string({ unit: 'binary' }),
    );
    fc.assert(
      fc.property(pageText, fc.array(pageText, { maxLength: 3 }), (site, observed) => {
        const doc = parse(reportJunit(report(site, { login: observed }, ['login'])));
        expect(testCases(doc).map((t) => t.getAttribute('name'))).toEqual(CHECKS.map((c) => c.title));
        const seen = markHidden(withoutSignatures(observed.join('\n')));
        const login = doc.querySelector('testcase[name="Login"]');
        expect(login?.querySelector('system-out')?.textContent ?? '').toBe(seen);
        expect(login?.querySelector('failure')?.getAttribute('message')).toBe(`Login failed: ${seen.replace(/\n/g, ' ')}`);
        expect(doc.querySelector('testsuite')?.getAttribute('name')).toBe(`Kustomer chat integration check: ${markHidden(site)}`);
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('no bidirectional control or zero-width character survives: each is marked U+FFFD', () => {
    const hostile = `${HIDDEN_ATTACK} ${HIDDEN_CHARACTERS.join('|')}`;
    const xml = reportJunit(report(hostile, { login: [hostile], widget: [hostile] }, ['login']));
    expect(hiddenIn(xml)).toEqual([]);
    const doc = parse(xml);
    expect(doc.querySelector('testcase[name="Widget"] system-out')?.textContent).toBe(markHidden(hostile));
    expect(doc.querySelector('testcase[name="Widget"] system-out')?.textContent).toContain('SDK said: �dias ton� �ok�');
    expect(hiddenIn(loadFailureJunit(hostile, hostile))).toEqual([]);
  });

  // The writer splits every `]]>` but the first, counting on the library to split that one. If
  // an upgrade makes the library split them all (or none), this fails: change forCdata to match.
  it('junit-report-builder itself splits only the first ]]> of a CDATA section', () => {
    const junit = builder.newBuilder();
    junit.testSuite().testCase().name('t').standardOutput('a]]>b]]>c');
    expect(junit.build()).toContain('<system-out><![CDATA[a]]]]><![CDATA[>b]]>c]]></system-out>');
  });
});

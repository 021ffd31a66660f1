/**
 * The check's report as JUnit XML, for a CI job to publish: one test case per check, named
 * after the promise it checks, a failure per failed check. Written by junit-report-builder
 * (which escapes attributes, and CDATA only in part: see forCdata); page text is made
 * signature-free and its hidden characters marked first (model/page-text).
 */
import builder from 'junit-report-builder';
import { CHECKS, type CheckReport, heading, withoutSignatures } from '../model/check-report';
import { markHidden } from '../model/page-text';

/** The longest failure message, in characters (code points, so no surrogate pair is cut). */
const MESSAGE_LIMIT = 2000;

/**
 * Page text for the XML. markHidden also turns what XML 1.0 forbids even escaped (most control
 * characters, lone surrogates, U+FFFE/U+FFFF) into U+FFFD, where the library would silently
 * delete it (its invalidCharReplacement is '').
 */
const xmlText = (text: string) => markHidden(withoutSignatures(text));

/**
 * Text for a CDATA section (system-out), so that no `]]>` in it ends the section early.
 * junit-report-builder 5.1.2 hands CDATA to xmlbuilder 15, whose `stringify.cdata` splits only
 * the first `]]>` (String.replace with a string pattern): a second would close the section and
 * let the page write elements of its own. The library splits the first; this splits every
 * later one the same way (`]]]]><![CDATA[>`). Splitting the first too would split it twice and
 * show the split in the text. test/unit/junit.test.ts pins the library's behaviour.
 */
function forCdata(text: string): string {
  const first = text.indexOf(']]>');
  if (first < 0) return text;
  const end = first + ']]>'.length;
  return text.slice(0, end) + text.slice(end).replaceAll(']]>', ']]]]><![CDATA[>');
}

export function reportJunit(report: CheckReport): string {
  const junit = builder.newBuilder();
  const site = xmlText(report.environment.site);
  const suite = junit.testSuite().name(`${heading(report)}: ${site}`).timestamp(report.startedAt).time(report.durationMs / 1000);
  for (const check of report.checks) {
    const spec = CHECKS.find((c) => c.id === check.id);
    // Named after the promise (the check's own title, never a stored one), what a pass proves first.
    const title = xmlText(spec?.title ?? check.title);
    const observed = xmlText(check.observed.join('\n'));
    const test = suite.testCase().className('chat-identity-lab').name(title).time((check.durationMs ?? 0) / 1000);
    if (spec) test.property('proves', spec.proves);
    if (observed) test.standardOutput(forCdata(observed));
    // The message names the promise and carries what was seen (the body has it line by line).
    // It is an attribute, which the library escapes in full.
    if (check.status === 'failed') test.failure(Array.from(`${title} failed: ${observed.replace(/\n/g, ' ')}`).slice(0, MESSAGE_LIMIT).join(''), 'check-failed');
    // "Does not apply" is no failure: a skipped case, its reason in its output.
    else if (check.status !== 'passed') test.skipped();
  }
  return junit.build();
}

/** When the page never loaded, the report is this one failure, so the CI job still shows why. */
export function loadFailureJunit(site: string, message: string, vendor?: string): string {
  const junit = builder.newBuilder();
  const suite = junit.testSuite().name(`${heading({ vendor })}: ${xmlText(site)}`);
  suite.testCase().className('chat-identity-lab').name('The page loads').failure(xmlText(message), 'page-did-not-load');
  return junit.build();
}

/**
 * The check's report as JUnit XML, for a CI job to publish: one test case per check, named
 * after the promise it checks, a failure per failed check. Written by junit-report-builder
 * (which escapes XML); page text is made XML-safe and signature-free first.
 */
import builder from 'junit-report-builder';
import { type CheckReport, withoutSignatures } from '../model/check-report';

/** XML 1.0 forbids most control characters even escaped: they become U+FFFD. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced.
const xmlSafe = (text: string) => withoutSignatures(text).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\uFFFD');

export function reportJunit(report: CheckReport): string {
  const junit = builder.newBuilder();
  const site = xmlSafe(report.environment.site);
  const suite = junit.testSuite().name(`Kustomer chat integration check: ${site}`).timestamp(report.startedAt).time(report.durationMs / 1000);
  for (const check of report.checks) {
    const observed = xmlSafe(check.observed.join('\n'));
    const test = suite.testCase().className('chat-identity-lab').name(check.title).time((check.durationMs ?? 0) / 1000);
    if (observed) test.standardOutput(observed);
    // The message names the promise and carries what was seen (the body has it line by line).
    if (check.status === 'failed') test.failure(`${check.title} failed: ${observed.replace(/\n/g, ' ')}`.slice(0, 2000), 'check-failed');
    else if (check.status !== 'passed') test.skipped();
  }
  return junit.build();
}

/** When the page never loaded, the report is this one failure, so the CI job still shows why. */
export function loadFailureJunit(site: string, message: string): string {
  const junit = builder.newBuilder();
  const suite = junit.testSuite().name(`Kustomer chat integration check: ${xmlSafe(site)}`);
  suite.testCase().className('chat-identity-lab').name('The page loads').failure(xmlSafe(message), 'page-did-not-load');
  return junit.build();
}

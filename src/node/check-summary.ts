/**
 * The integration check's report as a terminal shows it: plain text, read at a glance. One
 * headline per check (passed, failed or skipped, and the promise it checks) at the margin, what
 * was seen indented under it. The Markdown report (--markdown) is for a ticket; in a terminal
 * its code spans and asterisks are noise.
 *
 * Text from the page stays data here too: hidden and control characters become U+FFFD
 * (forTerminal, from model/page-text), no token keeps its signature, and a line break in page
 * text continues the indented block, so the page cannot write a headline of its own.
 */
import { accountWord, type CheckReport, type CheckStatus, countLine, heading, titleOf, withoutSignatures } from '../model/check-report';
import { forTerminal } from './cli-kit';

// A check still running in a final report is one the tester stopped.
const STATUS: Record<CheckStatus, string> = { passed: 'passed', failed: 'failed', skipped: 'skipped', 'not-applicable': 'n/a', pending: 'not run', running: 'stopped' };
const HEADLINE_WIDTH = Math.max(...Object.values(STATUS).map((s) => s.length)) + 2;
/** What was seen starts under the check's title. */
const INDENT = ' '.repeat(HEADLINE_WIDTH);

/** Lines of the summary are kept to this many columns where words allow: a terminal's soft wrap would lose the indent. */
const WIDTH = 100;

/** `line` cut at spaces into lines of at most `width` characters (a longer word stays whole). */
function wrapped(line: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current !== '' && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else current = current === '' ? word : `${current} ${word}`;
  }
  return [...lines, current];
}

/** Page text for one indented block: every line break (also U+2028/U+2029) and every wrap starts another indented line. */
function indented(text: string): string {
  return forTerminal(withoutSignatures(text))
    .split(/\n|\u2028|\u2029/)
    .flatMap((line) => wrapped(line, WIDTH - INDENT.length))
    .map((line) => `${INDENT}${line}`)
    .join('\n');
}

/** One value in a header line: page text (the org, the site) kept on that line. */
const inline = (text: string) => forTerminal(withoutSignatures(text)).replace(/[\n\u2028\u2029]/g, ' ');

/** The site's host, to tell whether the report's name says more than its site does. */
function hostOf(site: string): string | undefined {
  try {
    return new URL(site).host;
  } catch {
    return undefined;
  }
}

export function checkSummary(report: CheckReport): string {
  const env = report.environment;
  const lines = [
    `${heading(report)}: ${countLine(report.checks)}${report.stopped ? ' (stopped)' : ''}`,
    `  ${inline(env.site)}${env.name === hostOf(env.site) ? '' : ` (${inline(env.name)})`}${env.org === undefined ? '' : `, ${accountWord(report)} ${inline(env.org)}`}`,
    `  ${inline(report.browser)}, ${(report.durationMs / 1000).toFixed(1)} s; test customers' ids start ${inline(report.idPrefix)}`,
    '',
  ];
  for (const check of report.checks) {
    // The title is the promise's own (CHECKS), never a stored or page-given one.
    const title = titleOf(check.id);
    const took = check.durationMs !== undefined ? ` (${(check.durationMs / 1000).toFixed(1)} s)` : '';
    lines.push(`${(STATUS[check.status] ?? 'unknown').padEnd(HEADLINE_WIDTH)}${title}${took}`);
    for (const seen of check.observed) lines.push(indented(seen));
  }
  return `${lines.join('\n')}\n`;
}

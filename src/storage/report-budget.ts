import type { CheckReport, CheckResult } from '../model/check-report';

/**
 * The budget of the integration-check reports kept per environment: every field capped, and
 * the list kept newest first within KEPT_REPORTS and REPORTS_BUDGET_BYTES, oldest dropped.
 * A report carries page text (org names, SDK messages), so without a bound one page could fill
 * storage.local's quota and break saving anything else. Pure: core/check-reports stores it.
 */
export const KEPT_REPORTS = 20;
/** All of one environment's reports together, as stored JSON. */
export const REPORTS_BUDGET_BYTES = 256 * 1024;
export const REPORT_LIMITS = { text: 200, line: 500, lines: 30 } as const;

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The report with every text capped. */
export function boundReport(report: CheckReport): CheckReport {
  const { name, site, org } = report.environment;
  return {
    ...report,
    environment: { name: cut(name, REPORT_LIMITS.text), site: cut(site, REPORT_LIMITS.text), ...(org !== undefined ? { org: cut(org, REPORT_LIMITS.text) } : {}) },
    browser: cut(report.browser, REPORT_LIMITS.text),
    extension: cut(report.extension, REPORT_LIMITS.text),
    idPrefix: cut(report.idPrefix, REPORT_LIMITS.text),
    checks: report.checks.map(
      (check): CheckResult => ({ ...check, observed: check.observed.slice(0, REPORT_LIMITS.lines).map((line) => cut(line, REPORT_LIMITS.line)) }),
    ),
  };
}

/** What to store after `report`: it first, then the previous ones while the budget lasts. */
export function keptReports(report: CheckReport, previous: CheckReport[]): CheckReport[] {
  const kept: CheckReport[] = [];
  let bytes = 2;
  for (const entry of [report, ...previous].slice(0, KEPT_REPORTS).map(boundReport)) {
    bytes += JSON.stringify(entry).length + 1;
    if (bytes > REPORTS_BUDGET_BYTES) break;
    kept.push(entry);
  }
  return kept;
}

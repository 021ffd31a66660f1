import type { Finding, Severity } from '../jwt/token-findings';

const SEVERITY_LABEL: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Note' };

/** The findings, worst first; each reads "Error: …" to a screen reader as on screen. */
export function FindingList({ findings, vendorName }: { findings: Finding[]; vendorName?: string }) {
  return (
    <section aria-labelledby="findings-heading">
      <h2 id="findings-heading">Findings</h2>
      {findings.length === 0 ? <p class="muted">Nothing to fix: this is a well-formed {vendorName} chat token.</p> : null}
      <ul class="findings" aria-label="Findings">
        {findings.map((finding) => (
          <li key={`${finding.id}-${finding.message}`} class={`finding-${finding.severity}`}>
            <strong class="severity">{SEVERITY_LABEL[finding.severity]}:</strong> {finding.message}
          </li>
        ))}
      </ul>
    </section>
  );
}

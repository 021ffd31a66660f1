import { CHECKS, type CheckResult } from '../model/check-report';
import { markHidden } from '../model/page-text';

const RESULT_LABEL: Record<CheckResult['status'], string> = { pending: 'waiting', running: 'running…', passed: 'passed', failed: 'failed', skipped: 'skipped', 'not-applicable': 'does not apply' };

/**
 * The checks as they run, each with what was seen. Preact renders the page's text as text, but
 * a bidirectional override or zero-width character in it would still change how the evidence
 * reads: those are marked as in every report (model/page-text).
 */
export function CheckList({ checks }: { checks: CheckResult[] }) {
  return (
    <section aria-labelledby="checks-heading">
      <h2 id="checks-heading">Checks</h2>
      <ol class="checks" aria-label="Checks">
        {checks.map((check) => (
          <li key={check.id} class={`check-${check.status}`} aria-label={check.title}>
            <strong>{check.title}</strong>
            <span class="result">{RESULT_LABEL[check.status]}</span>
            {check.durationMs !== undefined && <span class="muted"> {(check.durationMs / 1000).toFixed(1)} s</span>}
            <p class="muted proves">A pass proves {CHECKS.find((c) => c.id === check.id)?.proves ?? 'nothing known'}.</p>
            {check.observed.length > 0 && (
              <ul>
                {check.observed.map((line) => (
                  <li key={line}>{markHidden(line)}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

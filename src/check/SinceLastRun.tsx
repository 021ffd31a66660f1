import type { CheckReport } from '../model/check-report';
import { markHidden } from '../model/page-text';

/** The result that spots a regression: first on the page, under its own heading; the environment's name shown as data (markHidden). */
export function SinceLastRun({ environmentName, previous, changes }: { environmentName: string; previous?: CheckReport; changes: string[] }) {
  return (
    <section aria-labelledby="changes-heading" class="since">
      <h2 id="changes-heading">What changed since the last run</h2>
      {!previous ? (
        <p class="muted">This is the first run kept for {markHidden(environmentName)}: the next run says here what changed.</p>
      ) : changes.length > 0 ? (
        <ul aria-label="Since the previous run">
          {changes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      ) : (
        <p>Nothing: every check has the same result as in the run of {previous.startedAt.slice(0, 16).replace('T', ' ')}.</p>
      )}
    </section>
  );
}

import { markHidden } from '../model/page-text';
import type { Environment } from '../model/schema';

/** Which site, environment and org the check runs against; names shown as data (markHidden), as in the report. */
export function PageUnderTest({ site, environment }: { site?: string; environment: Environment }) {
  return (
    <section aria-label="Page under test" class="target">
      <dl>
        <dt>Site</dt>
        <dd class="mono">{site ?? 'not visible to the extension'}</dd>
        <dt>Environment</dt>
        <dd>{markHidden(environment.name)}</dd>
        {environment.orgName && (
          <>
            <dt>Org</dt>
            <dd class="mono">{markHidden(environment.orgName)}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

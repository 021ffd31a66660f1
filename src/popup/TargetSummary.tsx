import type { PopupController } from './usePopup';

/** Which page the popup acts on, and the environment (with its chat vendor) that covers it. */
export function TargetSummary({ popup }: { popup: PopupController }) {
  const { context, environment, environmentId, org, orgWarning, site } = popup;
  return (
    <section class="target" aria-label="Page under test">
      <dl>
        <dt>Site</dt>
        <dd title={site}>{context ? (site ?? 'not visible to the extension') : 'Loading…'}</dd>
        <dt>Environment</dt>
        <dd class="env" title={environment ? [environment.name, org && `org ${org}`].filter(Boolean).join(' · ') : undefined}>
          {context && context.matches.length > 1 ? (
            <select aria-label="Environment" value={environmentId} onChange={(e) => popup.setEnvironmentId(e.currentTarget.value)}>
              {context.matches.map((m) => (
                <option key={m.environment.id} value={m.environment.id}>
                  {m.environment.name}
                </option>
              ))}
            </select>
          ) : (
            (environment?.name ?? (context ? 'none' : '…'))
          )}
          {environment && environment.vendor !== 'kustomer' && <span class="muted"> · {popup.vendor.name}</span>}
          {/* On the environment's line, not a row of its own: it arrives late and must move nothing. */}
          {org && <span class="muted"> · org {org}</span>}
        </dd>
      </dl>
      {orgWarning && <p class="warning">{orgWarning}</p>}
      {context !== undefined && context.unreadable > 0 && (
        <p class="warning">{context.unreadable} stored record(s) could not be read and are ignored; see Options.</p>
      )}
    </section>
  );
}

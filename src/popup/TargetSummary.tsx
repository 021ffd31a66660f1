import type { Environment } from '../model/schema';
import type { PopupContext } from './target';

interface TargetSummaryProps {
  /** Undefined until storage and the tab have answered. */
  context?: PopupContext;
  site?: string;
  environment?: Environment;
  onEnvironment: (id: string) => void;
  vendorName: string;
  /** The account the page's chat belongs to, in the vendor's word for it ("org acme"), once the page said. */
  account?: string;
  accountWarning?: string;
}

/** Which page the popup acts on, the environment that covers it, and its chat vendor (and account): one line each, whatever arrives. */
export function TargetSummary({ context, site, environment, onEnvironment, vendorName, account, accountWarning }: TargetSummaryProps) {
  return (
    <section class="target" aria-label="Page under test">
      <dl>
        <dt>Site</dt>
        <dd title={site}>{context ? (site ?? 'not visible to the extension') : 'Loading…'}</dd>
        <dt>Environment</dt>
        <dd title={environment?.name}>
          {context && context.matches.length > 1 ? (
            <select aria-label="Environment" value={environment?.id} onChange={(e) => onEnvironment(e.currentTarget.value)}>
              {context.matches.map((m) => (
                <option key={m.environment.id} value={m.environment.id}>
                  {m.environment.name}
                </option>
              ))}
            </select>
          ) : (
            (environment?.name ?? (context ? 'none' : '…'))
          )}
        </dd>
        {/* Known from the first paint (the page is the vendor's); the account arrives late, on this line, moving nothing. */}
        <dt>Chat</dt>
        <dd title={[vendorName, account].filter(Boolean).join(' · ')}>
          {vendorName}
          {account && <span class="muted"> · {account}</span>}
        </dd>
      </dl>
      {accountWarning && <p class="warning">{accountWarning}</p>}
      {context !== undefined && context.unreadable > 0 && (
        <p class="warning">{context.unreadable} stored record(s) could not be read and are ignored; see Options.</p>
      )}
    </section>
  );
}

import { useRef } from 'preact/hooks';
import { filterIdentities } from '../model/identity';
import type { Identity, IdentityResult } from '../model/schema';

interface IdentityListProps {
  /** Already in most-recently-used order. */
  identities: Identity[];
  filter: string;
  onFilter: (filter: string) => void;
  onLogin: (identity: Identity) => void;
  disabled: boolean;
  /** Shown in the list's place when there is no list yet (loading, or no environment). */
  empty?: string;
}

function time(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export function resultLine(result: IdentityResult | undefined): string {
  if (!result) return 'not used yet';
  if (!result.ok) return `${time(result.at)} · failed`;
  const parts = [time(result.at)];
  if (result.customerId) parts.push(result.customerId);
  if (result.conversationCount !== undefined) parts.push(`${result.conversationCount} conversation${result.conversationCount === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

/**
 * The current environment's saved identities, one "Log in as LABEL" button each. Keyboard:
 * type to filter, Enter logs in as the first match, arrows move between identities.
 */
/** More buttons than this help nobody and slow the popup: the filter finds the rest. */
export const MAX_SHOWN = 50;

export function IdentityList({ identities, filter, onFilter, onLogin, disabled, empty }: IdentityListProps) {
  const listRef = useRef<HTMLUListElement>(null);
  const matches = filterIdentities(identities, filter);
  const shown = matches.slice(0, MAX_SHOWN);
  const buttons = () => [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button[data-identity]') ?? [])];

  function onListKey(event: KeyboardEvent) {
    const all = buttons();
    const at = all.indexOf(event.target as HTMLButtonElement);
    if (at < 0) return;
    let next: number | undefined;
    if (event.key === 'ArrowDown') next = Math.min(at + 1, all.length - 1);
    else if (event.key === 'ArrowUp') next = at - 1;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = all.length - 1;
    if (next === undefined) return;
    event.preventDefault();
    if (next < 0) document.getElementById('identity-filter')?.focus();
    else all[next]?.focus();
  }

  return (
    <section class="identities" aria-labelledby="identities-heading">
      <h2 id="identities-heading">Identities</h2>
      <div class="field">
        <label for="identity-filter">Filter identities</label>
        <input
          id="identity-filter"
          type="search"
          value={filter}
          autoComplete="off"
          placeholder="label, id, email or note"
          aria-controls="identity-list"
          onInput={(e) => onFilter(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              buttons()[0]?.focus();
            } else if (e.key === 'Enter') {
              e.preventDefault();
              const first = shown[0];
              if (first && !disabled) onLogin(first);
            }
          }}
        />
      </div>
      {/* A box of fixed height: the list arriving from storage moves nothing below it. */}
      <div class="identity-box">
      {(empty || shown.length === 0) && <p class="muted">{empty ?? (filter ? `No identity matches "${filter}".` : 'No saved identities yet.')}</p>}
      <ul id="identity-list" class="identity-list" ref={listRef} onKeyDown={onListKey} aria-label="Saved identities">
        {shown.map((identity) => (
          <li key={identity.id}>
            {/* aria-disabled, not disabled: a disabled button drops keyboard focus mid-switch. */}
            <button type="button" data-identity={identity.id} aria-disabled={disabled ? true : undefined} onClick={() => !disabled && onLogin(identity)}>
              Log in as {identity.label}
            </button>
            <span class="identity-meta">
              {[identity.email, identity.externalId].filter(Boolean).join(' · ')}
              <br />
              <span class={identity.lastResult && !identity.lastResult.ok ? 'failed' : ''}>{resultLine(identity.lastResult)}</span>
              {identity.note && <span class="muted"> — {identity.note}</span>}
            </span>
          </li>
        ))}
      </ul>
      {matches.length > shown.length && (
        <p class="muted">
          {matches.length - shown.length} more: type in the filter to find them.
        </p>
      )}
      </div>
    </section>
  );
}

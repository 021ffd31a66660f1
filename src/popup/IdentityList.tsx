import { useRef, useState } from 'preact/hooks';
import { filterIdentities } from '../model/identity';
import type { Identity, IdentityResult } from '../model/schema';
import type { IdentityLookup } from '../model/vendor';

interface IdentityListProps {
  /** In the order they were loaded in: a used identity keeps its place while the popup is open. */
  identities: Identity[];
  filter: string;
  onFilter: (filter: string) => void;
  onLogin: (identity: Identity) => void;
  disabled: boolean;
  /** Shown in the list's place when there is no list yet (loading, or no environment). */
  empty?: string;
  /** Who the last command left logged in on this tab: marked in the list. */
  current?: IdentityLookup;
}

/** Whether a saved identity is the one the lookup names (the vendor logs in by email first, else by id). */
const isCurrent = (identity: Identity, lookup: IdentityLookup | undefined) =>
  lookup !== undefined && ('email' in lookup ? identity.email !== '' && identity.email.toLowerCase() === lookup.email.toLowerCase() : identity.externalId !== '' && identity.externalId === lookup.externalId);

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

/** More buttons than this help nobody and slow the popup: the filter finds the rest. */
export const MAX_SHOWN = 50;

/**
 * The current environment's saved identities, one line and one "Log in as LABEL" button each.
 * Keyboard: type to filter, Enter logs in as the first match; the list is one Tab stop (roving
 * tabindex) with the arrows, Home and End inside it, and Enter logs in.
 */
export function IdentityList({ identities, filter, onFilter, onLogin, disabled, empty, current: loggedIn }: IdentityListProps) {
  const listRef = useRef<HTMLUListElement>(null);
  const [active, setActive] = useState(0);
  const matches = filterIdentities(identities, filter);
  const shown = matches.slice(0, MAX_SHOWN);
  const current = Math.min(active, shown.length - 1);
  const focusAt = (at: number) => {
    setActive(at);
    listRef.current?.querySelectorAll<HTMLButtonElement>('button')[at]?.focus();
  };

  function onListKey(event: KeyboardEvent) {
    const last = shown.length - 1;
    const next = { ArrowDown: Math.min(current + 1, last), ArrowUp: current - 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    if (next < 0) document.getElementById('identity-filter')?.focus();
    else focusAt(next);
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
          onInput={(e) => {
            setActive(0);
            onFilter(e.currentTarget.value);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              focusAt(Math.max(current, 0));
            } else if (e.key === 'Enter') {
              e.preventDefault();
              const first = shown[0];
              if (first && !disabled) onLogin(first);
            }
          }}
        />
      </div>
      {(empty || shown.length === 0) && <p class="muted list-empty">{empty ?? (filter ? `No identity matches "${filter}".` : 'No saved identities yet.')}</p>}
      <ul id="identity-list" class="identity-list" ref={listRef} onKeyDown={onListKey} aria-label="Saved identities">
        {shown.map((identity, at) => {
          const now = isCurrent(identity, loggedIn);
          return (
          <li key={identity.id} class={now ? 'current' : undefined} title={[identity.label, identity.email, identity.externalId, identity.note].filter(Boolean).join(' · ')}>
            {/* aria-disabled, not disabled: a disabled button drops keyboard focus mid-switch. */}
            <button
              type="button"
              data-identity={identity.id}
              tabIndex={at === current ? 0 : -1}
              aria-disabled={disabled ? true : undefined}
              aria-current={now ? 'true' : undefined}
              onFocus={() => setActive(at)}
              onClick={() => !disabled && onLogin(identity)}>
              Log in as {identity.label}
            </button>
            {/* What tells identities apart first (their id or email), then how the last use went. */}
            <span class={`identity-meta${identity.lastResult && !identity.lastResult.ok ? ' failed' : ''}`}>
              {now && <strong>logged in now · </strong>}
              {identity.email || identity.externalId} · {resultLine(identity.lastResult)}
            </span>
          </li>
          );
        })}
      </ul>
      {matches.length > shown.length && <p class="muted">{matches.length - shown.length} more: type in the filter to find them.</p>}
    </section>
  );
}

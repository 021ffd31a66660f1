import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { type SeenToken, seenKey, seenOn } from '../../actions/tab-state';

interface SeenOnPageProps {
  tabId: number;
  /** The page's origin and environment: only tokens seen there are listed. */
  origin: string | undefined;
  environmentId: string | undefined;
  onInspect: (token: string) => void;
}

/** Tokens the site's own code passed to the widget's login on this tab, newest first. */
export function SeenOnPage({ tabId, origin, environmentId, onInspect }: SeenOnPageProps) {
  const [seen, setSeen] = useState<SeenToken[]>([]);

  useEffect(() => {
    const scope = { origin, environmentId };
    void seenOn(tabId, scope).then(setSeen);
    const listener = (changes: Record<string, browser.Storage.StorageChange>, area: string) => {
      if (area === 'session' && seenKey(tabId) in changes) void seenOn(tabId, scope).then(setSeen);
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  }, [tabId, origin, environmentId]);

  if (seen.length === 0) return null;
  return (
    <section class="seen" aria-label="Seen on this page">
      <h2>Seen on this page</h2>
      <ul class="seen-list">
        {seen.map((item) => (
          <li key={`${item.at}-${item.token.slice(-12)}`}>
            <span class="muted">{new Date(item.at).toLocaleTimeString()}</span> {item.who ?? 'no identity claim'}
            <br />
            <span class={`seen-finding ${item.worst?.severity ?? 'ok'}`}>{item.worst ? item.worst.message : 'No problems found.'}</span>{' '}
            <button type="button" class="link" onClick={() => onInspect(item.token)}>
              Inspect
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { error, type Outcome } from '../model/outcome';
import type { Identity } from '../model/schema';
import { keepOrder } from './keep-order';
import { messageOf } from './popup-logic';
import { loadIdentities, type PopupContext } from './target';

/**
 * The chosen environment's saved identities, read again whenever storage changes (context),
 * in a stable order while the popup is open (keep-order.ts).
 */
export function useIdentities(context: PopupContext | undefined, environmentId: string | undefined, failed: boolean, onProblem: (problem: Outcome) => void) {
  const [identities, setIdentities] = useState<Identity[]>([]);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    if (failed) setLoaded(true);
    if (!environmentId) {
      setIdentities([]);
      if (context) setLoaded(true);
      return;
    }
    loadIdentities(environmentId)
      .then(
        (found) => setIdentities((shown) => keepOrder(shown, found.identities)),
        (caught) => onProblem(error(`Could not read the saved identities: ${messageOf(caught)}`)),
      )
      .finally(() => setLoaded(true));
  }, [environmentId, context, failed]);

  /**
   * Once storage and the tab have answered and the identities are shown: marked for the bench
   * and DevTools, and as data-loaded on #app for a tester's automation (the controls take input
   * before that; this says what they show is final). Focus goes where a tester starts.
   */
  useEffect(() => {
    if (!loaded) return;
    performance.mark('popup-loaded');
    document.getElementById('app')?.setAttribute('data-loaded', '');
    if (document.activeElement === document.body) document.querySelector<HTMLElement>(identities.length ? '#identity-filter' : 'form input')?.focus();
  }, [loaded]);

  return {
    identities,
    loaded,
    /** A saved identity as updated with its last result (stored already), in its place. */
    showUsed: (used: Identity | undefined) => {
      if (used) setIdentities((list) => list.map((i) => (i.id === used.id ? used : i)));
    },
    add: (identity: Identity) => setIdentities((list) => [...list, identity]),
  };
}

import { type EnvironmentMatch, environmentsFor } from '../model/environment-match';
import { store } from '../storage/extension-store';
import { sortIdentities } from '../model/identity';
import type { Environment, Identity, Settings } from '../model/schema';
import { noEnvironmentOutcome, type Outcome, reachOutcome } from '../model/outcome';
import { findTargetPage, probePage, ReachError, type TargetPage } from '../page-bridge/target-page';
import { loadProfiles } from '../vendors/registry';

/** Everything the popup needs to know before the tester clicks anything. */
export interface PopupContext {
  target?: TargetPage;
  matches: EnvironmentMatch[];
  settings: Settings;
  /** Why nothing can be done on this page yet, shown as soon as the popup opens. */
  problem?: Outcome;
  /** Stored environments that could not be read (reported, not used). */
  unreadable: number;
  /** Every readable environment (to tell which one a page's org belongs to). */
  environments: Environment[];
}

/** The matched environment's saved identities, most recently used first. */
export async function loadIdentities(environmentId: string): Promise<{ identities: Identity[]; unreadable: number }> {
  const snapshot = await store.identities(environmentId);
  return { identities: sortIdentities(snapshot.identities), unreadable: snapshot.unreadable.length };
}

export async function loadPopupContext(tabIdParam: string | null): Promise<PopupContext> {
  // Storage and the tab in parallel: each is a round trip to the browser.
  const [snapshot, settings, found] = await Promise.all([
    store.environments(),
    store.settings(),
    findTargetPage(tabIdParam).then(
      (target) => ({ target }),
      (caught: unknown) => ({ caught }),
    ),
  ]);
  const unreadable = snapshot.unreadable.length + snapshot.setAside.length;
  const { environments } = snapshot;
  if (!('target' in found)) {
    const problem = found.caught instanceof ReachError ? reachOutcome(found.caught.problem) : undefined;
    return { matches: [], settings, problem, unreadable, environments };
  }
  const target: TargetPage = found.target;
  const matches = target.url ? environmentsFor(target.url, snapshot.environments) : [];
  // The default vendor's profile is part of the first paint; another vendor's is fetched now (a few ms).
  if (matches.length > 0) {
    await loadProfiles(matches.map((m) => m.environment.vendor));
    return { target, matches, settings, unreadable, environments };
  }
  if (target.url === undefined) {
    // Chrome hides the address of browser pages and of sites we have no access to: find out which.
    try {
      await probePage(target);
    } catch (caught) {
      if (caught instanceof ReachError) return { target, matches, settings, unreadable, environments, problem: reachOutcome(caught.problem) };
    }
  }
  return { target, matches, settings, unreadable, environments, problem: noEnvironmentOutcome(target.url) };
}

import { store } from '../storage/extension-store';
import type { EnvironmentsSnapshot } from '../storage/storage';

/** The environments as stored, for a page that lists them (the inspector's "check with"): readable ones, and what could not be read. */
export function storedEnvironments(): Promise<EnvironmentsSnapshot> {
  return store.environments();
}

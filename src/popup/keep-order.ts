import type { Identity } from '../model/schema';

/**
 * The identities read again from storage, in the order the popup already shows them: a used
 * or edited identity keeps its place while the popup is open; new ones come last.
 */
export function keepOrder(shown: Identity[], read: Identity[]): Identity[] {
  const at = new Map(shown.map((identity, n) => [identity.id, n]));
  const place = (identity: Identity) => at.get(identity.id) ?? shown.length;
  return [...read].sort((a, b) => place(a) - place(b));
}

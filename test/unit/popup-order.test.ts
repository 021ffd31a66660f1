import { describe, expect, it } from 'vitest';
import type { Identity } from '../../src/model/schema';
import { keepOrder } from '../../src/popup/keep-order';

const identity = (id: string, lastUsedAt?: number): Identity => ({ id, label: id, externalId: id, email: '', note: '', createdAt: 1, lastUsedAt });

describe('the popup keeps its list order while open', () => {
  it('a used identity read again from storage keeps its place; new ones come last, in storage order', () => {
    const shown = [identity('a'), identity('b'), identity('c')];
    // Storage now sorts "c" first (just used), and has a new "d" and "e"; "b" was deleted.
    const read = [identity('c', 9), identity('d'), identity('e'), identity('a')];
    expect(keepOrder(shown, read).map((i) => i.id)).toEqual(['a', 'c', 'd', 'e']);
    expect(keepOrder(shown, read)[1]?.lastUsedAt).toBe(9);
  });

  it('with nothing shown yet (first load, another environment), storage order is kept', () => {
    expect(keepOrder([], [identity('z'), identity('y')]).map((i) => i.id)).toEqual(['z', 'y']);
  });
});

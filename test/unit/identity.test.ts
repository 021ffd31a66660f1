import { describe, expect, it } from 'vitest';
import { filterIdentities, identityFromDraft, lastUsed, randomIdentity, resultOf, sortIdentities } from '../../src/model/identity';
import type { Identity } from '../../src/model/schema';
import { isEmail } from '../../src/vendors/kustomer/claims';

const base = (id: string, label: string, extra: Partial<Identity> = {}): Identity => ({
  id,
  label,
  externalId: '',
  email: '',
  note: '',
  createdAt: 0,
  ...extra,
});

describe('identityFromDraft', () => {
  it('trims and keeps a valid identity', () => {
    const result = identityFromDraft({ label: ' VIP ', externalId: ' cust-1 ', email: '', note: ' 3 chats ' }, [], 10);
    expect(result).toEqual({ ok: true, identity: { id: expect.any(String), label: 'VIP', externalId: 'cust-1', email: '', note: '3 chats', createdAt: 10 } });
  });

  it('reports a missing label, a missing identity and a bad email together', () => {
    expect(identityFromDraft({ label: '', externalId: '', email: '', note: '' }, [])).toEqual({
      ok: false,
      errors: { label: expect.stringContaining('Give the identity a label'), identity: expect.stringContaining('External ID or an Email') },
    });
    expect(identityFromDraft({ label: 'x', externalId: '', email: 'bad@', note: '' }, [])).toMatchObject({
      ok: false,
      errors: { email: expect.stringContaining('not an email address') },
    });
  });

  it('refuses a label already used in the environment, but lets an identity keep its own', () => {
    const existing = [base('i1', 'VIP', { externalId: 'a' })];
    expect(identityFromDraft({ label: 'vip', externalId: 'b', email: '', note: '' }, existing)).toMatchObject({
      ok: false,
      errors: { label: 'The label "vip" is taken in this environment: choose another.' },
    });
    const edited = identityFromDraft({ id: 'i1', label: 'VIP', externalId: 'c', email: '', note: '' }, existing);
    expect(edited).toMatchObject({ ok: true, identity: { id: 'i1', externalId: 'c' } });
  });

  it('keeps the history of an edited identity', () => {
    const existing = [base('i1', 'VIP', { externalId: 'a', createdAt: 5, lastUsedAt: 9, lastResult: { at: 9, ok: true } })];
    const edited = identityFromDraft({ id: 'i1', label: 'VIP 2', externalId: 'a', email: '', note: '' }, existing, 100);
    expect(edited).toMatchObject({ ok: true, identity: { createdAt: 5, lastUsedAt: 9, lastResult: { at: 9, ok: true } } });
  });
});

describe('sortIdentities', () => {
  it('puts the most recently used first, counting a never-used one from its creation', () => {
    const list = [
      base('old', 'Old', { createdAt: 1, lastUsedAt: 5 }),
      base('new', 'New', { createdAt: 7 }),
      base('recent', 'Recent', { createdAt: 1, lastUsedAt: 9 }),
      base('b', 'B', { createdAt: 2 }),
      base('a', 'A', { createdAt: 2 }),
    ];
    expect(sortIdentities(list).map((i) => i.id)).toEqual(['recent', 'new', 'old', 'a', 'b']);
  });
});

describe('filterIdentities', () => {
  const list = [
    base('1', 'VIP with 3 open chats', { externalId: 'cust-vip', note: 'gold tier' }),
    base('2', 'New customer', { email: 'fresh@example.test' }),
    base('3', 'Refund case', { externalId: 'cust-42', email: 'refund@example.test', note: 'VIP escalation' }),
  ];
  it.each([
    ['', ['1', '2', '3']],
    ['vip', ['1', '3']],
    ['VIP', ['1', '3']],
    ['cust-42', ['3']],
    ['example.test', ['2', '3']],
    ['gold', ['1']],
    ['vip escalation', ['3']],
    ['  new   customer ', ['2']],
    ['nothing-matches', []],
  ])('%j → %j', (query, ids) => {
    expect(filterIdentities(list, query).map((i) => i.id)).toEqual(ids);
  });
});

describe('lastUsed', () => {
  it('is the identity with the latest use, or none', () => {
    expect(lastUsed([base('a', 'A'), base('b', 'B', { lastUsedAt: 3 }), base('c', 'C', { lastUsedAt: 2 })])?.id).toBe('b');
    expect(lastUsed([base('a', 'A')])).toBeUndefined();
  });
});

describe('randomIdentity', () => {
  it('is clearly fake, valid, and different each time', () => {
    const one = randomIdentity();
    const two = randomIdentity();
    expect(one.email).toMatch(/^qa-[0-9a-f]{8}@example\.test$/);
    expect(isEmail(one.email)).toBe(true);
    expect(one.externalId).toMatch(/^qa-[0-9a-f]{8}$/);
    expect(one.label).toContain('Random');
    expect(one.externalId).not.toBe(two.externalId);
  });
});

describe('resultOf', () => {
  it('keeps the time, customer and conversation count of a login, and the message of a failure', () => {
    const session = { lookup: { externalId: 'x' }, loggedIn: true, at: 1, response: { customerId: 'cus_1' }, conversations: { ok: true as const, items: [{ conversationId: 'c1' }, { conversationId: 'c2' }] } };
    expect(resultOf({ tone: 'success', message: 'ok', notes: [], session }, 9)).toEqual({ at: 9, ok: true, customerId: 'cus_1', conversationCount: 2, message: undefined });
    expect(resultOf({ tone: 'error', message: 'Kustomer.login answered with an error: x', notes: [] }, 9)).toEqual({
      at: 9,
      ok: false,
      customerId: undefined,
      conversationCount: undefined,
      message: 'Kustomer.login answered with an error: x',
    });
    expect(resultOf({ tone: 'warning', message: 'not logged in', notes: [], session: { ...session, loggedIn: false, conversations: { ok: false, message: 'no' } } }, 9)).toMatchObject({
      ok: false,
      conversationCount: undefined,
    });
  });
});

describe('identityFromDraft with the Kustomer profile', () => {
  it('words a missing identity as before, now from the vendor', async () => {
    const { kustomer } = await import('../../src/vendors/kustomer/profile');
    const draft = { label: 'VIP', externalId: ' ', email: '', note: '' };
    expect(identityFromDraft(draft, [], 1, kustomer)).toEqual({ ok: false, errors: { identity: 'Enter an External ID or an Email for this identity.' } });
    expect(identityFromDraft(draft, [], 1)).toEqual({ ok: false, errors: { identity: 'Enter an External ID or an Email for this identity.' } });
    expect(identityFromDraft({ ...draft, email: 'nope' }, [], 1, kustomer)).toMatchObject({ ok: false, errors: { email: expect.any(String) } });
    expect(identityFromDraft({ ...draft, email: 'nope' }, [], 1, kustomer)).not.toMatchObject({ errors: { identity: expect.anything() } });
  });
});

import { describe, expect, it } from 'vitest';
import { buildClaims, describeLookup, isEmail } from '../../src/vendors/kustomer/claims';

describe('isEmail', () => {
  it.each(['ada@example.test', 'a.b+c@sub.example.co.uk', 'x@y.io', "o'brien@example.com"])('accepts %s', (email) => {
    expect(isEmail(email)).toBe(true);
  });
  it.each(['', 'ada', 'ada@', '@example.com', 'ada@example', 'ada@@example.com', 'a da@example.com', 'ada@example..com', 'ada@.example.com', `${'a'.repeat(250)}@example.com`])(
    'rejects %j',
    (email) => {
      expect(isEmail(email)).toBe(false);
    },
  );
});

describe('buildClaims', () => {
  it('sends externalId alone and asks isLoggedIn with it', () => {
    expect(buildClaims({ externalId: ' cust-1 ', email: '' })).toEqual({
      ok: true,
      claims: { externalId: 'cust-1' },
      lookup: { externalId: 'cust-1' },
      warnings: [],
    });
  });

  it('sends email alone and asks isLoggedIn with it', () => {
    expect(buildClaims({ externalId: '', email: 'ada@example.test' })).toEqual({
      ok: true,
      claims: { email: 'ada@example.test' },
      lookup: { email: 'ada@example.test' },
      warnings: [],
    });
  });

  it('with both, sends both, warns that Kustomer uses the email, and asks with the email', () => {
    const result = buildClaims({ externalId: 'cust-1', email: 'ada@example.test' });
    expect(result).toMatchObject({ ok: true, claims: { externalId: 'cust-1', email: 'ada@example.test' }, lookup: { email: 'ada@example.test' } });
    if (result.ok) expect(result.warnings[0]).toContain('Kustomer identifies the customer by the email');
  });

  it('refuses an empty identity', () => {
    expect(buildClaims({ externalId: '  ', email: '' })).toEqual({ ok: false, errors: ['Enter an External ID or an Email to log in as.'] });
    expect(buildClaims({ externalId: '  ', email: '' }, 'check')).toEqual({ ok: false, errors: ['Enter an External ID or an Email to check.'] });
  });

  it('refuses an invalid email even when an externalId is given', () => {
    const result = buildClaims({ externalId: 'cust-1', email: 'nope' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toBe('"nope" is not an email address: use the form name@example.com.');
  });

  it('describes a lookup the way the status line reads it', () => {
    expect(describeLookup({ email: 'a@b.test' })).toBe('a@b.test');
    expect(describeLookup({ externalId: '42' })).toBe('External ID 42');
  });
});

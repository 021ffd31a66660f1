import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { settingsFromDraft } from '../../src/actions/environment';
import { checkSetting, choiceOf } from '../../src/model/vendor-settings';
import type { VendorProfile, VendorSetting } from '../../src/model/vendor';
import { main } from '../../src/node/cli';
import { settingFlags } from '../../src/node/cli-settings';
import { environmentFor } from '../../src/node/setup';
import intercom from '../../src/vendors/intercom/index';

/** A setting with choices, as any vendor may declare one (model/vendor's `choices`). */
const MODE: VendorSetting = {
  key: 'mode',
  label: 'Signing mode',
  placeholder: '',
  help: 'How the widget checks identities.',
  required: false,
  flag: '--signing-mode',
  choices: [
    { value: 'token', label: 'A token' },
    { value: 'hash', label: 'A hash' },
  ],
};

describe('a setting with choices', () => {
  it('takes one of its values, in any case, and keeps the default out of storage', () => {
    expect(checkSetting(MODE, 'hash')).toEqual({ value: 'hash' });
    expect(checkSetting(MODE, ' HASH ')).toEqual({ value: 'hash' });
    expect(checkSetting(MODE, 'token')).toEqual({ value: '' });
    expect(checkSetting(MODE, '')).toEqual({ value: '' });
  });

  it('refuses any other value, naming the ones it takes', () => {
    expect(checkSetting(MODE, 'jwt')).toEqual({ value: 'jwt', problem: 'The Signing mode is token or hash, not "jwt".' });
  });

  it('reads as its default where nothing (or something stale) is stored: an environment saved before the setting existed', () => {
    expect(choiceOf(MODE, undefined)).toBe('token');
    expect(choiceOf(MODE, { mode: 'gone' })).toBe('token');
    expect(choiceOf(MODE, { mode: 'hash' })).toBe('hash');
  });

  it('is checked by the options form as by the Node package and the command line', () => {
    const vendor = { ...intercom, settings: [...intercom.settings, MODE] } as VendorProfile;
    expect(settingsFromDraft(vendor, { mode: 'hash' })).toEqual({ settings: { mode: 'hash' }, errors: {} });
    expect(settingsFromDraft(vendor, { mode: 'nope' }).errors.mode).toMatch(/token or hash/);
  });

  it("Intercom's Identity verification: chatLogin's option and the --identity-verification flag", async () => {
    expect(environmentFor(intercom, { vendor: 'intercom', identityVerification: 'user_hash' }, 's').settings).toEqual({ identityVerification: 'user_hash' });
    expect(environmentFor(intercom, { vendor: 'intercom', identityVerification: 'jwt' }, 's').settings).toBeUndefined();
    expect(() => environmentFor(intercom, { vendor: 'intercom', identityVerification: 'hmac' }, 's')).toThrow('identityVerification: The Identity verification is jwt or user_hash, not "hmac".');
    expect(() => environmentFor(intercom, { vendor: 'intercom', identityVerification: 'hmac' }, 's', true, 'cli')).toThrow(/^--identity-verification: /);
    const flags = await settingFlags();
    expect(flags.options['identity-verification']).toEqual({ type: 'string' });
    expect(flags.help.join('\n')).toMatch(/--identity-verification jwt\|user_hash\n\s+Intercom's Identity verification: .* One\s+of\s+jwt\s+or\s+user_hash\s+\(default\s+jwt\)\./s);
  });
});

describe('chat-identity-lab sign --vendor intercom --identity-verification user_hash', () => {
  const SECRET = 'cli-identity-verification-secret';
  async function cli(argv: string[]) {
    let out = '';
    let err = '';
    const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t), env: { CHAT_IDENTITY_LAB_SECRET: SECRET }, stdin: async () => '' });
    return { code, out, err };
  }
  const hex = (value: string) => createHmac('sha256', SECRET).update(value).digest('hex');

  it("prints the user_id's hash, and with --json what was signed", async () => {
    expect(await cli(['sign', '--vendor', 'intercom', '--identity-verification', 'user_hash', '--user-id', 'ic-1'])).toEqual({ code: 0, out: `${hex('ic-1')}\n`, err: '' });
    const json = await cli(['sign', '--vendor', 'intercom', '--identity-verification', 'user_hash', '--user-id', 'ic-1', '--email', 'ic@example.test', '--json']);
    expect(JSON.parse(json.out)).toEqual({ signature: hex('ic-1'), signed: 'ic-1', field: 'user_id' });
  });

  it('signs the email when there is no user id; a JWT stays the default', async () => {
    const json = await cli(['sign', '--vendor', 'intercom', '--identity-verification', 'user_hash', '--email', 'only@example.test', '--json']);
    expect(JSON.parse(json.out)).toEqual({ signature: hex('only@example.test'), signed: 'only@example.test', field: 'email' });
    const token = await cli(['sign', '--vendor', 'intercom', '--user-id', 'ic-1']);
    expect(token.out.split('.')).toHaveLength(3);
  });

  it('refuses a value that is not a choice, and --expires-in for a hash, saying why', async () => {
    expect(await cli(['sign', '--vendor', 'intercom', '--identity-verification', 'hmac', '--user-id', 'ic-1'])).toMatchObject({ code: 2, err: expect.stringContaining('--identity-verification: The Identity verification is jwt or user_hash, not "hmac".') });
    expect(await cli(['sign', '--vendor', 'intercom', '--identity-verification', 'user_hash', '--user-id', 'ic-1', '--expires-in', '10m'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('--expires-in: Intercom signs an HMAC of the user_id (or else email), which has no expiry.'),
    });
  });
});

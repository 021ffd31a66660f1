import { parseArgs } from 'node:util';
import { signToken } from '../jwt/token';
import { inspectToken } from '../jwt/token-findings';
import { asUsage, type Command, EXIT, forTerminal, parseDuration, readSecret } from './cli-kit';
import { claimsFor, environmentFor, vendorFor } from './setup';
import { type SettingFlags, settingFlags, vendorChoice } from './cli-settings';

function help(flags: SettingFlags): string {
  return `chat-identity-lab sign: sign a chat identity token (HS256) with the vendor's claim rules, as the extension's popup does

Usage:
  chat-identity-lab sign --vendor V [--external-id ID] [--email E] [--name N] ${flags.usage} [--expires-in 10m] [--json]

  --vendor V          ${vendorChoice()}
  --external-id ID    the vendor's user id (the identity's first field); alias --user-id
  --email E           the customer's email
  --name N            a display name (for vendors that sign one)
${flags.help.join('\n')}
  --expires-in D      adds exp, D after iat (90s, 10m, 2h, 1d)
  --json              print {"token", "header", "claims"} instead of the bare token
  --secret-env NAME   read the secret from NAME instead of CHAT_IDENTITY_LAB_SECRET
  --secret-file PATH  read the secret from a file

The secret is never taken from a command-line value. Warnings about the token go to standard error.
Exit codes: 0 signed, 2 a usage error.
`;
}

export const sign: Command = async (args, io) => {
  const flags = await settingFlags();
  const { values } = parseArgs({
    args,
    options: {
      vendor: { type: 'string' },
      'external-id': { type: 'string' },
      'user-id': { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      ...flags.options,
      'expires-in': { type: 'string' },
      json: { type: 'boolean' },
      'secret-env': { type: 'string' },
      'secret-file': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.out(help(flags));
    return EXIT.ok;
  }
  const vendor = await asUsage(() => vendorFor(values.vendor, 'cli'));
  const externalId = values['external-id'] ?? values['user-id'];
  const expiresIn = values['expires-in'] === undefined ? undefined : parseDuration(values['expires-in']);
  const secret = readSecret(values, io.env).value;
  const environment = await asUsage(async () => environmentFor(vendor, { vendor: vendor.id, ...flags.values(vendor, values) }, secret, true, 'cli'));
  const claims = await asUsage(async () => claimsFor(vendor, { externalId, email: values.email, name: values.name }, 'cli'));
  const now = Math.floor(Date.now() / 1000);
  const payload = expiresIn === undefined ? claims.claims : { ...claims.claims, exp: now + expiresIn };
  const header = vendor.header(environment.settings ?? {});
  const token = await signToken(payload, secret, header, now);
  for (const warning of claims.warnings) io.err(`warning: ${forTerminal(warning)}\n`);
  for (const finding of inspectToken(token, vendor.rules, { environment: environment.settings }).findings) {
    if (finding.severity !== 'info') io.err(`${finding.severity}: ${forTerminal(finding.message)}\n`);
  }
  io.out(values.json ? `${JSON.stringify({ token, header, claims: { ...payload, iat: now } }, null, 2)}\n` : `${token}\n`);
  return EXIT.ok;
};

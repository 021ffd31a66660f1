import { parseArgs } from 'node:util';
import { credentialFindings } from '../jwt/credential';
import { signedFieldWords, signingOf } from '../model/vendor';
import type { Credential } from '../model/credential';
import { settingsOf } from '../model/vendor-settings';
import { asUsage, type Command, EXIT, forTerminal, parseDuration, readSecret, UsageError } from './cli-kit';
import { claimsFor, environmentFor, vendorFor } from './setup';
import { fieldFlags, type SettingFlags, settingFlags, vendorChoice } from './cli-settings';

function help(flags: SettingFlags, fields: ReturnType<typeof fieldFlags>): string {
  return `chat-identity-lab sign: sign a chat identity token (HS256) with the vendor's claim rules, as the extension's popup does

Usage:
  chat-identity-lab sign --vendor V [--external-id ID] [--email E] [--name N] ${flags.usage} [--expires-in 10m] [--json]

  --vendor V          ${vendorChoice()}
  --external-id ID    the vendor's user id (the identity's first field); alias --user-id
  --email E           the customer's email
  --name N            a display name (for vendors that sign one)
${[...fields.help, ...flags.help].join('\n')}
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
  const fields = fieldFlags();
  const { values } = parseArgs({
    args,
    options: {
      vendor: { type: 'string' },
      'external-id': { type: 'string' },
      'user-id': { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      ...fields.options,
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
    io.out(help(flags, fields));
    return EXIT.ok;
  }
  const vendor = await asUsage(() => vendorFor(values.vendor, 'cli'));
  // A vendor's own name for a field (--identifier) stands for it.
  const named = fields.values(vendor, values);
  const externalId = values['external-id'] ?? values['user-id'] ?? named.externalId;
  const expiresIn = values['expires-in'] === undefined ? undefined : parseDuration(values['expires-in']);
  const secret = readSecret(values, io.env).value;
  const environment = await asUsage(async () => environmentFor(vendor, { vendor: vendor.id, ...flags.values(vendor, values) }, secret, true, 'cli'));
  const claims = await asUsage(async () => claimsFor(vendor, { externalId, email: values.email ?? named.email, name: values.name ?? named.name }, 'cli', settingsOf(environment)));
  // The environment's settings may choose the credential (signingFor): its kind decides.
  const signing = signingOf(vendor, settingsOf(environment));
  if (expiresIn !== undefined && signing.kind !== 'jwt') throw new UsageError(`--expires-in: ${vendor.name} signs an HMAC of the ${signedFieldWords(signing)}, which has no expiry.`);
  const credential = await vendor.credential(claims, secret, settingsOf(environment), { expiresIn });
  for (const warning of claims.warnings) io.err(`warning: ${forTerminal(warning)}\n`);
  for (const finding of credentialFindings(credential, vendor, environment.settings)) {
    if (finding.severity !== 'info') io.err(`${finding.severity}: ${forTerminal(finding.message)}\n`);
  }
  io.out(values.json ? `${JSON.stringify(jsonOf(credential), null, 2)}\n` : `${credential.value}\n`);
  return EXIT.ok;
};

/** What --json prints: a JWT with its header and claims, or an HMAC signature with what it signs. */
function jsonOf(credential: Credential) {
  return credential.kind === 'jwt'
    ? { token: credential.value, header: credential.header, claims: credential.claims }
    : { signature: credential.value, signed: credential.signed, field: credential.field };
}

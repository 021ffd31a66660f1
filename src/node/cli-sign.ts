import { parseArgs } from 'node:util';
import { signToken } from '../jwt/token';
import { inspectToken } from '../jwt/token-findings';
import { type Command, EXIT, forTerminal, parseDuration, readSecret, UsageError } from './cli-kit';
import { claimsFor, environmentFor, vendorFor } from './setup';
import { type SettingFlags, settingFlags } from './cli-settings';
import { VENDOR_IDS } from '../vendors/registry';

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
  const vendor = await asUsage(() => vendorFor(values.vendor));
  const externalId = values['external-id'] ?? values['user-id'];
  const expiresIn = values['expires-in'] === undefined ? undefined : parseDuration(values['expires-in']);
  const secret = readSecret(values, io.env);
  const environment = await asUsage(async () => environmentFor(vendor, { vendor: vendor.id, ...flags.values(vendor, values) }, secret), flags.flagOf);
  const claims = await asUsage(async () => claimsFor(vendor, { externalId, email: values.email, name: values.name }));
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

/**
 * The package API's TypeErrors (unknown vendor, bad email, a missing required setting) are usage
 * errors here, naming the option to type: a setting's own flag, else the option's key in dashes.
 */
export async function asUsage<T>(work: () => Promise<T>, flagOf: Record<string, string> = {}): Promise<T> {
  const flag = (key: string) => flagOf[key] ?? `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  try {
    return await work();
  } catch (caught) {
    if (caught instanceof TypeError) throw new UsageError(caught.message.replace(/\bPass (\w+)/, (_, key: string) => `Pass ${flag(key)}`).replace(/^(\w+): /, (whole, key: string) => (flagOf[key] ? `${flagOf[key]}: ` : whole)));
    throw caught;
  }
}

/** "a, b or c": the vendors --vendor takes. */
export function vendorChoice(ids: readonly string[] = VENDOR_IDS): string {
  return ids.length > 1 ? `${ids.slice(0, -1).join(', ')} or ${ids.at(-1)}` : (ids[0] ?? '');
}

/**
 * The command line's options for vendor settings, made from the vendors' own settings (each
 * names its `flag`): a new vendor's settings are options of `sign` and `check` without a line
 * here. Two vendors may share a flag; the chosen vendor's setting takes its value.
 */
import type { IdentityFields, VendorId, VendorProfile, VendorSetting } from '../model/vendor';
import { choiceWords } from '../model/vendor-settings';
import { loadProfiles, profileOf, VENDOR_IDS } from '../vendors/registry';

/** The flags every vendor's settings add, for parseArgs, the help and reading the values back. */
export interface SettingFlags {
  /** For parseArgs' `options`: each flag without its dashes. */
  options: Record<string, { type: 'string' }>;
  /** One help line per setting, aligned as the commands' own. */
  help: string[];
  /** The usage line's part: `[--key-id VALUE] …`. */
  usage: string;
  /** The chosen vendor's settings from the parsed values, by key (the Node package's options). */
  values(vendor: VendorProfile, parsed: Record<string, unknown>): Record<string, string>;
}

/** "a, b or c": the vendors --vendor takes. */
export function vendorChoice(ids: readonly string[] = VENDOR_IDS): string {
  return ids.length > 1 ? `${ids.slice(0, -1).join(', ')} or ${ids.at(-1)}` : (ids[0] ?? '');
}

/** The vendors the integration check runs for: every one (the conversation checks only where the vendor has them). */
export const checkable = (): VendorId[] => [...VENDOR_IDS];

const nameOf = (setting: VendorSetting) => setting.flag.replace(/^-+/, '');

/** `text` after `head`, in lines of at most `width` characters, continued under its start. */
function wrapped(head: string, text: string, width = 100): string {
  const lines = [head];
  for (const word of text.split(/\s+/)) {
    const last = lines.length - 1;
    const line = lines[last] as string;
    if (line.length + word.length + 1 > width && line.trim() !== '') lines.push(`${' '.repeat(head.length)}${word}`);
    else lines[last] = line.length === head.length && last === 0 ? `${line}${word}` : `${line} ${word}`;
  }
  return lines.join('\n');
}

export async function settingFlags(): Promise<SettingFlags> {
  await loadProfiles();
  const vendors = VENDOR_IDS.map(profileOf);
  const options: Record<string, { type: 'string' }> = {};
  const help: string[] = [];
  for (const vendor of vendors) {
    for (const setting of vendor.settings) {
      options[nameOf(setting)] = { type: 'string' };
      const named = `  ${setting.flag} ${setting.choices ? setting.choices.map((c) => c.value).join('|') : 'VALUE'}`;
      const choices = setting.choices ? ` One of ${choiceWords(setting.choices)} (default ${setting.choices[0]?.value}).` : '';
      const text = `${vendor.name}'s ${setting.label}${setting.required ? ' (required)' : ''}: ${setting.help}${choices}`;
      // A flag too long for the column has its text on the next line, under the others'.
      help.push(named.length < 21 ? wrapped(named.padEnd(22), text) : `${named}\n${wrapped(' '.repeat(22), text)}`);
    }
  }
  return {
    options,
    help,
    usage: Object.keys(options)
      .map((name) => `[--${name} VALUE]`)
      .join(' '),
    values: (vendor, parsed) =>
      Object.fromEntries(vendor.settings.flatMap((setting) => (typeof parsed[nameOf(setting)] === 'string' ? [[setting.key, parsed[nameOf(setting)] as string]] : []))),
  };
}

/**
 * The identity flags vendors name for their fields (`--identifier`), besides the shared
 * `--external-id`, `--email` and `--name`: for parseArgs, the help, and the chosen vendor's
 * fields from the parsed values. The profiles must be loaded (settingFlags does).
 */
export function fieldFlags(): { options: Record<string, { type: 'string' }>; help: string[]; values(vendor: VendorProfile, parsed: Record<string, unknown>): Partial<IdentityFields> } {
  const options: Record<string, { type: 'string' }> = {};
  const help: string[] = [];
  for (const vendor of VENDOR_IDS.map(profileOf)) {
    for (const field of vendor.fields) {
      if (!field.flag) continue;
      const name = field.flag.replace(/^-+/, '');
      if (!options[name]) help.push(wrapped(`  ${field.flag} VALUE`.padEnd(22), `${vendor.name}'s ${field.label}`));
      options[name] = { type: 'string' };
    }
  }
  return {
    options,
    help,
    values: (vendor, parsed) =>
      Object.fromEntries(
        vendor.fields.flatMap((field) => {
          const value = field.flag ? parsed[field.flag.replace(/^-+/, '')] : undefined;
          return typeof value === 'string' ? [[field.key, value]] : [];
        }),
      ),
  };
}

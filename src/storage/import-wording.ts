import type { ImportSummary } from './import-plan';

/** What an import will do and did, in words a tester reads before confirming. */

const PLURALS: Record<string, string> = { environment: 'environments', identity: 'identities', secret: 'secrets' };

/** "1 environment", "3 environments". */
export const count = (n: number, noun: keyof typeof PLURALS | string) => `${n} ${n === 1 ? noun : (PLURALS[noun] ?? `${noun}s`)}`;

const names = (list: string[]) => list.map((n) => `"${n}"`).join(', ');

/** The preview: one sentence per effect, the destructive ones first. */
export function describeImport(summary: ImportSummary, fileEnvironments: number): string[] {
  const lines: string[] = [];
  if (summary.mode === 'replace') {
    lines.push(`Replaces the ${count(summary.replaced, 'environment')} here with the file's ${fileEnvironments}.`);
    if (summary.secretsRemoved.length > 0) {
      lines.push(`${count(summary.secretsRemoved.length, 'secret')} will be removed, with ${summary.secretsRemoved.length === 1 ? 'its environment' : 'their environments'}: ${names(summary.secretsRemoved)}.`);
    }
    if (summary.identitiesRemoved > 0) lines.push(`${count(summary.identitiesRemoved, 'identity')} here will be replaced by the file's.`);
  } else if (summary.added.length > 0) {
    lines.push(`Adds ${count(summary.added.length, 'environment')}: ${names(summary.added)}.`);
  }
  if (summary.updated.length > 0) lines.push(`Updates ${count(summary.updated.length, 'environment')} already here (same name and sites) instead of adding a copy: ${names(summary.updated)}.`);
  if (summary.unchanged.length > 0) lines.push(`${count(summary.unchanged.length, 'environment')} already here and identical: left as ${summary.unchanged.length === 1 ? 'it is' : 'they are'}.`);
  if (summary.secretsKept.length > 0) lines.push(`Keeps the secret here of ${names(summary.secretsKept)}: same name and sites, and the file has no secret for ${summary.secretsKept.length === 1 ? 'it' : 'them'}.`);
  for (const r of summary.renamed) lines.push(`"${r.from}" is added as "${r.to}": an environment here has that name with other sites.`);
  const identities = [summary.identitiesAdded > 0 && `${count(summary.identitiesAdded, 'identity')} added`, summary.identitiesUpdated > 0 && `${summary.identitiesUpdated} updated`].filter(Boolean);
  if (identities.length > 0) lines.push(`${identities.join(', ')}.`);
  return lines;
}

/** The outcome, shown next to the Import control with Undo. */
export function describeResult(summary: ImportSummary): string {
  const parts =
    summary.mode === 'replace'
      ? [`Replaced everything with ${count(summary.added.length, 'environment')} from the file.`]
      : [
          `Imported: ${count(summary.added.length, 'environment')} added`,
          summary.updated.length > 0 ? `, ${summary.updated.length} updated` : '',
          summary.unchanged.length > 0 ? `, ${summary.unchanged.length} unchanged` : '',
          '.',
        ];
  if (summary.secretsKept.length > 0) parts.push(` Kept the secret of ${names(summary.secretsKept)}.`);
  if (summary.renamed.length > 0) parts.push(` Renamed ${summary.renamed.map((r) => `"${r.from}" as "${r.to}"`).join(', ')}.`);
  return parts.join('');
}

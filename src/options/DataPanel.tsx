import { useState } from 'preact/hooks';
import { store } from '../core/extension-store';
import { vault } from '../core/extension-vault';
import type { Environment, Identity } from '../core/schema';
import { buildExport, type ImportMode, parseImport, planImport } from '../core/transfer';
import { PassphraseError } from '../core/vault';
import type { Tone } from '../ui/StatusRegion';

interface DataPanelProps {
  notify: (tone: Tone, message: string) => void;
  onChange: () => void;
}

const messageOf = (caught: unknown) => (caught instanceof PassphraseError ? caught.message : String((caught as Error)?.message ?? caught));

/** Export to a JSON file (secrets only when asked), and import with merge or replace. */
export function DataPanel({ notify, onChange }: DataPanelProps) {
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const [mode, setMode] = useState<ImportMode>('merge');
  const [problems, setProblems] = useState<string[]>([]);

  async function exportFile() {
    try {
      const { environments } = await store.environments();
      const identities: Record<string, Identity[]> = {};
      for (const environment of environments) identities[environment.id] = (await store.identities(environment.id)).identities;
      let secrets: Record<string, string> | undefined;
      if (includeSecrets) {
        secrets = {};
        for (const environment of environments) secrets[environment.id] = await vault.secretOf(environment);
      }
      const file = buildExport(environments, identities, secrets);
      const url = URL.createObjectURL(new Blob([`${JSON.stringify(file, null, 2)}\n`], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `chat-identity-lab-${new Date().toISOString().slice(0, 10)}.json`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      notify(
        includeSecrets ? 'warning' : 'success',
        includeSecrets
          ? `Exported ${environments.length} environment(s) WITH their secrets: keep the file private and delete it when done.`
          : `Exported ${environments.length} environment(s) without secrets.`,
      );
    } catch (caught) {
      notify('error', `Nothing exported: ${messageOf(caught)}`);
    }
  }

  async function importFile(file: File | undefined) {
    setProblems([]);
    if (!file) return;
    const parsed = parseImport(await file.text());
    if (!parsed.ok) {
      setProblems(parsed.problems);
      notify('error', `Nothing imported: the file has ${parsed.problems.length} problem(s), listed below.`);
      return;
    }
    try {
      const plan = planImport(parsed.file, await store.rawEnvironments(), mode);
      // New secrets are sealed when the passphrase lock is on (it must be unlocked).
      const imported = new Set(Object.keys(plan.identities));
      plan.environments = await Promise.all(
        plan.environments.map(async (value) => {
          const environment = value as Environment;
          return imported.has(environment?.id) ? vault.forStorage(environment) : value;
        }),
      );
      await store.applyImport(plan);
      const renamed = plan.renamed.map((r) => `"${r.from}" as "${r.to}"`).join(', ');
      notify(
        'success',
        `Imported ${plan.added} environment(s)${mode === 'replace' ? ', replacing what was here' : ''}.${renamed ? ` Renamed ${renamed}.` : ''}`,
      );
      onChange();
    } catch (caught) {
      notify('error', `Nothing imported: ${messageOf(caught)}`);
    }
  }

  return (
    <section class="panel" aria-labelledby="data-heading">
      <h2 id="data-heading">Import and export</h2>
      <label class="checkbox">
        <input type="checkbox" checked={includeSecrets} onChange={(e) => setIncludeSecrets(e.currentTarget.checked)} />
        Include secrets
      </label>
      {includeSecrets && <p class="warning">The file will hold every environment's secret in plain text: anyone with it can log in as any customer.</p>}
      <div class="row">
        <button type="button" onClick={exportFile}>
          Export
        </button>
      </div>
      <fieldset style="border:0;padding:0;margin:0.8rem 0 0.4rem">
        <legend>When importing</legend>
        <label class="checkbox">
          <input type="radio" name="import-mode" checked={mode === 'merge'} onChange={() => setMode('merge')} />
          Merge (keep both; rename clashes)
        </label>
        <label class="checkbox">
          <input type="radio" name="import-mode" checked={mode === 'replace'} onChange={() => setMode('replace')} />
          Replace everything
        </label>
      </fieldset>
      <div class="field">
        <label for="import-file">Import</label>
        <input
          id="import-file"
          type="file"
          accept="application/json,.json"
          onChange={(e) => {
            const input = e.currentTarget;
            const file = input.files?.[0];
            // Cleared at once, so choosing the same file again is a new import.
            input.value = '';
            void importFile(file);
          }}
        />
      </div>
      {problems.length > 0 && (
        <ul class="problems" aria-label="Import problems">
          {problems.slice(0, 50).map((p) => (
            <li key={p}>{p}</li>
          ))}
          {problems.length > 50 && <li>…and {problems.length - 50} more.</li>}
        </ul>
      )}
    </section>
  );
}

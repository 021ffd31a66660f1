import { useState } from 'preact/hooks';
import { store } from '../storage/extension-store';
import { vault } from '../storage/extension-vault';
import type { Environment, Identity } from '../model/schema';
import { ExportPassphraseError, openSecrets, type SealedSecrets, sealSecrets } from '../storage/export-secrets';
import { buildExport, type ExportFile, type ImportMode, MAX_IMPORT_BYTES, parseImport, planImport, withSecrets } from '../storage/transfer';
import { Field } from '../ui/Field';
import { PassphraseError } from '../storage/vault';
import type { Tone } from '../ui/StatusRegion';
import { messageOf as errorMessage } from '../model/errors';

interface DataPanelProps {
  notify: (tone: Tone, message: string) => void;
  onChange: () => void;
}

const messageOf = (caught: unknown) => (caught instanceof PassphraseError ? caught.message : errorMessage(caught));

/** Export to a JSON file (secrets only when asked), and import with merge or replace. */
export function DataPanel({ notify, onChange }: DataPanelProps) {
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const [mode, setMode] = useState<ImportMode>('merge');
  const [problems, setProblems] = useState<string[]>([]);
  const [exportPassphrase, setExportPassphrase] = useState('');
  /** A checked file whose secrets are encrypted: waiting for the tester's passphrase. */
  const [pending, setPending] = useState<ExportFile>();
  const [importPassphrase, setImportPassphrase] = useState('');

  async function exportFile() {
    try {
      const { environments } = await store.environments();
      const identities: Record<string, Identity[]> = {};
      for (const environment of environments) identities[environment.id] = (await store.identities(environment.id)).identities;
      let sealed: SealedSecrets | undefined;
      if (includeSecrets) {
        const secrets: string[] = [];
        for (const environment of environments) secrets.push(await vault.secretOf(environment));
        sealed = await sealSecrets(secrets, exportPassphrase);
        setExportPassphrase('');
      }
      const file = buildExport(environments, identities, sealed);
      const url = URL.createObjectURL(new Blob([`${JSON.stringify(file, null, 2)}\n`], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `chat-identity-lab-${new Date().toISOString().slice(0, 10)}.json`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      notify(
        includeSecrets ? 'warning' : 'success',
        includeSecrets
          ? `Exported ${environments.length} environment(s) with their secrets, encrypted with your passphrase: share the passphrase apart from the file.`
          : `Exported ${environments.length} environment(s) without secrets.`,
      );
    } catch (caught) {
      notify('error', `Nothing exported: ${messageOf(caught)}`);
    }
  }

  async function importFile(file: File | undefined) {
    setProblems([]);
    if (!file) return;
    // Checked before reading: a huge file is not an export of this extension.
    if (file.size > MAX_IMPORT_BYTES) {
      notify('error', `Nothing imported: the file is ${(file.size / 1024 / 1024).toFixed(1)} MB, and an export of this extension is at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
      return;
    }
    const parsed = parseImport(await file.text());
    if (!parsed.ok) {
      setProblems(parsed.problems);
      notify('error', `Nothing imported: the file has ${parsed.problems.length} problem(s), listed below.`);
      return;
    }
    if (parsed.file.sealedSecrets) {
      setPending(parsed.file);
      notify('warning', "This file's secrets are encrypted: enter the passphrase it was exported with, or import it without secrets.");
      return;
    }
    await apply(parsed.file);
  }

  /** Opens a pending file's secrets with the passphrase (or leaves them out), then imports. */
  async function importPending(withPassphrase: boolean) {
    if (!pending) return;
    let file: ExportFile = { ...pending, sealedSecrets: undefined };
    if (withPassphrase && pending.sealedSecrets) {
      try {
        file = withSecrets(file, await openSecrets(pending.sealedSecrets, importPassphrase, pending.environments.length));
      } catch (caught) {
        notify('error', caught instanceof ExportPassphraseError ? caught.message : `Nothing imported: ${messageOf(caught)}`);
        return;
      }
    }
    setPending(undefined);
    setImportPassphrase('');
    await apply(file);
  }

  async function apply(file: ExportFile) {
    try {
      const plan = planImport(file, await store.rawEnvironments(), mode);
      // New secrets are sealed when the passphrase lock is on (it must be unlocked), inside the
      // same exclusive write.
      const imported = new Set(Object.keys(plan.identities));
      await store.applyImport(plan, (environments) =>
        Promise.all(
          environments.map(async (value) => {
            const environment = value as Environment;
            return imported.has(environment?.id) ? vault.forStorage(environment) : value;
          }),
        ),
      );
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
      {includeSecrets && (
        <>
          <Field id="export-passphrase" label="Passphrase for the file" type="password" autoComplete="new-password" value={exportPassphrase} onInput={setExportPassphrase} />
          <p class="muted">The secrets are encrypted with this passphrase (PBKDF2 and AES-GCM). Import asks for it: share it apart from the file.</p>
        </>
      )}
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
      {pending && (
        <form
          class="confirm"
          aria-label="Encrypted secrets"
          onSubmit={(e) => {
            e.preventDefault();
            void importPending(true);
          }}>
          <p>The file holds {pending.environments.length} environment(s) with encrypted secrets.</p>
          <Field id="import-passphrase" label="Passphrase of the file" type="password" autoComplete="off" value={importPassphrase} onInput={setImportPassphrase} />
          <div class="row">
            <button type="submit">Import with secrets</button>
            <button type="button" onClick={() => void importPending(false)}>
              Import without secrets
            </button>
            <button type="button" onClick={() => setPending(undefined)}>
              Cancel import
            </button>
          </div>
        </form>
      )}
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

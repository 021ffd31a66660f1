import browser from 'webextension-polyfill';
import { useState } from 'preact/hooks';
import { store } from '../storage/extension-store';
import { vault } from '../storage/extension-vault';
import { type Environment, readEnvironment } from '../model/schema';
import { ExportPassphraseError, openSecrets } from '../storage/export-secrets';
import { changesAnything, type ImportMode, type ImportPlan, planImport } from '../storage/import-plan';
import { readStoredData, type StoredData, undoOf } from '../storage/import-undo';
import { count, describeImport, describeResult } from '../storage/import-wording';
import { type ExportFile, MAX_IMPORT_BYTES, parseImport, withSecrets } from '../storage/transfer';
import type { Tone } from '../ui/StatusRegion';
import { EncryptedFileForm } from './EncryptedFileForm';
import { ImportPreview } from './ImportPreview';
import { messageOf } from './message';

interface Result {
  tone: Tone;
  message: string;
  undo?: () => Promise<void>;
}

interface Preview {
  file: ExportFile;
  plan: ImportPlan;
  lines: string[];
}

async function plan(file: ExportFile, mode: ImportMode): Promise<{ before: StoredData; plan: ImportPlan; lines: string[] }> {
  const before = await readStoredData(browser.storage.local, await store.rawEnvironments());
  // Sealed secrets opened (when unlocked) only so a file bringing the same secret is "unchanged".
  const secretsHere: Record<string, string> = {};
  if (file.includesSecrets) {
    for (const e of before.environments.map(readEnvironment)) {
      if (typeof e !== 'string' && e.secretSealed) {
        const plain = await vault.secretOf(e).catch(() => undefined);
        if (plain !== undefined) secretsHere[e.id] = plain;
      }
    }
  }
  const next = planImport(file, before.environments, mode, undefined, undefined, before.identities, secretsHere);
  return { before, plan: next, lines: describeImport(next.summary, file.environments.length) };
}

/**
 * Import with merge or replace. Nothing is written before the tester has seen what the file
 * will do and confirmed it; the result shows here, next to the control, with Undo.
 */
export function ImportControl({ onChange }: { onChange: () => void }) {
  const [mode, setMode] = useState<ImportMode>('merge');
  const [problems, setProblems] = useState<string[]>([]);
  /** A checked file whose secrets are encrypted: waiting for the tester's passphrase. */
  const [pending, setPending] = useState<ExportFile>();
  const [passphrase, setPassphrase] = useState('');
  const [preview, setPreview] = useState<Preview>();
  const [result, setResult] = useState<Result>();

  async function showPreview(file: ExportFile, withMode = mode) {
    try {
      const next = await plan(file, withMode);
      if (!changesAnything(next.plan)) {
        setPreview(undefined);
        setResult({ tone: 'info', message: 'Nothing imported: everything in the file is already here (same names, sites, settings and identities).' });
        return;
      }
      setPreview({ file, plan: next.plan, lines: next.lines });
    } catch (caught) {
      setResult({ tone: 'error', message: `Nothing imported: ${messageOf(caught)}` });
    }
  }

  async function pick(file: File | undefined) {
    setProblems([]);
    setResult(undefined);
    setPreview(undefined);
    setPending(undefined);
    if (!file) return;
    // Checked before reading: a huge file is not an export of this extension.
    if (file.size > MAX_IMPORT_BYTES) {
      setResult({ tone: 'error', message: `Nothing imported: the file is ${(file.size / 1024 / 1024).toFixed(1)} MB, and an export of this extension is at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB.` });
      return;
    }
    const parsed = parseImport(await file.text());
    if (!parsed.ok) {
      setProblems(parsed.problems);
      setResult({ tone: 'error', message: `Nothing imported: the file has ${count(parsed.problems.length, 'problem')}, listed below.` });
      return;
    }
    if (parsed.file.sealedSecrets) {
      setPending(parsed.file);
      setResult({ tone: 'warning', message: "This file's secrets are encrypted: enter the passphrase it was exported with, or import it without secrets." });
      return;
    }
    await showPreview(parsed.file);
  }

  /** Opens a pending file's secrets with the passphrase (or leaves them out), then previews. */
  async function openPending(withPassphrase: boolean) {
    if (!pending) return;
    let file: ExportFile = { ...pending, sealedSecrets: undefined };
    if (withPassphrase && pending.sealedSecrets) {
      try {
        file = withSecrets(file, await openSecrets(pending.sealedSecrets, passphrase, pending.environments.length));
      } catch (caught) {
        setResult({ tone: 'error', message: caught instanceof ExportPassphraseError ? caught.message : `Nothing imported: ${messageOf(caught)}` });
        return;
      }
    }
    setPending(undefined);
    setPassphrase('');
    setResult(undefined);
    await showPreview(file);
  }

  async function confirm() {
    if (!preview) return;
    try {
      // Planned again: another tab may have changed what is stored since the preview.
      const fresh = await plan(preview.file, mode);
      if (fresh.lines.join('\n') !== preview.lines.join('\n')) {
        setPreview({ file: preview.file, plan: fresh.plan, lines: fresh.lines });
        setResult({ tone: 'warning', message: 'What is stored changed since the preview: check what the import will do now, then confirm again.' });
        return;
      }
      const written = new Set(fresh.plan.written);
      // New secrets are sealed when the passphrase lock is on (it must be unlocked), inside the same exclusive write.
      await store.applyImport(fresh.plan, (environments) =>
        Promise.all(environments.map(async (value) => (written.has((value as Environment)?.id) ? vault.forStorage(value as Environment) : value))),
      );
      setPreview(undefined);
      setResult({
        tone: 'success',
        message: describeResult(fresh.plan.summary),
        undo: async () => {
          await store.applyImport(undoOf(fresh.before, fresh.plan));
          setResult({ tone: 'success', message: 'Import undone: environments, secrets and identities are as they were before it.' });
          onChange();
        },
      });
      onChange();
    } catch (caught) {
      setResult({ tone: 'error', message: `Nothing imported: ${messageOf(caught)}` });
    }
  }

  async function undo(run: () => Promise<void>) {
    try {
      await run();
    } catch (caught) {
      setResult({ tone: 'error', message: `Could not undo: ${messageOf(caught)}` });
    }
  }

  function choose(next: ImportMode) {
    setMode(next);
    if (preview) void showPreview(preview.file, next);
  }

  return (
    <>
      <fieldset class="choices">
        <legend>When importing</legend>
        <label class="checkbox">
          <input type="radio" name="import-mode" checked={mode === 'merge'} onChange={() => choose('merge')} />
          Merge (keep what is here; update environments with the same name and sites)
        </label>
        <label class="checkbox">
          <input type="radio" name="import-mode" checked={mode === 'replace'} onChange={() => choose('replace')} />
          Replace everything
        </label>
      </fieldset>
      <div class="field">
        <label for="import-file">File to import</label>
        <input
          id="import-file"
          type="file"
          accept="application/json,.json"
          onChange={(e) => {
            const input = e.currentTarget;
            const file = input.files?.[0];
            // Cleared at once, so choosing the same file again is a new import.
            input.value = '';
            void pick(file);
          }}
        />
      </div>
      {pending && (
        <EncryptedFileForm
          environments={pending.environments.length}
          passphrase={passphrase}
          onPassphrase={setPassphrase}
          onOpen={(withPassphrase) => void openPending(withPassphrase)}
          onCancel={() => setPending(undefined)}
        />
      )}
      {preview && <ImportPreview mode={mode} lines={preview.lines} onConfirm={() => void confirm()} onCancel={() => setPreview(undefined)} />}
      <div aria-live="polite" id="import-result" class={result ? `status status--${result.tone}` : undefined}>
        {result && (
          <p>
            {result.message}{' '}
            {result.undo && (
              <button type="button" onClick={() => result.undo && void undo(result.undo)}>
                Undo import
              </button>
            )}
          </p>
        )}
      </div>
      {problems.length > 0 && (
        <ul class="problems" aria-label="Import problems">
          {problems.slice(0, 50).map((p) => (
            <li key={p}>{p}</li>
          ))}
          {problems.length > 50 && <li>…and {problems.length - 50} more.</li>}
        </ul>
      )}
    </>
  );
}

import { useState } from 'preact/hooks';
import { store } from '../storage/extension-store';
import { vault } from '../storage/extension-vault';
import type { Identity } from '../model/schema';
import { type SealedSecrets, sealSecrets } from '../storage/export-secrets';
import { count } from '../storage/import-wording';
import { buildExport } from '../storage/transfer';
import { Field } from '../ui/Field';
import type { Tone } from '../ui/StatusRegion';
import { ImportControl } from './ImportControl';
import { messageOf } from './message';

/** Export to a JSON file (secrets only when asked), and import (ImportControl). */
export function DataPanel({ onChange }: { onChange: () => void }) {
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const [exportPassphrase, setExportPassphrase] = useState('');
  /** Shown under the Export button, which caused it. */
  const [exported, setExported] = useState<{ tone: Tone; message: string }>();

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
      setExported({
        tone: includeSecrets ? 'warning' : 'success',
        message: includeSecrets
          ? `Exported ${count(environments.length, 'environment')} with their secrets, encrypted with your passphrase: share the passphrase apart from the file.`
          : `Exported ${count(environments.length, 'environment')} without secrets.`,
      });
    } catch (caught) {
      setExported({ tone: 'error', message: `Nothing exported: ${messageOf(caught)}` });
    }
  }

  return (
    <section class="panel" aria-labelledby="data-heading">
      <h2 id="data-heading">Import and export</h2>
      <h3>Export</h3>
      <label class="checkbox">
        <input type="checkbox" checked={includeSecrets} onChange={(e) => setIncludeSecrets(e.currentTarget.checked)} />
        Include secrets
      </label>
      {includeSecrets && (
        <>
          <Field id="export-passphrase" label="Passphrase to encrypt the file" type="password" autoComplete="new-password" value={exportPassphrase} onInput={setExportPassphrase} />
          <p class="muted">The secrets in the file are encrypted with a key made from this passphrase (AES-GCM, the browser's own encryption; PBKDF2 makes the key): the file is useless without it. Import asks for it: share it apart from the file.</p>
        </>
      )}
      <div class="row">
        <button type="button" onClick={exportFile}>
          Export
        </button>
      </div>
      <div aria-live="polite" id="export-result" class={exported ? `status status--${exported.tone}` : undefined}>
        {exported && <p>{exported.message}</p>}
      </div>
      <h3>Import</h3>
      <ImportControl onChange={onChange} />
    </section>
  );
}

import { useEffect, useRef } from 'preact/hooks';
import type { ImportMode } from '../storage/import-plan';

/** What an import will do, asked before anything is written; focus goes to its confirm button. */
export function ImportPreview({ mode, lines, onConfirm, onCancel }: { mode: ImportMode; lines: string[]; onConfirm: () => void; onCancel: () => void }) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => confirmRef.current?.focus(), [lines]);
  return (
    <div role="alertdialog" aria-labelledby="import-preview-heading" class="confirm">
      <p id="import-preview-heading">
        <strong>{mode === 'replace' ? 'Replace everything here with this file?' : 'Merge this file into what is here?'}</strong> Nothing is written until you confirm.
      </p>
      <ul aria-label="What the import will do">
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <div class="row">
        <button type="button" ref={confirmRef} class={mode === 'replace' ? 'danger' : undefined} onClick={onConfirm}>
          {mode === 'replace' ? 'Replace everything' : 'Import'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel import
        </button>
      </div>
    </div>
  );
}

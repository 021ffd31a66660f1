import { Field } from '../ui/Field';
import { count } from '../storage/import-wording';

interface Props {
  environments: number;
  passphrase: string;
  onPassphrase: (value: string) => void;
  onOpen: (withPassphrase: boolean) => void;
  onCancel: () => void;
}

/** A file whose secrets are encrypted: its passphrase, or go on without its secrets. */
export function EncryptedFileForm({ environments, passphrase, onPassphrase, onOpen, onCancel }: Props) {
  return (
    <form
      class="confirm"
      aria-label="Encrypted secrets"
      onSubmit={(e) => {
        e.preventDefault();
        onOpen(true);
      }}>
      <p>The file holds {count(environments, 'environment')} with encrypted secrets.</p>
      <Field id="import-passphrase" label="Passphrase to open the file" type="password" autoComplete="off" value={passphrase} onInput={onPassphrase} />
      <div class="row">
        <button type="submit">Open with secrets</button>
        <button type="button" onClick={() => onOpen(false)}>
          Import without secrets
        </button>
        <button type="button" onClick={onCancel}>
          Cancel import
        </button>
      </div>
    </form>
  );
}

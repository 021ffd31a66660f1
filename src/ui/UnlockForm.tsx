import { Field } from './Field';

interface UnlockFormProps {
  /** The passphrase field's id (unique on its page). */
  id: string;
  passphrase: string;
  onInput: (value: string) => void;
  onUnlock: () => void;
}

/** The passphrase prompt shown where signing needs the lock opened (popup, integration check). */
export function UnlockForm({ id, passphrase, onInput, onUnlock }: UnlockFormProps) {
  return (
    <form
      class="save-row"
      aria-label="Unlock"
      onSubmit={(e) => {
        e.preventDefault();
        onUnlock();
      }}>
      <Field id={id} label="Passphrase" type="password" value={passphrase} onInput={onInput} />
      <button type="submit">Unlock</button>
    </form>
  );
}

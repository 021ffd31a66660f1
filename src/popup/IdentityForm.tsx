import type { IdentityFields, VendorProfile } from '../model/vendor';
import { Field } from '../ui/Field';
import type { CommandKind } from './popup-state';

interface IdentityFormProps {
  vendor: VendorProfile;
  fields: IdentityFields;
  onFields: (fields: IdentityFields) => void;
  emailError?: string;
  bothWarning?: string;
  /** No command is running: the buttons take a click. */
  ready: boolean;
  onCommand: (kind: Extract<CommandKind, 'login' | 'logout' | 'check'>) => void;
}

const IDS: Record<string, string> = { externalId: 'external-id', email: 'email', name: 'identity-name' };

/** The identity to log in as, in the fields the environment's vendor signs, and what to do with it. */
export function IdentityForm({ vendor, fields, onFields, emailError, bothWarning, ready, onCommand }: IdentityFormProps) {
  const { capabilities } = vendor;
  return (
    // A real form: a click before the popup's script has run submits it into the popup's own
    // hidden frame below, never to the popup's address (anyone may open an address of ours,
    // and the popup does not obey one: page-address.ts); the first script reads the button
    // from the frame (public/popup-early.js). Live, the script takes the form over.
    <form
      aria-label="Identity"
      method="get"
      action="/popup-click.html"
      target="early-click"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const command = (e.submitter as HTMLButtonElement | null)?.value;
        if (ready) onCommand(command === 'logout' || command === 'check' ? command : 'login');
      }}>
      <h2>Log in as</h2>
      {vendor.fields.map((field) => (
        <Field
          key={field.key}
          id={IDS[field.key] ?? field.key}
          name={field.key}
          label={field.label}
          type={field.type}
          value={fields[field.key] ?? ''}
          // "e.g." and italics: an example never reads as a value already filled in.
          placeholder={`e.g. ${field.placeholder}`}
          error={field.key === 'email' ? emailError : undefined}
          onInput={(value) => onFields({ ...fields, [field.key]: value })}
        />
      ))}
      {bothWarning && <p class="warning">{bothWarning}</p>}
      <div class="actions">
        <button type="submit" name="command" value="login" class="primary" disabled={!ready}>
          Log in
        </button>
        <button type="submit" name="command" value="logout" disabled={!ready}>
          Log out
        </button>
        {capabilities.check && (
          <button type="submit" name="command" value="check" disabled={!ready}>
            Check login
          </button>
        )}
      </div>
      {/* Where an early click lands: only this page's own form can load anything into it. */}
      <iframe name="early-click" title="Early clicks" hidden />
    </form>
  );
}

import { Field } from '../ui/Field';
import type { PopupController } from './usePopup';

const IDS: Record<string, string> = { externalId: 'external-id', email: 'email', name: 'identity-name' };

/** The identity to log in as, in the fields the environment's vendor signs, and what to do with it. */
export function IdentityForm({ popup }: { popup: PopupController }) {
  const { vendor, fields, ready } = popup;
  const { capabilities } = vendor;
  return (
    <form
      aria-label="Identity"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) void popup.act('login');
      }}>
      <h2>Log in as</h2>
      {vendor.fields.map((field) => (
        <Field
          key={field.key}
          id={IDS[field.key] ?? field.key}
          label={field.label}
          type={field.type}
          value={fields[field.key] ?? ''}
          placeholder={field.placeholder}
          error={field.key === 'email' ? popup.emailError : undefined}
          onInput={(value) => popup.setFields({ ...fields, [field.key]: value })}
        />
      ))}
      {popup.bothWarning && <p class="warning">{popup.bothWarning}</p>}
      <div class="actions">
        <button type="submit" class="primary" disabled={!ready}>
          Log in
        </button>
        <button type="button" disabled={!ready} onClick={() => popup.act('logout')}>
          Log out
        </button>
        {capabilities.check && (
          <button type="button" disabled={!ready} onClick={() => popup.act('check')}>
            Check login
          </button>
        )}
      </div>
    </form>
  );
}

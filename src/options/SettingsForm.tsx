import { useEffect, useState } from 'preact/hooks';
import type { Settings } from '../core/schema';
import { Field } from '../ui/Field';

export function SettingsForm({ settings, onSave }: { settings: Settings; onSave: (settings: Settings) => void }) {
  const [timeout, setTimeoutText] = useState(String(settings.sdkTimeoutSeconds));
  const [error, setError] = useState<string>();
  useEffect(() => setTimeoutText(String(settings.sdkTimeoutSeconds)), [settings]);

  return (
    <form
      class="panel"
      aria-label="Settings"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const seconds = Number(timeout);
        if (!Number.isFinite(seconds) || seconds < 1 || seconds > 120) {
          setError('Enter a number of seconds from 1 to 120.');
          return;
        }
        setError(undefined);
        onSave({ ...settings, sdkTimeoutSeconds: seconds });
      }}
    >
      <h2>Settings</h2>
      <Field
        id="sdk-timeout"
        label="SDK timeout (seconds)"
        type="number"
        value={timeout}
        error={error}
        help="How long to wait for the page's Kustomer SDK to load and to answer each call before giving up."
        onInput={setTimeoutText}
      />
      <button type="submit">Save settings</button>
    </form>
  );
}

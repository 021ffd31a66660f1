import { useState } from 'preact/hooks';
import { apiUrlProblem, type Settings } from '../model/schema';
import { Field } from '../ui/Field';

export function SettingsForm({ settings, onSave }: { settings: Settings; onSave: (settings: Settings) => void }) {
  const [timeout, setTimeoutText] = useState(String(settings.sdkTimeoutSeconds));
  const [apiUrl, setApiUrl] = useState(settings.kustomerApiUrl);
  const [error, setError] = useState<string>();
  const [apiError, setApiError] = useState<string>();
  // The fields start from the stored settings and are the tester's from then on: no effect
  // resets them after mount (that would wipe what was typed right after the page opened).

  return (
    <form
      class="panel"
      aria-label="Settings"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const seconds = Number(timeout);
        const badSeconds = !Number.isFinite(seconds) || seconds < 1 || seconds > 120;
        const urlProblem = apiUrlProblem(apiUrl);
        setError(badSeconds ? 'Enter a number of seconds from 1 to 120.' : undefined);
        setApiError(urlProblem);
        if (badSeconds || urlProblem) return;
        onSave({ ...settings, sdkTimeoutSeconds: seconds, kustomerApiUrl: apiUrl.trim() });
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
      <Field
        id="api-url"
        label="Kustomer API URL"
        value={apiUrl}
        error={apiError}
        help="Where Fetch secret asks; {org} is replaced by the org name. Point it at a local simulator to try the flow."
        onInput={setApiUrl}
      />
      <button type="submit">Save settings</button>
    </form>
  );
}

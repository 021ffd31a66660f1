import { useState } from 'preact/hooks';
import { featureValues } from '../model/feature-settings';
import type { Settings } from '../model/schema';
import type { FeatureSetting, SecretFetchers, VendorId } from '../model/vendor';
import { Field } from '../ui/Field';

/** Every vendor feature's settings, with the vendor they are kept under. */
function featureSettings(fetchers: SecretFetchers): { vendor: VendorId; setting: FeatureSetting }[] {
  return Object.entries(fetchers).flatMap(([vendor, fetcher]) => (fetcher?.settings ?? []).map((setting) => ({ vendor, setting })));
}

export function SettingsForm({ settings, fetchers, onSave }: { settings: Settings; fetchers: SecretFetchers; onSave: (settings: Settings) => void }) {
  const features = featureSettings(fetchers);
  const [timeout, setTimeoutText] = useState(String(settings.sdkTimeoutSeconds));
  // Each feature setting as typed, by vendor then key: starting from what the feature uses.
  const [typed, setTyped] = useState<Record<VendorId, Record<string, string>>>(() =>
    Object.fromEntries(Object.entries(fetchers).map(([vendor, fetcher]) => [vendor, featureValues(fetcher?.settings ?? [], settings.vendors?.[vendor])])),
  );
  const [error, setError] = useState<string>();
  const [featureErrors, setFeatureErrors] = useState<Record<string, string | undefined>>({});
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
        const problems = Object.fromEntries(features.map(({ vendor, setting }) => [`${vendor}.${setting.key}`, setting.problem?.(typed[vendor]?.[setting.key] ?? '')]));
        setError(badSeconds ? 'Enter a number of seconds from 1 to 120.' : undefined);
        setFeatureErrors(problems);
        if (badSeconds || Object.values(problems).some(Boolean)) return;
        const vendors = { ...settings.vendors };
        for (const { vendor, setting } of features) vendors[vendor] = { ...vendors[vendor], [setting.key]: (typed[vendor]?.[setting.key] ?? '').trim() };
        onSave({ ...settings, sdkTimeoutSeconds: seconds, ...(Object.keys(vendors).length > 0 ? { vendors } : {}) });
      }}
    >
      <h2 id="settings-heading">Settings</h2>
      <Field
        id="sdk-timeout"
        label="SDK timeout (seconds)"
        type="number"
        value={timeout}
        error={error}
        help="How long to wait for the page's chat SDK to load and to answer each call before giving up."
        onInput={setTimeoutText}
      />
      {features.map(({ vendor, setting }) => (
        <Field
          key={`${vendor}.${setting.key}`}
          id={`setting-${vendor}-${setting.key}`}
          label={setting.label}
          value={typed[vendor]?.[setting.key] ?? ''}
          error={featureErrors[`${vendor}.${setting.key}`]}
          help={setting.help}
          onInput={(value) => setTyped({ ...typed, [vendor]: { ...typed[vendor], [setting.key]: value } })}
        />
      ))}
      <button type="submit">Save settings</button>
    </form>
  );
}

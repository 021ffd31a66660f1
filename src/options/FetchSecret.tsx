import { useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { SecretFetcher, VendorEnvironment } from '../model/vendor';
import { needsPermission } from '../sites/sites';
import { Field } from '../ui/Field';

interface Props {
  /** The vendor's Fetch secret (its folder's implementation). */
  fetcher: SecretFetcher;
  /** Its settings as it uses them (featureValues). */
  settings: Record<string, string>;
  /** The environment's vendor settings as typed. */
  environment: VendorEnvironment;
  onFetched: (secret: string) => void;
}

/** Fetch the environment's secret with an admin key that is used once and never kept. */
export function FetchSecret({ fetcher, settings, environment, onFetched }: Props) {
  const [apiKey, setApiKey] = useState('');
  const [fetching, setFetching] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; message: string }>();

  async function fetchFromVendor() {
    const problem = fetcher.problem(environment);
    if (problem) return setNote({ ok: false, message: problem });
    // The vendor's API host is an optional permission: asked for now, from this click.
    const origin = fetcher.origin(settings, environment);
    if (origin && needsPermission(origin)) {
      const granted = await browser.permissions.request({ origins: [origin] }).catch(() => false);
      if (!granted) return setNote({ ok: false, message: `The browser did not grant access to ${origin}, so the secret cannot be fetched.` });
    }
    setFetching(true);
    const result = await fetcher.fetch(settings, environment, apiKey);
    setFetching(false);
    setApiKey(''); // used once, never kept
    if (!result.ok) return setNote({ ok: false, message: result.message });
    onFetched(result.secret);
    setNote({ ok: true, message: result.message });
  }

  return (
    <>
      <div class="save-row">
        <Field id="env-api-key" label={fetcher.key.label} type="password" value={apiKey} autoComplete="off" help={fetcher.key.help} onInput={setApiKey} />
        <button type="button" disabled={fetching} onClick={fetchFromVendor}>
          Fetch secret
        </button>
      </div>
      {note && (
        <p class={note.ok ? 'field__help' : 'field__error'} role={note.ok ? undefined : 'alert'}>
          {note.message}
        </p>
      )}
    </>
  );
}

import { useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { needsPermission } from '../sites/sites';
import { Field } from '../ui/Field';
import { apiOrigin, fetchSecret, orgNameProblem } from '../vendors/kustomer/api';

interface Props {
  /** Where "Fetch secret" asks Kustomer (a setting; {org} is replaced). */
  apiUrl: string;
  orgName: string;
  onFetched: (secret: string) => void;
}

/** Kustomer only: fetch the org's chat secret with an API key that is used once and never kept. */
export function FetchSecret({ apiUrl, orgName, onFetched }: Props) {
  const [apiKey, setApiKey] = useState('');
  const [fetching, setFetching] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; message: string }>();

  async function fetchFromKustomer() {
    const problem = orgNameProblem(orgName);
    if (problem) return setNote({ ok: false, message: problem });
    // Kustomer's API host is an optional permission: asked for now, from this click.
    const origin = apiOrigin(apiUrl, orgName);
    if (origin && needsPermission(origin)) {
      const granted = await browser.permissions.request({ origins: [origin] }).catch(() => false);
      if (!granted) return setNote({ ok: false, message: `The browser did not grant access to ${origin}, so the secret cannot be fetched.` });
    }
    setFetching(true);
    const result = await fetchSecret(apiUrl, orgName, apiKey);
    setFetching(false);
    setApiKey(''); // used once, never kept
    if (!result.ok) return setNote({ ok: false, message: result.message });
    onFetched(result.secret);
    setNote({ ok: true, message: `Fetched the chat secret of ${orgName.trim().toLowerCase()}. Click Save to keep it.` });
  }

  return (
    <>
      <div class="save-row">
        <Field
          id="env-api-key"
          label="API key"
          type="password"
          value={apiKey}
          autoComplete="off"
          help="A Kustomer API key with the org.admin and org.user roles. Used once to fetch the secret, never stored."
          onInput={setApiKey}
        />
        <button type="button" disabled={fetching} onClick={fetchFromKustomer}>
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

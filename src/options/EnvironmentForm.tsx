import { useState } from 'preact/hooks';
import { type EnvironmentDraft, environmentFromDraft } from '../actions/environment';
import type { Environment } from '../model/schema';
import type { SiteProblem } from '../sites/site-patterns';
import browser from 'webextension-polyfill';
import { needsPermission } from '../sites/sites';
import { Field } from '../ui/Field';
import { apiOrigin, fetchSecret, orgNameProblem } from '../vendors/kustomer/api';
import { profileOf, VENDOR_IDS } from '../vendors/registry';
import type { VendorId } from '../model/vendor';

interface EnvironmentFormProps {
  /** The environment being edited, or a draft for a new one. */
  initial: EnvironmentDraft;
  existing: Environment[];
  /** Where "Fetch secret" asks Kustomer (a setting; {org} is replaced). */
  apiUrl: string;
  onSave: (environment: Environment) => void;
  onCancel?: () => void;
}

export function emptyDraft(site?: string): EnvironmentDraft {
  return { name: '', vendor: 'kustomer', sites: site ?? '', secret: '' };
}

/** The form for an environment; `secret` is its plain secret when the tester may see it. */
export function draftOf(environment: Environment, secret?: string): EnvironmentDraft {
  return {
    id: environment.id,
    name: environment.name,
    vendor: environment.vendor,
    sites: environment.sites.join('\n'),
    secret: secret ?? environment.secret,
    observeLogins: environment.observeLogins !== false,
    orgName: environment.orgName ?? '',
    keyId: environment.keyId ?? '',
    appId: environment.appId ?? '',
    sealedSecret: secret === undefined ? environment.secretSealed : undefined,
  };
}

export function EnvironmentForm({ initial, existing, apiUrl, onSave, onCancel }: EnvironmentFormProps) {
  const [draft, setDraft] = useState(initial);
  const [apiKey, setApiKey] = useState('');
  const [fetching, setFetching] = useState(false);
  const [fetchNote, setFetchNote] = useState<{ ok: boolean; message: string }>();
  const [showSecret, setShowSecret] = useState(false);
  const [errors, setErrors] = useState<{ name?: string; sites?: string; setting?: string; problems: SiteProblem[] }>({ problems: [] });
  const vendor = profileOf(draft.vendor);
  const { setting } = vendor;

  // The parent remounts this form (key) for each new draft, so state starts from `initial`.
  // No focus is moved after mount: it would steal keystrokes a tester is already typing.

  const editing = initial.id !== undefined;

  async function fetchFromKustomer() {
    const orgName = draft.orgName ?? '';
    const problem = orgNameProblem(orgName);
    if (problem) return setFetchNote({ ok: false, message: problem });
    // Kustomer's API host is an optional permission: asked for now, from this click.
    const origin = apiOrigin(apiUrl, orgName);
    if (origin && needsPermission(origin)) {
      const granted = await browser.permissions.request({ origins: [origin] }).catch(() => false);
      if (!granted) return setFetchNote({ ok: false, message: `The browser did not grant access to ${origin}, so the secret cannot be fetched.` });
    }
    setFetching(true);
    const result = await fetchSecret(apiUrl, orgName, apiKey);
    setFetching(false);
    setApiKey(''); // used once, never kept
    if (!result.ok) return setFetchNote({ ok: false, message: result.message });
    setDraft({ ...draft, secret: result.secret, sealedSecret: undefined });
    setFetchNote({ ok: true, message: `Fetched the chat secret of ${orgName.trim().toLowerCase()}. Click Save to keep it.` });
  }

  function submit(event: Event) {
    event.preventDefault();
    const result = environmentFromDraft(draft, existing);
    if (!result.ok) {
      setErrors({ name: result.nameError, sites: result.sitesError, setting: result.settingError, problems: result.siteProblems });
      return;
    }
    setErrors({ problems: [] });
    onSave(result.environment);
  }

  const sitesError =
    errors.sites ??
    (errors.problems.length > 0 ? `${errors.problems.length} line(s) are not a site: fix them below.` : undefined);

  return (
    <form class="panel" aria-label={editing ? `Edit environment ${initial.name}` : 'Add environment'} onSubmit={submit} noValidate>
      <h2>{editing ? `Edit "${initial.name}"` : 'Add an environment'}</h2>
      <Field
        id="env-name"
        label="Name"
        value={draft.name}
        placeholder="Staging EU"
        error={errors.name}
        onInput={(name) => setDraft({ ...draft, name })}
      />
      <div class="field">
        <label for="env-vendor">Chat vendor</label>
        <select id="env-vendor" value={vendor.id} onChange={(e) => setDraft({ ...draft, vendor: e.currentTarget.value as VendorId })}>
          {VENDOR_IDS.map((id) => (
            <option key={id} value={id}>
              {profileOf(id).name}
            </option>
          ))}
        </select>
      </div>
      <Field
        id="env-sites"
        label="Sites"
        multiline
        rows={3}
        value={draft.sites}
        placeholder={'https://staging.example.com\nhttps://*.staging.example.com/*'}
        error={sitesError}
        help="One per line: an origin (https://staging.example.com) or a match pattern (https://*.staging.example.com/*). Sites other than localhost ask the browser for access when you save."
        onInput={(sites) => setDraft({ ...draft, sites })}
      />
      {errors.problems.length > 0 && (
        <ul class="problems" aria-label="Site problems">
          {errors.problems.map((p) => (
            <li key={p.line}>
              Line {p.line} (<code>{p.input}</code>): {p.error}
            </li>
          ))}
        </ul>
      )}
      <Field
        id={`env-${setting.key}`}
        label={setting.label}
        value={draft[setting.key] ?? ''}
        placeholder={setting.placeholder}
        error={errors.setting}
        help={setting.help}
        onInput={(value) => setDraft({ ...draft, [setting.key]: value })}
      />
      <Field
        id="env-secret"
        label="Secret"
        type={showSecret ? 'text' : 'password'}
        value={draft.secret}
        autoComplete="off"
        placeholder={draft.sealedSecret ? 'Locked: leave empty to keep the stored secret' : ''}
        help={`${vendor.secretHelp} Stored only in this browser profile, never synced, never sent to the page.`}
        onInput={(secret) => setDraft({ ...draft, secret })}
      />
      <label class="checkbox">
        <input type="checkbox" checked={showSecret} onChange={(e) => setShowSecret(e.currentTarget.checked)} />
        Show secret
      </label>
      {vendor.capabilities.fetchSecret && (
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
      )}
      {fetchNote && (
        <p class={fetchNote.ok ? 'field__help' : 'field__error'} role={fetchNote.ok ? undefined : 'alert'}>
          {fetchNote.message}
        </p>
      )}
      <label class="checkbox">
        <input
          type="checkbox"
          checked={draft.observeLogins !== false}
          onChange={(e) => setDraft({ ...draft, observeLogins: e.currentTarget.checked })}
        />
        Show tokens this site sends itself
      </label>
      <p class="field__help" style="margin:-0.4rem 0 0.6rem">
        Lists the tokens the site's own code passes to {vendor.callName('login')} under "Seen on this page" in the popup, with what is wrong with them. They stay in memory for as long as the tab is open.
      </p>
      <div class="row">
        <button type="submit" class="primary">
          Save
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

import { useEffect, useRef, useState } from 'preact/hooks';
import { type EnvironmentDraft, environmentFromDraft } from '../actions/environment';
import type { Environment, Settings } from '../model/schema';
import { featureValues } from '../model/feature-settings';
import type { SiteProblem } from '../sites/site-patterns';
import { needsPermission, permissionOrigins } from '../sites/sites';
import { ChoiceField } from '../ui/ChoiceField';
import { Field } from '../ui/Field';
import { choiceOf } from '../model/vendor-settings';
import { FetchSecret } from './FetchSecret';
import { SitesField } from './SitesField';
import { DEFAULT_VENDOR, isVendorId, profileOf, VENDOR_IDS } from '../vendors/registry';
import type { SecretFetchers, VendorId } from '../model/vendor';

interface EnvironmentFormProps {
  /** The environment being edited, or a draft for a new one. */
  initial: EnvironmentDraft;
  existing: Environment[];
  /** Each vendor's Fetch secret, where it has one. */
  fetchers: SecretFetchers;
  /** The extension's settings: a feature's own (where Fetch secret asks) are under its vendor. */
  settings: Settings;
  onSave: (environment: Environment) => Promise<void>;
  onCancel?: () => void;
  /** Scroll to the form and put the cursor in Name (Options opened for a site from the popup). */
  focusOnMount?: boolean;
}

export function emptyDraft(site?: string, vendor?: string | null): EnvironmentDraft {
  return { name: '', vendor: isVendorId(vendor) ? vendor : DEFAULT_VENDOR, sites: site ?? '', secret: '' };
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
    settings: { ...environment.settings },
    apiOrigins: (environment.apiOrigins ?? []).join('\n'),
    sealedSecret: secret === undefined ? environment.secretSealed : undefined,
  };
}

export function EnvironmentForm({ initial, existing, fetchers, settings, onSave, onCancel, focusOnMount }: EnvironmentFormProps) {
  const [draft, setDraft] = useState(initial);
  const [showSecret, setShowSecret] = useState(false);
  const [errors, setErrors] = useState<{ name?: string; sites?: string; settings?: Record<string, string>; apiOrigins?: string; problems: SiteProblem[] }>({ problems: [] });
  const vendor = profileOf(draft.vendor);
  const fetcher = fetchers[vendor.id];

  /** While saving: the origins the browser is being asked for (its prompt waits on the tester). */
  const [saving, setSaving] = useState<{ asking: string[] }>();
  const formRef = useRef<HTMLFormElement>(null);
  const nameRef = useRef<HTMLInputElement | HTMLTextAreaElement | null>(null);

  // The parent remounts this form (key) for each new draft, so state starts from `initial`.
  // Focus moves only when asked (Options opened for a site): otherwise it would steal
  // keystrokes a tester is already typing.
  useEffect(() => {
    if (!focusOnMount) return;
    formRef.current?.scrollIntoView({ block: 'start' });
    nameRef.current?.focus();
  }, []);

  const editing = initial.id !== undefined;

  function submit(event: Event) {
    event.preventDefault();
    const result = environmentFromDraft(draft, existing);
    if (!result.ok) {
      setErrors({ name: result.nameError, sites: result.sitesError, settings: result.settingErrors, apiOrigins: result.apiOriginsError, problems: result.siteProblems });
      return;
    }
    setErrors({ problems: [] });
    setSaving({ asking: permissionOrigins(result.environment.sites).filter(needsPermission) });
    // onSave asks for the permission first thing, inside this click (Chrome needs the gesture).
    void onSave(result.environment).finally(() => setSaving(undefined));
  }

  const sitesError =
    errors.sites ??
    (errors.problems.length === 1 ? '1 line is not a site: fix it below.' : errors.problems.length > 1 ? `${errors.problems.length} lines are not sites: fix them below.` : undefined);

  return (
    <form ref={formRef} class="panel" aria-label={editing ? `Edit environment ${initial.name}` : 'Add environment'} onSubmit={submit} noValidate>
      <h2 id="environment-form-heading">{editing ? `Edit "${initial.name}"` : 'Add an environment'}</h2>
      <Field
        id="env-name"
        label="Name"
        value={draft.name}
        placeholder="Staging EU"
        error={errors.name}
        inputRef={(el) => {
          nameRef.current = el;
        }}
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
      <SitesField
        value={draft.sites}
        onInput={(sites) => setDraft({ ...draft, sites })}
        problems={errors.problems}
        error={sitesError}
        name={draft.name.trim()}
        id={draft.id}
        others={existing}
      />
      {vendor.settings.map((setting) =>
        setting.choices ? (
          <ChoiceField
            key={setting.key}
            id={`env-${setting.key}`}
            label={setting.label}
            value={choiceOf(setting, draft.settings)}
            choices={setting.choices}
            error={errors.settings?.[setting.key]}
            help={setting.help}
            onChange={(value) => setDraft({ ...draft, settings: { ...draft.settings, [setting.key]: value } })}
          />
        ) : (
        <Field
          key={setting.key}
          id={`env-${setting.key}`}
          label={setting.label}
          value={draft.settings?.[setting.key] ?? ''}
          placeholder={setting.placeholder}
          error={errors.settings?.[setting.key]}
          help={setting.help}
          onInput={(value) => setDraft({ ...draft, settings: { ...draft.settings, [setting.key]: value } })}
        />
        ),
      )}
      <Field
        id="env-api-origins"
        label="API origin"
        multiline
        rows={2}
        value={draft.apiOrigins ?? ''}
        placeholder="https://chat.example.com"
        error={errors.apiOrigins}
        help={`Optional, one per line: where ${vendor.name}'s server answers when it is not at ${vendor.name}'s own hosts (a self-hosted server, a proxy, a test server). Only answers from ${vendor.name}'s hosts and these origins count as its verdict on a login; the site's own origin counts only when listed here.`}
        onInput={(apiOrigins) => setDraft({ ...draft, apiOrigins })}
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
      {fetcher && (
        <FetchSecret
          fetcher={fetcher}
          settings={featureValues(fetcher.settings, settings.vendors?.[vendor.id])}
          environment={draft.settings ?? {}}
          onFetched={(secret) => setDraft((d) => ({ ...d, secret, sealedSecret: undefined }))}
        />
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
      {saving && saving.asking.length > 0 && (
        <p class="status status--info" role="alert">
          The browser is asked for access to {saving.asking.join(', ')} (unless it has granted it before): the extension needs it to log customers in
          on those pages. Answer the browser's prompt to finish saving.
        </p>
      )}
      <div class="row">
        <button type="submit" class="primary" disabled={saving !== undefined}>
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

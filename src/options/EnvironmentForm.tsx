import { useEffect, useRef, useState } from 'preact/hooks';
import { type EnvironmentDraft, environmentFromDraft } from '../core/environment';
import type { Environment } from '../core/schema';
import type { SiteProblem } from '../core/sites';
import { Field } from '../ui/Field';

interface EnvironmentFormProps {
  /** The environment being edited, or a draft for a new one. */
  initial: EnvironmentDraft;
  existing: Environment[];
  onSave: (environment: Environment) => void;
  onCancel?: () => void;
}

export function emptyDraft(site?: string): EnvironmentDraft {
  return { name: '', sites: site ?? '', secret: '' };
}

export function draftOf(environment: Environment): EnvironmentDraft {
  return {
    id: environment.id,
    name: environment.name,
    sites: environment.sites.join('\n'),
    secret: environment.secret,
    observeLogins: environment.observeLogins !== false,
  };
}

export function EnvironmentForm({ initial, existing, onSave, onCancel }: EnvironmentFormProps) {
  const [draft, setDraft] = useState(initial);
  const [showSecret, setShowSecret] = useState(false);
  const [errors, setErrors] = useState<{ name?: string; sites?: string; problems: SiteProblem[] }>({ problems: [] });
  const nameRef = useRef<HTMLInputElement | HTMLTextAreaElement | null>(null);

  // The parent remounts this form (key) for each new draft, so state starts from `initial`.
  useEffect(() => {
    if (initial.id || initial.sites) nameRef.current?.focus();
  }, []);

  const editing = initial.id !== undefined;

  function submit(event: Event) {
    event.preventDefault();
    const result = environmentFromDraft(draft, existing);
    if (!result.ok) {
      setErrors({ name: result.nameError, sites: result.sitesError, problems: result.siteProblems });
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
        inputRef={(el) => {
          nameRef.current = el;
        }}
        onInput={(name) => setDraft({ ...draft, name })}
      />
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
        id="env-secret"
        label="Secret"
        type={showSecret ? 'text' : 'password'}
        value={draft.secret}
        autoComplete="off"
        help="The org's chat signing secret (see the README for how to get it). Stored only in this browser profile, never synced, never sent to the page."
        onInput={(secret) => setDraft({ ...draft, secret })}
      />
      <label class="checkbox">
        <input type="checkbox" checked={showSecret} onChange={(e) => setShowSecret(e.currentTarget.checked)} />
        Show secret
      </label>
      <label class="checkbox">
        <input
          type="checkbox"
          checked={draft.observeLogins !== false}
          onChange={(e) => setDraft({ ...draft, observeLogins: e.currentTarget.checked })}
        />
        Show tokens this site sends itself
      </label>
      <p class="field__help" style="margin:-0.4rem 0 0.6rem">
        Lists the tokens the site's own code passes to Kustomer.login under "Seen on this page" in the popup, with what is wrong with them. They stay in memory for as long as the tab is open.
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

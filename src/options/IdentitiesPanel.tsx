import { useEffect, useRef, useState } from 'preact/hooks';
import { store } from '../storage/extension-store';
import { type IdentityDraft, type IdentityErrors, identityFromDraft, sortIdentities } from '../model/identity';
import type { Environment, Identity } from '../model/schema';
import { ConflictError } from '../storage/storage';
import { Field } from '../ui/Field';
import type { Tone } from '../ui/StatusRegion';
import { profileOf } from '../vendors/registry';
import { messageOf } from '../model/errors';

const empty: IdentityDraft = { label: '', externalId: '', email: '', note: '' };

interface IdentitiesPanelProps {
  environments: Environment[];
  notify: (tone: Tone, message: string, undo?: () => Promise<void>) => void;
}

/** Saved test identities of one environment: add, edit, delete. */
export function IdentitiesPanel({ environments, notify }: IdentitiesPanelProps) {
  const [environmentId, setEnvironmentId] = useState(environments[0]?.id);
  const [identities, setIdentities] = useState<Identity[]>([]);
  const [unreadable, setUnreadable] = useState(0);
  const [draft, setDraft] = useState<IdentityDraft>(empty);
  const [errors, setErrors] = useState<IdentityErrors>({});

  const environment = environments.find((e) => e.id === environmentId) ?? environments[0];
  const vendor = profileOf(environment?.vendor);
  const idLabel = vendor.fields[0]?.label ?? 'External ID';

  async function reload(id = environment?.id) {
    if (!id) return;
    const snapshot = await store.identities(id);
    setIdentities(sortIdentities(snapshot.identities));
    setUnreadable(snapshot.unreadable.length);
  }

  // Loads the list for the chosen environment; the form is cleared only when the choice
  // changes, not on mount (that would wipe what was typed right after the page opened).
  const shownFor = useRef(environment?.id);
  useEffect(() => {
    if (shownFor.current !== environment?.id) {
      shownFor.current = environment?.id;
      setDraft(empty);
      setErrors({});
    }
    void reload(environment?.id);
    // `environments` is a new list after every change on the page (an import, an Undo): the
    // identities may have changed with it.
  }, [environment?.id, environments]);

  if (!environment) return null;

  async function save(event: Event) {
    event.preventDefault();
    if (!environment) return;
    const result = identityFromDraft(draft, identities, Date.now(), vendor, environment.settings);
    if (!result.ok) return setErrors(result.errors);
    try {
      await store.saveIdentity(environment.id, result.identity);
    } catch (caught) {
      if (caught instanceof ConflictError) return setErrors({ label: caught.message });
      return notify('error', `Not saved: ${messageOf(caught)}. Your entries are still in the form.`);
    }
    setErrors({});
    setDraft(empty);
    await reload();
    notify('success', `Saved identity "${result.identity.label}".`);
  }

  async function remove(identity: Identity) {
    if (!environment) return;
    const envId = environment.id;
    const removed = await store.deleteIdentity(envId, identity.id);
    await reload();
    if (removed) {
      notify('success', `Deleted identity "${identity.label}".`, async () => {
        await store.restoreIdentity(envId, removed.identity, removed.index);
        await reload(envId);
      });
    }
  }

  return (
    <section class="panel" aria-labelledby="identities-heading">
      <h2 id="identities-heading">Identities</h2>
      {environments.length > 1 && (
        <div class="field">
          <label for="identities-environment">Environment for identities</label>
          <select id="identities-environment" value={environment.id} onChange={(e) => setEnvironmentId(e.currentTarget.value)}>
            {environments.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {unreadable > 0 && <p class="warning">{unreadable} stored identit{unreadable === 1 ? 'y' : 'ies'} could not be read; kept untouched.</p>}
      {identities.length === 0 && <p class="muted">No saved identities in {environment.name} yet.</p>}
      <ul class="environments" aria-label={`Identities of ${environment.name}`}>
        {identities.map((identity) => (
          <li key={identity.id} class="environment" aria-label={identity.label}>
            <h3>{identity.label}</h3>
            <p class="muted">
              {[identity.externalId && `${idLabel} ${identity.externalId}`, identity.email, identity.name].filter(Boolean).join(' · ')}
              {identity.note && ` — ${identity.note}`}
            </p>
            <div class="row">
              <button type="button" onClick={() => setDraft({ ...identity })}>
                Edit
              </button>
              <button type="button" onClick={() => remove(identity)}>
                Delete
              </button>
            </div>
          </li>
        ))}
      </ul>
      <form aria-label={draft.id ? `Edit identity ${draft.label}` : 'Add identity'} onSubmit={save} noValidate>
        <h3>{draft.id ? 'Edit identity' : `Add an identity to ${environment.name}`}</h3>
        <Field id="identity-label" label="Label" value={draft.label} error={errors.label} placeholder="VIP with 3 open chats" onInput={(label) => setDraft({ ...draft, label })} />
        {vendor.fields.map((field) => (
          <Field
            key={field.key}
            id={`identity-${field.key}`}
            label={field.label}
            type={field.type}
            value={draft[field.key] ?? ''}
            error={field.key === 'externalId' ? errors.identity : field.key === 'email' ? errors.email : undefined}
            onInput={(value) => setDraft({ ...draft, [field.key]: value })}
          />
        ))}
        <Field id="identity-note" label="Note" value={draft.note} onInput={(note) => setDraft({ ...draft, note })} />
        <div class="row">
          <button type="submit">Save identity</button>
          {draft.id && (
            <button type="button" onClick={() => setDraft(empty)}>
              Cancel
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

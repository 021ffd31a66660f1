import { useEffect, useMemo, useState } from 'preact/hooks';
import type { EnvironmentDraft } from '../actions/environment';
import { store } from '../storage/extension-store';
import { vault } from '../storage/extension-vault';
import { PassphraseError } from '../storage/vault';
import { DEFAULT_SETTINGS, type Environment, type Settings } from '../model/schema';
import type { EnvironmentsSnapshot } from '../storage/storage';
import { StatusRegion, type Tone } from '../ui/StatusRegion';
import { draftOf, EnvironmentForm, emptyDraft } from './EnvironmentForm';
import { requestSiteAccess } from './permissions';
import { IdentitiesPanel } from './IdentitiesPanel';
import { DataPanel } from './DataPanel';
import { LockPanel } from './LockPanel';
import { SettingsForm } from './SettingsForm';
import { EnvironmentCard } from './EnvironmentCard';
import { AddSiteChoice } from './AddSiteChoice';
import { browserRefusal } from './site-probe';
import { StoragePanel } from './StoragePanel';
import { messageOf } from '../model/errors';
import type { SecretFetchers } from '../model/vendor';
import { profileOf } from '../vendors/registry';

interface Notice {
  tone: Tone;
  message: string;
  undo?: () => Promise<void>;
}

/** The draft with the account the address names (`?org=acme`: the vendor's word for it) in the setting that holds it. */
function withAccount(draft: EnvironmentDraft, params: URLSearchParams): EnvironmentDraft {
  const account = profileOf(draft.vendor).account;
  const value = account ? params.get(account.noun) : null;
  return account && value ? { ...draft, settings: { ...draft.settings, [account.setting]: value } } : draft;
}

/** The page's sections, for the links at its top (a long page: one click to each). */
const SECTIONS: readonly [string, string][] = [
  ['environments-heading', 'Environments'],
  ['environment-form-heading', 'Add or edit'],
  ['identities-heading', 'Identities'],
  ['lock-heading', 'Passphrase lock'],
  ['data-heading', 'Import and export'],
  ['settings-heading', 'Settings'],
  ['storage-heading', 'Storage'],
];

export function Options({ params, fetchers = {} }: { params: URLSearchParams; fetchers?: SecretFetchers }) {
  const [snapshot, setSnapshot] = useState<EnvironmentsSnapshot>();
  const [settings, setSettings] = useState<Settings>();
  const site = params.get('site') ?? undefined;
  // The account the page's chat names, when the popup knows it (?org=acme, in its vendor's word): one field less to look up.
  const [draft, setDraftState] = useState<EnvironmentDraft>(() => withAccount(emptyDraft(site, params.get('vendor')), params));
  const [formKey, setFormKey] = useState(0);
  const setDraft = (next: EnvironmentDraft) => {
    setDraftState(next);
    setFormKey((k) => k + 1);
  };
  const [notice, setNotice] = useState<Notice>();
  /** Whether the next form mounts scrolled to and focused: opened for a site, or a site added to an environment. */
  const [focusForm, setFocusForm] = useState(site !== undefined);

  async function reload() {
    try {
      const [next, nextSettings] = await Promise.all([store.environments(), store.settings()]);
      setSnapshot(next);
      setSettings(nextSettings);
      return next;
    } catch (caught) {
      setNotice({ tone: 'error', message: `Could not read stored data: ${messageOf(caught)}` });
      return undefined;
    }
  }

  useEffect(() => {
    void reload().then((loaded) => {
      const editId = params.get('edit');
      const env = loaded?.environments.find((e) => e.id === editId);
      if (env) setDraft(draftOf(env));
    });
  }, []);

  const environments = snapshot?.environments ?? [];
  const unreadableCount = useMemo(() => (snapshot ? snapshot.unreadable.length + snapshot.setAside.length : 0), [snapshot]);

  async function save(environment: Environment) {
    // The permission prompt must come first, while Chrome still counts this as the click.
    const denied = await requestSiteAccess(environment);
    const refused = await browserRefusal(environment.sites);
    if (refused) {
      setNotice({ tone: 'error', message: `Not saved: the browser cannot match these sites (${refused}). Your entries are still in the form.` });
      return;
    }
    try {
      await store.saveEnvironment(environment, (e) => vault.forStorage(e));
    } catch (caught) {
      if (caught instanceof PassphraseError) {
        setNotice({ tone: 'error', message: `Not saved: ${caught.message} (Passphrase lock, below). Your entries are still in the form.` });
        return;
      }
      setNotice({ tone: 'error', message: `Not saved: ${messageOf(caught)}. Your entries are still in the form.` });
      return;
    }
    await reload();
    setFocusForm(false);
    setDraft(emptyDraft());
    const secretNote = environment.secret === '' && !environment.secretSealed ? ' It has no secret yet: add one before logging in.' : '';
    setNotice(
      denied.length > 0
        ? {
            tone: 'warning',
            message: `Saved "${environment.name}", but the browser did not grant access to ${denied.join(', ')}. The popup will offer to ask again.${secretNote}`,
          }
        : { tone: secretNote ? 'warning' : 'success', message: `Saved "${environment.name}".${secretNote}` },
    );
  }

  /** Edits show the plain secret when it is readable; a locked one stays sealed unless replaced. */
  async function edit(environment: Environment, addSite?: string) {
    const secret = await vault.secretOf(environment).catch(() => undefined);
    const next = draftOf(environment, secret);
    setDraft(addSite ? { ...next, sites: `${next.sites}\n${addSite}` } : next);
  }

  async function remove(environment: Environment) {
    try {
      const removed = await store.deleteEnvironment(environment.id);
      await reload();
      if (draft.id === environment.id) setDraft(emptyDraft());
      setNotice(
        removed
          ? {
              tone: 'success',
              message:
                removed.identities.length === 0
                  ? `Deleted "${environment.name}" (it had no saved identities).`
                  : `Deleted "${environment.name}" and its ${removed.identities.length === 1 ? 'saved identity' : `${removed.identities.length} saved identities`}.`,
              undo: async () => {
                await store.restoreEnvironment(removed.env, removed.index, removed.identities, removed.kept);
                await reload();
                setNotice({ tone: 'success', message: `Restored "${removed.env.name}".` });
              },
            }
          : { tone: 'warning', message: `"${environment.name}" was already gone.` },
      );
    } catch (caught) {
      setNotice({ tone: 'error', message: `Not deleted: ${messageOf(caught)}` });
    }
  }

  async function undo(restore: () => Promise<void>) {
    try {
      await restore();
    } catch (caught) {
      setNotice({ tone: 'error', message: `Could not undo: ${messageOf(caught)}` });
    }
  }

  async function saveSettings(next: Settings) {
    await store.saveSettings(next);
    setSettings(next);
    setNotice({ tone: 'success', message: 'Settings saved.' });
  }

  return (
    <>
      <h1>Chat Identity Lab — Options</h1>
      <nav class="sections" aria-label="Sections">
        <ul>
          {SECTIONS.map(([id, label]) => (
            <li key={id}>
              <a href={`#${id}`}>{label}</a>
            </li>
          ))}
        </ul>
      </nav>
      <StatusRegion tone={notice?.tone}>
        {notice && (
          <p>
            {notice.message}{' '}
            {notice.undo && (
              <button type="button" onClick={() => notice.undo && undo(notice.undo)}>
                Undo
              </button>
            )}
          </p>
        )}
      </StatusRegion>

      {unreadableCount > 0 && (
        <div role="alert" class="status status--warning">
          <p>
            {unreadableCount} stored record(s) could not be read. They are kept in storage untouched and are not used:{' '}
            {snapshot?.unreadable.map((u) => `environment #${u.index + 1} (${u.reason})`).join(', ')}
            {snapshot?.setAside.map((s) => `${s.key} (${s.reason}, set aside ${s.at})`).join(', ')}
          </p>
        </div>
      )}

      <h2 id="environments-heading">Environments</h2>
      {snapshot && environments.length === 0 && (
        <p class="muted">No environments yet. Add the staging site you test and its org's chat secret below.</p>
      )}
      <ul class="environments" aria-labelledby="environments-heading">
        {environments.map((environment) => (
          <EnvironmentCard key={environment.id} environment={environment} all={environments} onEdit={() => void edit(environment)} onDelete={() => void remove(environment)} />
        ))}
      </ul>

      {site && draft.id === undefined && environments.length > 0 && <AddSiteChoice site={site} environments={environments} onChoose={(e) => {
            setFocusForm(true);
            void edit(e, site);
          }} />}

      <EnvironmentForm
        key={formKey}
        focusOnMount={focusForm}
        initial={draft}
        fetchers={fetchers}
        settings={settings ?? DEFAULT_SETTINGS}
        existing={environments}
        onSave={save}
        onCancel={draft.id !== undefined ? () => setDraft(emptyDraft()) : undefined}
      />

      {environments.length > 0 && (
        <IdentitiesPanel
          environments={environments}
          notify={(tone, message, undoIt) =>
            setNotice({
              tone,
              message,
              undo: undoIt
                ? async () => {
                    await undoIt();
                    setNotice({ tone: 'success', message: 'Restored.' });
                  }
                : undefined,
            })
          }
        />
      )}

      <LockPanel notify={(tone, message) => setNotice({ tone, message })} onChange={() => void reload()} />

      <DataPanel onChange={() => void reload()} />

      {settings && <SettingsForm settings={settings} fetchers={fetchers} onSave={saveSettings} />}

      <StoragePanel notify={(tone, message) => setNotice({ tone, message })} />
    </>
  );
}

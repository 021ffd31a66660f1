import { useEffect, useState } from 'preact/hooks';
import { vault } from '../storage/extension-vault';
import { PassphraseError, type VaultStatus } from '../storage/vault';
import { Field } from '../ui/Field';
import type { Tone } from '../ui/StatusRegion';
import { messageOf } from '../model/errors';

interface LockPanelProps {
  notify: (tone: Tone, message: string) => void;
  /** Called after the lock changed how secrets are stored. */
  onChange: () => void;
}

/** The optional passphrase lock: set, unlock, lock now, change, remove. */
export function LockPanel({ notify, onChange }: LockPanelProps) {
  const [status, setStatus] = useState<VaultStatus>();
  const [passphrase, setPassphrase] = useState('');
  const [idle, setIdle] = useState('30');
  const [busy, setBusy] = useState(false);
  /** Set while "Forgot passphrase" asks for confirmation: how many secrets it would delete. */
  const [forgetting, setForgetting] = useState<number>();
  /** Set while "Remove passphrase" asks for the current passphrase. */
  const [removing, setRemoving] = useState(false);
  const [current, setCurrent] = useState('');

  const refresh = () => vault.status().then(setStatus, () => setStatus('locked'));
  useEffect(() => {
    void refresh();
  }, []);

  async function run(work: () => Promise<void>, success: string) {
    setBusy(true);
    try {
      await work();
      setPassphrase('');
      notify('success', success);
      onChange();
    } catch (caught) {
      notify('error', caught instanceof PassphraseError ? caught.message : `Nothing changed: ${messageOf(caught)}`);
    } finally {
      setBusy(false);
      await refresh();
    }
  }

  if (!status) return null;
  const idleMinutes = Math.max(1, Math.min(24 * 60, Number(idle) || 30));
  return (
    <form class="panel" aria-labelledby="lock-heading" onSubmit={(e) => e.preventDefault()} noValidate>
      <h2 id="lock-heading">Passphrase lock</h2>
      {status === 'off' && (
        <p class="muted">
          Optional. With a passphrase, secrets are stored encrypted with a key made from it (AES-GCM, the browser's own encryption; PBKDF2 makes the key), so a copy of the browser profile does not reveal them, and the popup asks for it before signing. The
          passphrase is never stored; forget it and the secrets must be entered again.
        </p>
      )}
      {status === 'locked' && <p>Secrets are locked. Enter the passphrase to use or change them.</p>}
      {forgetting !== undefined && (
        <div role="alertdialog" aria-labelledby="forget-heading" class="confirm">
          <p id="forget-heading">
            Forget the passphrase? This deletes the {forgetting === 1 ? 'encrypted secret of 1 environment' : `encrypted secrets of ${forgetting} environments`} and
            removes the lock, and nothing else: environments, their sites and identities are kept. You then enter each secret again.
          </p>
          <div class="row">
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                run(async () => {
                  await vault.forgetPassphrase();
                  setForgetting(undefined);
                }, 'The lock and the encrypted secrets are gone: enter each environment\'s secret again.')
              }>
              Delete secrets and remove lock
            </button>
            <button type="button" disabled={busy} onClick={() => setForgetting(undefined)}>
              Keep them
            </button>
          </div>
        </div>
      )}
      {status === 'unlocked' && <p>Secrets are encrypted and unlocked in this browser session (until it closes or after being idle).</p>}
      <Field
        id="lock-passphrase"
        label={status === 'unlocked' ? 'New passphrase' : 'Passphrase'}
        type="password"
        value={passphrase}
        autoComplete="new-password"
        onInput={setPassphrase}
      />
      {status === 'off' && (
        <Field id="lock-idle" label="Lock after idle (minutes)" type="number" value={idle} onInput={setIdle} />
      )}
      <div class="row">
        {status === 'off' && (
          <button type="button" disabled={busy} onClick={() => run(() => vault.setPassphrase(passphrase, { idleMinutes }), 'Secrets are now encrypted with the passphrase.')}>
            Lock
          </button>
        )}
        {status === 'locked' && (
          <>
            <button type="button" disabled={busy} onClick={() => run(() => vault.unlock(passphrase), 'Unlocked.')}>
              Unlock
            </button>
            <button type="button" disabled={busy || forgetting !== undefined} onClick={async () => setForgetting(await vault.sealedCount().catch(() => 0))}>
              Forgot passphrase
            </button>
          </>
        )}
        {status === 'unlocked' && (
          <>
            <button type="button" disabled={busy} onClick={() => run(() => vault.lockNow(), 'Locked: the passphrase is needed to sign again.')}>
              Lock
            </button>
            <button type="button" disabled={busy} onClick={() => run(() => vault.setPassphrase(passphrase), 'Passphrase changed: every secret was re-encrypted.')}>
              Change passphrase
            </button>
            <button type="button" disabled={busy || removing} onClick={() => setRemoving(true)}>
              Remove passphrase
            </button>
          </>
        )}
      </div>
      {status === 'unlocked' && removing && (
        <div role="alertdialog" aria-labelledby="remove-lock-heading" class="confirm">
          <p id="remove-lock-heading">
            Remove the lock? Every secret is then stored unencrypted in this browser's profile. Type the current passphrase to confirm.
          </p>
          <Field id="lock-current" label="Current passphrase" type="password" autoComplete="current-password" value={current} onInput={setCurrent} />
          <div class="row">
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                run(async () => {
                  await vault.removePassphrase(current);
                  setRemoving(false);
                  setCurrent('');
                }, 'Passphrase removed: secrets are stored unencrypted again.')
              }>
              Remove the lock
            </button>
            <button
              type="button"
              disabled={busy}
              onClick={() => {
                setRemoving(false);
                setCurrent('');
              }}>
              Keep the lock
            </button>
          </div>
        </div>
      )}
    </form>
  );
}

import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { clearReports } from '../storage/saved-reports';
import { formatBytes, LOCAL_QUOTA_BYTES, type StorageUsage, storageUsage } from '../storage/storage-usage';
import type { Tone } from '../ui/StatusRegion';

interface StoragePanelProps {
  notify: (tone: Tone, message: string) => void;
}

/** How much of the browser's storage the extension uses, by kind, and "Clear reports". */
export function StoragePanel({ notify }: StoragePanelProps) {
  const [usage, setUsage] = useState<StorageUsage>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const refresh = () => void browser.storage.local.get(null).then((all) => setUsage(storageUsage(all)), () => setUsage(undefined));
    refresh();
    const listener = (_changes: Record<string, browser.Storage.StorageChange>, area: string) => {
      if (area === 'local') refresh();
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  }, []);

  async function clear() {
    setBusy(true);
    try {
      const lists = await clearReports();
      notify('success', lists > 0 ? `Cleared the check reports of ${lists} environment(s).` : 'There were no check reports to clear.');
    } catch (caught) {
      notify('error', `Reports not cleared: ${String((caught as Error)?.message ?? caught)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="panel" aria-labelledby="storage-heading">
      <h2 id="storage-heading">Storage</h2>
      {usage ? (
        <>
          <p>
            In use: {formatBytes(usage.total)} of {formatBytes(LOCAL_QUOTA_BYTES)}.
          </p>
          <ul>
            <li>Environments: {formatBytes(usage.environments)}</li>
            <li>Identities: {formatBytes(usage.identities)}</li>
            <li>
              Check reports: {formatBytes(usage.reports)} ({usage.reportLists} environment(s))
            </li>
            <li>Settings and other: {formatBytes(usage.other)}</li>
          </ul>
        </>
      ) : (
        <p class="muted">Reading storage…</p>
      )}
      <button type="button" disabled={busy || !usage || usage.reportLists === 0} onClick={() => void clear()}>
        Clear reports
      </button>
    </section>
  );
}

import { useEffect, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { error, type Outcome } from '../model/outcome';
import { loadVendor } from '../vendors/registry';
import { messageOf } from './popup-logic';
import { tabIdParam } from './page-address';
import { loadPopupContext, type PopupContext } from './target';

const loadPageAccount = () => import('../page-bridge/page-account');
const loadRunner = () => import('./commands/run-command');

/**
 * The page under test and the environments covering it, as stored now: read once before the
 * first render (`contextPromise`), then again whenever Options (or another popup) changes
 * environments, settings or identities, so a login always signs with what is stored.
 */
export function usePopupContext(contextPromise: Promise<PopupContext>, onProblem: (problem: Outcome) => void) {
  const [context, setContext] = useState<PopupContext>();
  const [environmentId, setEnvironmentId] = useState<string>();
  const [account, setAccount] = useState<string>();
  /** Storage could not be read at all: nothing more will arrive. */
  const [failed, setFailed] = useState(false);
  const latest = useRef(contextPromise);

  useEffect(() => {
    // Only what the popup shows: a read that tidies other keys must not start another read.
    const reread = (changes: object, area: string) => {
      if (area !== 'local' || !Object.keys(changes).some((key) => /^(environments|settings|identities:)/.test(key))) return;
      latest.current = loadPopupContext(tabIdParam());
      latest.current.then(setContext, () => {});
    };
    browser.storage.onChanged.addListener(reread);
    return () => browser.storage.onChanged.removeListener(reread);
  }, []);

  useEffect(() => {
    contextPromise.then(
      (loaded) => {
        setContext(loaded);
        const first = loaded.matches[0]?.environment;
        setEnvironmentId(first?.id);
        if (loaded.problem) onProblem(loaded.problem);
        const tabId = loaded.target?.tabId;
        if (!first || tabId === undefined) return;
        setTimeout(() => void loadRunner(), 0);
        // What the page says about the vendor's account (an org): after the first paint, only a hint.
        if (loaded.target?.url) {
          void loadVendor(first.vendor)
            .then(async (vendor) => (await loadPageAccount()).readPageAccount(tabId, vendor.pageAccount))
            .then(setAccount);
        }
      },
      (caught) => {
        onProblem(error(`Could not read the extension's storage: ${messageOf(caught)}`));
        setFailed(true);
      },
    );
  }, [contextPromise]);

  return { context, environmentId, setEnvironmentId, account, failed, latest: () => latest.current };
}

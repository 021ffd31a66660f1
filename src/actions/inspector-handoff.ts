import browser from 'webextension-polyfill';
import { HANDOFF_KEY } from '../storage/storage-keys';

/**
 * Hands a token to the inspector page without putting it in a URL (and so in history):
 * through `storage.session`, which lives in memory only, read once.
 */
const KEY = HANDOFF_KEY;

export async function openInspector(token?: string, environmentId?: string): Promise<void> {
  const params = new URLSearchParams();
  if (token) {
    const id = crypto.randomUUID();
    await browser.storage.session.set({ [KEY]: { id, token } });
    params.set('handoff', id);
  }
  if (environmentId) params.set('env', environmentId);
  const query = params.toString();
  await browser.tabs.create({ url: browser.runtime.getURL(`src/inspector/index.html${query ? `?${query}` : ''}`) });
}

export async function takeHandedToken(params: URLSearchParams): Promise<string> {
  const id = params.get('handoff');
  if (!id) return '';
  try {
    const { [KEY]: value } = await browser.storage.session.get(KEY);
    const handed = value as { id?: string; token?: string } | undefined;
    if (handed?.id !== id || typeof handed.token !== 'string') return '';
    await browser.storage.session.remove(KEY);
    return handed.token;
  } catch {
    return '';
  }
}

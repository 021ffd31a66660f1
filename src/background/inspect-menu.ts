import browser from 'webextension-polyfill';
import { openInspector } from '../actions/inspector-handoff';

export const INSPECT_JWT_MENU = 'inspect-jwt';

/** "Inspect JWT" on selected text, created once per install or update. */
export function registerMenu(): void {
  browser.contextMenus.removeAll().then(() =>
    browser.contextMenus.create({ id: INSPECT_JWT_MENU, title: 'Inspect JWT', contexts: ['selection'] }),
  );
}

/** The selection is data: it is only decoded in the inspector, never acted on. */
export async function inspectSelection(selection: string): Promise<void> {
  await openInspector(selection.trim());
}

import { hydrate } from 'preact';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import type { IdentityFields } from '../model/vendor';
import { Popup } from './Popup';
import { loadProfiles } from '../vendors/registry';
import { pageVendor } from './popup-vendor';
import { tabIdParam } from './page-address';
import { loadPopupContext } from './target';

/**
 * What the first script (public/popup-early.js) held while this module was on its way: clicks
 * and submissions after it ran, and a click before any script ran, which the form submitted
 * into its own frame (the first script reads it from there).
 */
interface Early {
  held: ({ kind: 'submit'; command: string } | { kind: 'click'; text: string })[];
  live: boolean;
}

// Start the storage and tab reads before hydrating, not after.
const context = loadPopupContext(tabIdParam());
const app = document.getElementById('app');
const typedInto = (id: string) => (document.getElementById(id) as HTMLInputElement | null)?.value ?? '';

if (app) void start(app);

async function start(app: HTMLElement) {
  // This page was prerendered with its vendor's fields: hydrate with the same (the default vendor's profile is built in).
  const vendor = pageVendor();
  await loadProfiles([vendor]);
  // The HTML was rendered at build time (src/popup/prerender.tsx) and is already usable:
  // hydrate it, keeping what the tester has typed into it so far.
  const typed: IdentityFields = { externalId: typedInto('external-id'), email: typedInto('email'), name: typedInto('identity-name') };
  hydrate(
    <ErrorBoundary page="the popup">
      <Popup context={context} typed={typed} vendor={vendor} />
    </ErrorBoundary>,
    app,
  );
  replay((window as unknown as { __popupEarly?: Early }).__popupEarly);
}

/** Does now what the tester asked for before the code was live: nothing they did is lost. */
function replay(early: Early | undefined) {
  if (!early) return;
  early.live = true;
  for (const held of early.held.splice(0)) {
    if (held.kind === 'submit') {
      const form = document.querySelector<HTMLFormElement>('form[aria-label="Identity"]');
      form?.requestSubmit(form.querySelector<HTMLButtonElement>(`button[value="${CSS.escape(held.command)}"]`));
      continue;
    }
    const button = [...document.querySelectorAll<HTMLButtonElement>('button')].find((b) => (b.textContent ?? '').trim() === held.text);
    button?.click();
  }
}

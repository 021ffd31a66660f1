// @vitest-environment jsdom
import { h, render } from 'preact';
import { describe, expect, it } from 'vitest';
import { ErrorBoundary } from '../../src/ui/ErrorBoundary';

function Broken(): never {
  throw new Error('Cannot read properties of null (reading length)');
}

describe('ErrorBoundary', () => {
  it('shows what failed, that no data changed, and offers Copy details and Reload', async () => {
    const root = document.createElement('div');
    render(h(ErrorBoundary, { page: 'the popup' }, h(Broken, {})), root);
    // Preact re-renders the boundary in its next render pass.
    await new Promise((r) => setTimeout(r, 0));
    const alert = root.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('Something went wrong in the popup: Cannot read properties of null (reading length). No data was changed.');
    expect([...root.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Copy details', 'Reload']);
  });

  it('renders its children when nothing fails', () => {
    const root = document.createElement('div');
    render(h(ErrorBoundary, { page: 'the popup' }, h('p', {}, 'fine')), root);
    expect(root.innerHTML).toBe('<p>fine</p>');
  });
});

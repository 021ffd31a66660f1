// @vitest-environment jsdom
import { type ComponentChild, h, render } from 'preact';
import { describe, expect, it } from 'vitest';
import { CheckList } from '../../src/check/CheckList';
import { PageUnderTest } from '../../src/check/PageUnderTest';
import { SinceLastRun } from '../../src/check/SinceLastRun';
import { type CheckResult, pendingChecks } from '../../src/model/check-report';
import type { Environment } from '../../src/model/schema';
import { HIDDEN_ATTACK, HIDDEN_CHARACTERS, hiddenIn } from '../hidden-text';

/** The check page's parts as a tester sees them, with page text in every place it shows. */
function shown(vnode: ComponentChild): HTMLElement {
  const root = document.createElement('div');
  render(vnode, root);
  return root;
}

const hostile = `${HIDDEN_ATTACK} <img src=x onerror=alert(1)> ${HIDDEN_CHARACTERS.join('|')} \u001b[2J`;

describe('check page: page text shown as data', () => {
  it('what each check saw: as text, every hidden character marked U+FFFD', () => {
    const checks = pendingChecks({ features: { integrationCheck: {} } }).map((c): CheckResult => (c.id === 'login' ? { ...c, status: 'failed', observed: [hostile, `again ${hostile}`] } : c));
    const root = shown(h(CheckList, { checks }));
    const lines = [...root.querySelectorAll('li[aria-label="Login"] li')].map((li) => li.textContent ?? '');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('SDK said: �dias ton� �ok� pa�id�� �end� <img src=x onerror=alert(1)>');
    expect(hiddenIn(root.textContent ?? '')).toEqual([]);
    expect(root.querySelector('img')).toBeNull();
    // The list is the one the end-to-end tests read: a labelled item per check.
    expect([...root.querySelectorAll('ol.checks > li')].map((li) => li.getAttribute('aria-label'))).toEqual(checks.map((c) => c.title));
  });

  it('the environment and org under test, and the first-run sentence: every hidden character marked', () => {
    const environment: Environment = { id: 'e', name: hostile, vendor: 'kustomer', sites: [], secret: '', settings: { orgName: hostile } };
    const target = shown(h(PageUnderTest, { site: 'https://staging.acme.test', environment }));
    expect(target.textContent).toContain('SDK said: �dias ton�');
    expect(hiddenIn(target.textContent ?? '')).toEqual([]);
    const since = shown(h(SinceLastRun, { environmentName: hostile, changes: [] }));
    expect(since.textContent).toContain('first run kept for SDK said: �dias ton�');
    expect(hiddenIn(since.textContent ?? '')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { environmentFromDraft, environmentsFor } from '../../src/actions/environment';
import type { Environment } from '../../src/model/schema';

const env = (id: string, name: string, sites: string[]): Environment => ({ id, name, vendor: 'kustomer', sites, secret: 's' });

describe('environmentFromDraft', () => {
  it('normalises a valid draft and keeps its id', () => {
    expect(environmentFromDraft({ id: 'e1', name: ' Staging ', sites: 'https://staging.example.com\n', secret: ' abc ' }, [])).toEqual({
      ok: true,
      environment: { id: 'e1', name: 'Staging', vendor: 'kustomer', sites: ['https://staging.example.com/*'], secret: 'abc' },
    });
  });

  it('gives a new environment a fresh id', () => {
    const a = environmentFromDraft({ name: 'A', sites: 'http://localhost', secret: '' }, []);
    const b = environmentFromDraft({ name: 'B', sites: 'http://localhost', secret: '' }, []);
    expect(a.ok && b.ok && a.environment.id !== b.environment.id).toBe(true);
  });

  it('reports every problem at once', () => {
    const result = environmentFromDraft({ name: '', sites: 'nope\nftp://x', secret: '' }, []);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.nameError).toContain('Give the environment a name');
      expect(result.siteProblems.map((p) => p.line)).toEqual([1, 2]);
    }
  });

  it('asks for at least one site', () => {
    const result = environmentFromDraft({ name: 'A', sites: '  \n', secret: '' }, []);
    expect(!result.ok && result.sitesError).toContain('List at least one site');
  });

  it('refuses a name another environment has, whatever its case, but not its own', () => {
    const existing = [env('e1', 'Staging EU', ['http://localhost/*'])];
    const clash = environmentFromDraft({ name: 'staging eu', sites: 'http://localhost', secret: '' }, existing);
    expect(!clash.ok && clash.nameError).toContain('already exists');
    expect(environmentFromDraft({ id: 'e1', name: 'staging eu', sites: 'http://localhost', secret: '' }, existing).ok).toBe(true);
  });
});

describe('environmentsFor', () => {
  const wide = env('wide', 'All staging', ['https://*.staging.example.com/*']);
  const eu = env('eu', 'Staging EU', ['https://eu.staging.example.com/*']);
  const local = env('local', 'Local', ['http://localhost:4100/*', 'http://127.0.0.1:4100/*']);

  it('puts the most specific match first', () => {
    expect(environmentsFor('https://eu.staging.example.com/cart', [wide, eu, local]).map((m) => m.environment.id)).toEqual(['eu', 'wide']);
  });
  it('reports which pattern matched', () => {
    expect(environmentsFor('http://127.0.0.1:4100/', [local])[0]?.pattern).toBe('http://127.0.0.1:4100/*');
  });
  it('finds nothing for an uncovered or browser page', () => {
    expect(environmentsFor('https://prod.example.com/', [wide, eu, local])).toEqual([]);
    expect(environmentsFor('chrome://extensions', [wide, eu, local])).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { describeOverlap, overlapsOf } from '../../src/model/site-overlap';
import type { Environment } from '../../src/model/schema';

const env = (id: string, name: string, sites: string[]): Environment => ({ id, name, vendor: 'kustomer', sites, secret: '' });
const acme = env('a', 'Acme staging', ['http://127.0.0.1:4100/*']);
const globex = env('g', 'Globex staging', ['http://127.0.0.1:4100/zendesk/*']);
const other = env('o', 'Other', ['https://other.example.com/*']);

describe('overlapping sites', () => {
  it('finds the demo overlap from both sides and says who wins where', () => {
    const [fromAcme] = overlapsOf(acme, [acme, globex, other]);
    expect(fromAcme).toMatchObject({ other: globex, where: 'http://127.0.0.1:4100/zendesk/*', winner: 'other' });
    expect(describeOverlap('Acme staging', fromAcme as never)).toBe(
      'Overlaps Globex staging: on http://127.0.0.1:4100/zendesk/* the popup takes Globex staging, the more specific; Acme staging applies to the rest of http://127.0.0.1:4100/*.',
    );
    const [fromGlobex] = overlapsOf(globex, [acme, globex]);
    expect(fromGlobex).toMatchObject({ other: acme, winner: 'this' });
    expect(describeOverlap('Globex staging', fromGlobex as never)).toContain('the popup takes Globex staging, the more specific');
  });

  it('a wildcard host overlaps its subdomains; the same pattern twice is a tie; separate sites do not overlap', () => {
    const wild = env('w', 'Wild', ['https://*.example.com/*']);
    expect(overlapsOf(wild, [other])).toMatchObject([{ winner: 'other', where: 'https://other.example.com/*' }]);
    expect(overlapsOf(env('x', 'Twin', ['http://127.0.0.1:4100/*']), [acme])).toMatchObject([{ winner: 'tie' }]);
    expect(overlapsOf(other, [acme, globex])).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseSite, parseSites } from '../../src/sites/site-patterns';
import { globMatches, needsPermission, originOf, permissionOrigins, siteMatches, specificity } from '../../src/sites/sites';

describe('parseSite', () => {
  it.each([
    ['https://staging.example.com', 'https://staging.example.com/*'],
    ['https://staging.example.com/', 'https://staging.example.com/*'],
    ['  https://staging.example.com  ', 'https://staging.example.com/*'],
    ['HTTPS://Staging.Example.COM', 'https://staging.example.com/*'],
    ['https://*.staging.example.com/*', 'https://*.staging.example.com/*'],
    ['http://localhost:4100', 'http://localhost:4100/*'],
    ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080/*'],
    ['*://qa.example.com/*', '*://qa.example.com/*'],
    ['https://example.com/app', 'https://example.com/app*'],
    ['https://example.com/app/*', 'https://example.com/app/*'],
    ['http://localhost:*/*', 'http://localhost:*/*'],
    ['*://*/*.html', '*://*/*.html'],
  ])('normalises %s to %s', (input, pattern) => {
    expect(parseSite(input)).toEqual({ ok: true, pattern });
  });

  it.each([
    ['', 'Empty line'],
    ['staging.example.com', 'Did you mean https://staging.example.com'],
    ['localhost:4100', 'Did you mean https://localhost:4100'],
    ['ftp://files.example.com', 'Scheme "ftp" is not supported'],
    ['file:///tmp/x.html', 'Scheme "file" is not supported'],
    ['https://exa*mple.com', 'a wildcard may only be the first label'],
    ['https://*example.com', 'a wildcard may only be the first label'],
    ['https://', 'The host is missing'],
    ['https://:8080/', 'The host is missing'],
    ['https://user@example.com', 'Remove the user name'],
    ['https://example.com:99999', 'Port 99999 is out of range'],
    ['<all_urls>', 'Too broad'],
    ['*://*/*', 'Too broad'],
    ['https://*/*', 'Too broad'],
    ['https://exa mple.com', 'Invalid host'],
    ['not a url', 'Not an origin or match pattern'],
  ])('rejects %j with a message that says what to fix', (input, message) => {
    const parsed = parseSite(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(message);
  });
});

describe('parseSites', () => {
  it('reads one site per line, skips blank lines, drops duplicates and numbers the problems', () => {
    const { patterns, problems } = parseSites('https://a.example.com\n\nhttps://a.example.com/\r\nbad\nhttp://localhost:3000');
    expect(patterns).toEqual(['https://a.example.com/*', 'http://localhost:3000/*']);
    expect(problems).toEqual([{ line: 4, input: 'bad', error: expect.stringContaining('start with http://') }]);
  });
});

describe('siteMatches', () => {
  it.each([
    ['https://staging.example.com/*', 'https://staging.example.com/', true],
    ['https://staging.example.com/*', 'https://staging.example.com/cart?x=1', true],
    ['https://staging.example.com/*', 'http://staging.example.com/', false],
    ['https://staging.example.com/*', 'https://prod.example.com/', false],
    ['https://staging.example.com/*', 'https://staging.example.com:8443/', true],
    ['https://*.staging.example.com/*', 'https://eu.staging.example.com/x', true],
    ['https://*.staging.example.com/*', 'https://a.b.staging.example.com/x', true],
    ['https://*.staging.example.com/*', 'https://staging.example.com/', true],
    ['https://*.staging.example.com/*', 'https://evilstaging.example.com/', false],
    ['https://*.staging.example.com/*', 'https://staging.example.com.evil.test/', false],
    ['*://qa.example.com/*', 'http://qa.example.com/', true],
    ['*://qa.example.com/*', 'https://qa.example.com/', true],
    ['http://localhost:4100/*', 'http://localhost:4100/page', true],
    ['http://localhost:4100/*', 'http://localhost:4101/page', false],
    ['http://localhost/*', 'http://localhost:4101/page', true],
    ['http://localhost:*/*', 'http://localhost:9/', true],
    ['https://example.com:443/*', 'https://example.com/', true],
    ['http://example.com:80/*', 'http://example.com/', true],
    ['https://example.com/app*', 'https://example.com/app/orders', true],
    ['https://example.com/app*', 'https://example.com/other', false],
    ['https://example.com/*.html', 'https://example.com/a/b.html', true],
    ['https://example.com/*', 'chrome://version', false],
    ['https://example.com/*', 'not a url', false],
    ['*://*/*.html', 'file:///x.html', false],
  ])('%s covers %s: %s', (pattern, url, expected) => {
    expect(siteMatches(pattern, url)).toBe(expected);
  });

  it('treats regular-expression characters in a path literally', () => {
    expect(siteMatches('https://example.com/a.b(c)*', 'https://example.com/a.b(c)/d')).toBe(true);
    expect(siteMatches('https://example.com/a.b*', 'https://example.com/axb')).toBe(false);
  });
});

describe('specificity', () => {
  it('ranks an exact host over a wildcard, and a port and scheme over none', () => {
    expect(specificity('https://eu.staging.example.com/*')).toBeGreaterThan(specificity('https://*.staging.example.com/*'));
    expect(specificity('http://localhost:4100/*')).toBeGreaterThan(specificity('http://localhost/*'));
    expect(specificity('https://x.example.com/*')).toBeGreaterThan(specificity('*://x.example.com/*'));
    expect(specificity('https://x.example.com/app/*')).toBeGreaterThan(specificity('https://x.example.com/*'));
  });
});

describe('permissions', () => {
  it('asks for scheme and host only, once per host', () => {
    expect(permissionOrigins(['https://a.example.com/app*', 'https://a.example.com:8443/*', 'http://localhost:4100/*'])).toEqual([
      'https://a.example.com/*',
      'http://localhost/*',
    ]);
  });
  it('needs no prompt for the localhost hosts the manifest grants', () => {
    expect(needsPermission('http://localhost/*')).toBe(false);
    expect(needsPermission('http://127.0.0.1/*')).toBe(false);
    expect(needsPermission('https://localhost/*')).toBe(true);
    expect(needsPermission('*://localhost/*')).toBe(true);
    expect(needsPermission('https://staging.example.com/*')).toBe(true);
  });
});

describe('originOf', () => {
  it.each([
    ['http://127.0.0.1:4100/page?x=1', 'http://127.0.0.1:4100'],
    ['https://example.com/', 'https://example.com'],
    ['chrome://version', 'chrome://version'],
    ['garbage', 'garbage'],
  ])('%s → %s', (url, origin) => expect(originOf(url)).toBe(origin));
});

describe('globMatches: linear time, same answers as a regular expression', () => {
  /** The old matcher, correct but backtracking: the reference on small inputs. */
  const reference = (glob: string, text: string) =>
    new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 's').test(text);

  it.each([
    ['/*', '/', true],
    ['/app/*.html', '/app/x/y.html', true],
    ['/app/*.html', '/app/x/y.htm', false],
    ['/*/app/*.html', '/a/app/b.html', true],
    ['/*a*a*a*', '/aaa', true],
    ['/*a*a*a*', '/aa', false],
    ['/exact', '/exact', true],
    ['/exact', '/exact/', false],
    ['/a*a', '/a', false],
  ])('%s against %s: %s', (glob, text, expected) => {
    expect(globMatches(glob, text)).toBe(expected);
  });

  it('agrees with the regular expression on arbitrary globs and texts', () => {
    const alphabet = fc.constantFrom('a', 'b', '/', '.', '*');
    const glob = fc.array(alphabet, { maxLength: 10 }).map((chars) => chars.join(''));
    const text = fc.array(fc.constantFrom('a', 'b', '/', '.'), { maxLength: 14 }).map((chars) => chars.join(''));
    fc.assert(fc.property(glob, text, (g, t) => globMatches(g, t) === reference(g, t)), { numRuns: 3000 });
  });

  it('matches a 400 KB URL against a three-star pattern in milliseconds', () => {
    const url = `http://127.0.0.1:4100/${'a/'.repeat(200_000)}x`;
    const started = performance.now();
    expect(siteMatches('http://127.0.0.1:4100/*/app/*/*.html', url)).toBe(false);
    expect(siteMatches('http://127.0.0.1:4100/*', url)).toBe(true);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('parseSite refuses patterns no tester needs', () => {
  it.each([
    ['https://*.com/*', 'Too broad: *.com covers every site under a top-level domain'],
    ['https://*.dev', 'Too broad: *.dev'],
    ['https://example.com/**', 'Write one * instead of **'],
    ['https://example.com/*/*/*/*/*', 'Too many wildcards in the path: at most 4'],
    [`https://example.com/${'a'.repeat(600)}`, 'Too long'],
  ])('%s', (input, message) => {
    const parsed = parseSite(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(message);
  });

  it('still takes a wildcard subdomain of a real domain and four path wildcards', () => {
    expect(parseSite('https://*.example.com/*/*/*/*')).toEqual({ ok: true, pattern: 'https://*.example.com/*/*/*/*' });
  });
});

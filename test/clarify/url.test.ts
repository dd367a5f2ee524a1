import { describe, expect, it } from 'vitest';
import { nextPage } from '../../src/clarify/pagination.js';
import { assertSafeBaseUrl } from '../../src/clarify/url.js';
import { ImportError } from '../../src/core/errors.js';

describe('assertSafeBaseUrl', () => {
  it('accepts https anywhere and http on loopback only', () => {
    expect(assertSafeBaseUrl('https://api.clarify.ai/v1/').href).toBe('https://api.clarify.ai/v1');
    for (const ok of [
      'http://127.0.0.1:4010/v1',
      'http://127.8.9.10/v1',
      'http://localhost:1/v1',
      'http://[::1]:4010/v1',
    ]) {
      expect(() => assertSafeBaseUrl(ok)).not.toThrow();
    }
  });

  it('refuses plain http elsewhere, other schemes, credentials and garbage with INSECURE_URL', () => {
    for (const bad of [
      'http://api.clarify.ai/v1',
      'http://10.0.0.1/v1',
      'http://127.0.0.1.evil.com/v1',
      'http://localhost.evil.com/v1',
      'ftp://127.0.0.1/v1',
      'https://user:pw@api.clarify.ai/v1',
      'not a url',
    ]) {
      let caught: unknown;
      try {
        assertSafeBaseUrl(bad);
      } catch (e) {
        caught = e;
      }
      expect(caught, bad).toBeInstanceOf(ImportError);
      expect((caught as ImportError).code).toBe('INSECURE_URL');
      expect((caught as ImportError).exitCode).toBe(2);
    }
  });
});

describe('nextPage', () => {
  const base = new URL('https://api.example.com/v1');
  const first = {
    url: 'https://api.example.com/v1/workspaces/w/objects/person/resources?page%5Blimit%5D=2&page%5Boffset%5D=0',
    offset: 0,
  };
  const two = [{ id: 'a' }, { id: 'b' }];

  it('rebuilds a foreign-origin next link on the configured base, keeping path and query', () => {
    const next = nextPage(
      {
        data: two,
        links: {
          next: 'http://elsewhere.invalid/v1/workspaces/w/objects/person/resources?page%5Blimit%5D=2&page%5Boffset%5D=2&filter%5Bname%5D=x',
        },
      },
      first,
      2,
      2,
      base,
    );
    expect(next).toEqual({
      url: 'https://api.example.com/v1/workspaces/w/objects/person/resources?page%5Blimit%5D=2&page%5Boffset%5D=2&filter%5Bname%5D=x',
      offset: 2,
    });
  });

  it('advances the offset itself when the link is unusable', () => {
    const next = nextPage({ data: two, links: { next: 'http://x/elsewhere?cursor=1' } }, first, 2, 2, base);
    expect(next?.offset).toBe(2);
    expect(next?.url).toContain('page%5Boffset%5D=2');
  });

  it('stops on null or absent next, empty data, total reached, or a stuck offset', () => {
    expect(nextPage({ data: two, links: { next: null } }, first, 2, 2, base)).toBeUndefined();
    expect(nextPage({ data: two, links: {} }, first, 2, 2, base)).toBeUndefined();
    expect(nextPage({ data: [], links: { next: `${first.url}x` } }, first, 2, 0, base)).toBeUndefined();
    expect(
      nextPage(
        { data: two, meta: { total_records: 2 }, links: { next: first.url.replace('=0', '=2') } },
        first,
        2,
        2,
        base,
      ),
    ).toBeUndefined();
    expect(nextPage({ data: two, links: { next: first.url } }, first, 2, 2, base)).toBeUndefined();
  });

  it('without any links, continues while pages are full', () => {
    expect(nextPage({ data: two }, first, 2, 2, base)?.offset).toBe(2);
    expect(nextPage({ data: [{ id: 'a' }] }, first, 2, 1, base)).toBeUndefined();
  });
});

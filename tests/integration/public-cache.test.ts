import type { APIContext } from 'astro';
import { describe, expect, it } from 'vitest';
import { cacheHeaders, publicAnswerCache, publicCacheControl, type PublicPage } from '../../src/lib/server/headers.ts';
import { GET as grantsCsv } from '../../src/pages/api/v1/open-data/grants.csv.ts';
import { GET as grantsJson } from '../../src/pages/api/v1/open-data/grants.json.ts';
import { GET as projectsCsv } from '../../src/pages/api/v1/open-data/projects.csv.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { T0 } from './helpers.ts';
import { transparencyScene } from './transparency-setup.ts';

/**
 * How long shared caches may keep public answers that name start-ups (README decision 22: gone
 * within 30 s once a team withdraws consent), and that a forged Host header cannot plant links in
 * a shared cache when the portal has no configured public address.
 */
const t = useTestDb();
const SHORT = 'public, max-age=0, s-maxage=30';
const NONE = 'private, no-store';

/** An open-data request that reached the portal as `host`, with or without VIVAIO_PUBLIC_URL. */
function apiContext(publicUrl: string | null, host = 'https://vivaio.comune.example.it'): APIContext {
  const ctx = testContext({ now: () => T0, origin: publicUrl ?? host });
  return { params: {}, locals: { ctx, runtime: { database: { db: t.db }, config: { publicUrl } } } } as unknown as APIContext;
}
const call = (handler: unknown, c: APIContext) => (handler as (c: APIContext) => Promise<Response>)(c);

/** A page (`Astro`) as publicCacheControl sees it; the middleware would add its own header afterwards. */
function page(o: { publicUrl?: string | null; user?: unknown; cookie?: string } = {}): PublicPage {
  const headers = new Headers(o.cookie ? { cookie: o.cookie } : {});
  return {
    locals: { user: o.user ?? null, runtime: { config: { publicUrl: o.publicUrl === undefined ? 'https://vivaio.comune.example.it' : o.publicUrl } } },
    request: new Request('https://vivaio.comune.example.it/it/transparency', { headers }),
    response: { headers: new Headers() },
  };
}

describe('open data', () => {
  it('is kept by shared caches 30 s at most, with nothing stale served after', async () => {
    await transparencyScene(t.db);
    for (const handler of [grantsCsv, grantsJson, projectsCsv]) {
      const response = await call(handler, apiContext('https://vivaio.comune.example.it'));
      expect(response.headers.get('cache-control')).toBe(SHORT);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      await response.arrayBuffer();
    }
  });

  it('without a configured public address, the grants files (links built from the Host) are never stored', async () => {
    await transparencyScene(t.db);
    const forged = apiContext(null, 'https://attacker.example');
    for (const handler of [grantsCsv, grantsJson]) {
      const response = await call(handler, forged);
      expect(response.headers.get('cache-control')).toBe(NONE);
      // The links do follow the request: that is why no shared cache may keep them.
      expect(await response.text()).toContain('https://attacker.example/it/');
    }
    // The projects file has no links: it stays cacheable.
    const projects = await call(projectsCsv, forged);
    expect(projects.headers.get('cache-control')).toBe(SHORT);
    expect(await projects.text()).not.toContain('attacker.example');
  });
});

describe('public pages naming start-ups (start-ups, transparency, donor wall)', () => {
  it('get 30 s in shared caches for anonymous visitors, instead of the default grace', () => {
    const p = page();
    publicCacheControl(p);
    expect(p.response.headers.get('cache-control')).toBe(SHORT);
    const withLinks = page();
    publicCacheControl(withLinks, { absoluteLinks: true });
    expect(withLinks.response.headers.get('cache-control')).toBe(SHORT);
    // The middleware keeps a header the page set.
    const response = new Response('ok', { headers: p.response.headers });
    cacheHeaders(response, { method: 'GET', signedIn: false, path: '/it/transparency' });
    expect(response.headers.get('cache-control')).toBe(SHORT);
  });

  it('with absolute links and no configured public address: never stored', () => {
    const p = page({ publicUrl: null });
    publicCacheControl(p, { absoluteLinks: true });
    expect(p.response.headers.get('cache-control')).toBe(NONE);
    // A page without absolute links does not depend on the Host.
    const plain = page({ publicUrl: null });
    publicCacheControl(plain);
    expect(plain.response.headers.get('cache-control')).toBe(SHORT);
  });

  it('left to the middleware (private) for signed-in visitors and requests carrying a session', () => {
    for (const p of [page({ user: { id: 'u' } }), page({ cookie: 'vivaio_lang=it; vivaio_session=expired' })]) {
      publicCacheControl(p);
      expect(p.response.headers.get('cache-control')).toBeNull();
    }
    const signedIn = new Response('ok');
    cacheHeaders(signedIn, { method: 'GET', signedIn: true, path: '/it/transparency' });
    expect(signedIn.headers.get('cache-control')).toBe(NONE);
    // An expired session is cleared with a Set-Cookie: private too.
    const cleared = new Response('ok', { headers: { 'Set-Cookie': 'vivaio_session=; Max-Age=0' } });
    cacheHeaders(cleared, { method: 'GET', signedIn: false, path: '/it/transparency' });
    expect(cleared.headers.get('cache-control')).toBe(NONE);
  });

  it('the language cookie alone changes nothing: a shared cache may keep that answer too, 30 s at most', () => {
    const p = page({ cookie: 'vivaio_lang=en' });
    publicCacheControl(p);
    expect(p.response.headers.get('cache-control')).toBe(SHORT);
  });

  it('the rule in one place', () => {
    expect(publicAnswerCache({ publicUrl: null, absoluteLinks: false })).toBe(SHORT);
    expect(publicAnswerCache({ publicUrl: 'https://x.example', absoluteLinks: true })).toBe(SHORT);
    expect(publicAnswerCache({ publicUrl: null, absoluteLinks: true })).toBe(NONE);
  });
});

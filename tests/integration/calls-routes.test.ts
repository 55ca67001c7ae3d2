import type { APIContext } from 'astro';
import { describe, expect, it } from 'vitest';
import { GET as listCalls } from '../../src/pages/api/v1/calls/index.ts';
import { GET as getCall } from '../../src/pages/api/v1/calls/[slug].ts';
import { GET as openApi } from '../../src/pages/api/v1/openapi.json.ts';
import { GET as feed } from '../../src/pages/[lang]/calls/feed.xml.ts';
import { GET as deadlines } from '../../src/pages/[lang]/calls/deadlines.ics.ts';
import { translator, type Locale } from '../../src/lib/i18n/index.ts';
import { createCall } from '../factories/index.ts';
import { testContext } from '../support/context.ts';
import { useTestDb } from '../support/db.ts';
import { DAY, T0, at } from './helpers.ts';

const t = useTestDb();

/** The parts of Astro's context these handlers read, as the middleware fills them. */
function context(params: Record<string, string> = {}, locale: Locale = 'it', publicUrl: string | null = 'http://vivaio.test'): APIContext {
  const locals = { ctx: testContext({ now: () => T0, locale }), runtime: { database: { db: t.db }, config: { publicUrl } }, t: translator(locale), locale };
  return { params, locals } as unknown as APIContext;
}
const call = (handler: unknown, ctx: APIContext) => (handler as (c: APIContext) => Promise<Response>)(ctx);

async function seed() {
  await createCall(t.db, 'draft', { slug: 'bozza', opensAt: at(-DAY), closesAt: at(DAY) });
  await createCall(t.db, { slug: 'aperto', opensAt: at(-DAY), closesAt: at(DAY) });
  await createCall(t.db, { slug: 'in-arrivo', opensAt: at(DAY), closesAt: at(2 * DAY) });
  await createCall(t.db, { slug: 'chiuso', opensAt: at(-2 * DAY), closesAt: at(-DAY) });
}

describe('GET /api/v1/calls', () => {
  it('lists published calls only, with CORS and a short public cache', async () => {
    await seed();
    const response = await call(listCalls, context());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cache-control')).toBe('public, max-age=60');
    const body = (await response.json()) as { slug: string; status: string }[];
    expect(body.map((c) => [c.slug, c.status])).toEqual([['aperto', 'open'], ['in-arrivo', 'published'], ['chiuso', 'closed']]);
  });
});

describe('GET /api/v1/calls/{slug}', () => {
  it('answers 404 {"error":"not_found"} for a draft, an unknown or a malformed slug', async () => {
    await seed();
    for (const slug of ['bozza', 'nessuno', '../x', '']) {
      const response = await call(getCall, context({ slug }));
      expect(response.status, slug).toBe(404);
      expect(await response.json()).toEqual({ error: 'not_found' });
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
    }
  });

  it('returns a published call with its requirements', async () => {
    await seed();
    const response = await call(getCall, context({ slug: 'aperto' }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ slug: 'aperto', status: 'open', url: { it: 'http://vivaio.test/it/calls/aperto' } });
    expect((body.eligibility as unknown[]).length).toBeGreaterThan(0);
  });
});

describe('feeds', () => {
  it('the Atom feed lists published calls, not drafts', async () => {
    await seed();
    const response = await call(feed, context({ lang: 'en' }, 'en'));
    expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await response.text();
    expect(xml).toContain('<title>Public calls – Vivaio</title>');
    expect(xml.match(/<entry>/g)).toHaveLength(3);
    expect(xml).not.toContain('/calls/bozza');
  });

  it('the calendar has the deadlines of open and upcoming calls only', async () => {
    await seed();
    const response = await call(deadlines, context({ lang: 'it' }));
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const ics = (await response.text()).replace(/\r\n /g, '');
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(ics).toContain('URL:http://vivaio.test/it/calls/aperto');
    expect(ics).toContain('URL:http://vivaio.test/it/calls/in-arrivo');
    expect(ics).not.toContain('/calls/chiuso');
    expect(ics).not.toContain('/calls/bozza');
  });

  it('feeds are cached five minutes, but never when their links follow the request Host (no public URL configured)', async () => {
    await seed();
    for (const handler of [feed, deadlines]) {
      expect((await call(handler, context({ lang: 'it' }))).headers.get('cache-control')).toBe('public, max-age=300');
      expect((await call(handler, context({ lang: 'it' }, 'it', null))).headers.get('cache-control')).toBe('private, no-store');
    }
  });

  it('the OpenAPI document names this server', async () => {
    const response = await call(openApi, context());
    const doc = (await response.json()) as { openapi: string; servers: { url: string }[] };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: 'http://vivaio.test' }]);
  });
});

import type { APIRoute } from 'astro';
import { buildAtom } from '../../../domain/calls/atom.ts';
import { allPublicCalls } from '../../../domain/calls/public-calls.server.ts';
import { dateAtTime } from '../../../lib/call-text.ts';
import { feedCache } from '../../../lib/server/headers.ts';

/** Atom feed of published calls in the page's language: /{lang}/calls/feed.xml. */
export const GET: APIRoute = async ({ locals }) => {
  const { t, locale, ctx, runtime } = locals;
  const calls = await allPublicCalls(runtime.database.db, ctx);
  const xml = buildAtom(calls, locale, ctx.origin, {
    title: t('calls.feed.title'),
    subtitle: t('calls.feed.subtitle'),
    author: `${t('common.siteName')} – ${t('common.owner')}`,
    statusLine: (call) => t('calls.feed.statusLine', { status: t(`calls.status.${call.status}`), date: dateAtTime(t, call.closesAt) }),
  });
  return new Response(xml, {
    headers: { 'Content-Type': 'application/atom+xml; charset=utf-8', 'Cache-Control': feedCache(runtime.config.publicUrl) },
  });
};

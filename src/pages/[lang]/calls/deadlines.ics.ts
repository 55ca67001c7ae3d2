import type { APIRoute } from 'astro';
import { buildICalendar } from '../../../domain/calls/icalendar.ts';
import { allPublicCalls } from '../../../domain/calls/public-calls.server.ts';
import { feedCache } from '../../../lib/server/headers.ts';

/** The deadlines of open and upcoming calls as a calendar to subscribe to: /{lang}/calls/deadlines.ics. */
export const GET: APIRoute = async ({ locals }) => {
  const { t, locale, ctx, runtime } = locals;
  const calls = await allPublicCalls(runtime.database.db, ctx);
  const ics = buildICalendar(calls, locale, ctx.origin, ctx.now(), {
    name: t('calls.ical.name'),
    summary: (title) => t('calls.ical.summary', { title }),
    reminder: (title) => t('calls.ical.reminder', { title }),
  });
  return new Response(ics, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      // Offered as a file to open or subscribe to, with a name people recognise.
      'Content-Disposition': `inline; filename="vivaio-deadlines-${locale}.ics"`,
      'Cache-Control': feedCache(runtime.config.publicUrl),
    },
  });
};

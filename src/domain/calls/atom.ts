import type { Locale } from '../../lib/i18n/locales.ts';
import type { PublicCallSummary } from './calls.repo.server.ts';
import { localized } from './localized.ts';

/** The Atom feed of published calls (RFC 4287), one per language. */
export type AtomLabels = { title: string; subtitle: string; author: string; statusLine: (call: PublicCallSummary) => string };

const MAX_ENTRIES = 50;

const escapeXml = (text: string) =>
  text
    // Control characters other than tab and newlines are not allowed in XML 1.0 at all.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

/** The instant a call last changed for its readers: its row or its publication, whichever is later. */
const updatedOf = (call: PublicCallSummary) => new Date(Math.max(call.updatedAt.getTime(), call.publishedAt?.getTime() ?? 0));

export function buildAtom(calls: readonly PublicCallSummary[], locale: Locale, origin: string, labels: AtomLabels): string {
  const self = `${origin}/${locale}/calls/feed.xml`;
  // Feed readers need recent changes, not the archive: the calls page has them all.
  const entries = [...calls].sort((a, b) => updatedOf(b).getTime() - updatedOf(a).getTime()).slice(0, MAX_ENTRIES);
  // An empty feed still needs an `updated`: the epoch is stable, so caches stay valid.
  const feedUpdated = entries[0] ? updatedOf(entries[0]) : new Date(0);
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">`,
    `  <id>${escapeXml(self)}</id>`,
    `  <title>${escapeXml(labels.title)}</title>`,
    `  <subtitle>${escapeXml(labels.subtitle)}</subtitle>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(`${origin}/${locale}/calls`)}"/>`,
    `  <updated>${feedUpdated.toISOString()}</updated>`,
    `  <author><name>${escapeXml(labels.author)}</name></author>`,
    ...entries.map((call) => entry(call, locale, origin, labels)),
    '</feed>',
    '',
  ];
  return lines.join('\n');
}

function entry(call: PublicCallSummary, locale: Locale, origin: string, labels: AtomLabels): string {
  const title = localized(call.titleIt, call.titleEn, locale);
  const summary = localized(call.summaryIt, call.summaryEn, locale).text;
  const text = [labels.statusLine(call), summary].filter(Boolean).join(' – ');
  const titleLang = title.lang ? ` xml:lang="${title.lang}"` : '';
  return [
    '  <entry>',
    // The call's id never changes, even if staff rename its slug or title.
    `    <id>urn:uuid:${call.id}</id>`,
    `    <title${titleLang}>${escapeXml(title.text)}</title>`,
    `    <link rel="alternate" type="text/html" href="${escapeXml(`${origin}/${locale}/calls/${encodeURIComponent(call.slug)}`)}"/>`,
    `    <updated>${updatedOf(call).toISOString()}</updated>`,
    call.publishedAt ? `    <published>${call.publishedAt.toISOString()}</published>` : null,
    `    <summary type="text">${escapeXml(text)}</summary>`,
    ...call.themes.map((theme) => `    <category term="${escapeXml(theme)}"/>`),
    '  </entry>',
  ]
    .filter((line) => line !== null)
    .join('\n');
}

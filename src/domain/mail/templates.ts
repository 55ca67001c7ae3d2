import { translator, type Params } from '../../lib/i18n/index.ts';
import type { Locale } from '../../lib/i18n/locales.ts';

export const templates = [
  'verifyEmail',
  'passwordReset',
  'passwordChanged',
  'invitation',
  'accountExists',
  'proposalSubmitted',
  'callAmended',
  'integrationRequested',
  'proposalAdmissible',
  'proposalInadmissible',
  'feedbackLetter',
  'observationAnswered',
  'rankingSlid',
  'reviewAssigned',
  'observationReceived',
  'startupCreated',
  'coachAssigned',
  'deliverableSubmitted',
  'deliverableApproved',
  'deliverableChangesRequested',
  'milestoneDueSoon',
  'milestoneOverdue',
  'monitoringFeedback',
  'donorApproved',
  'donorRejected',
  'pledgeCommitted',
  'disbursementRecorded',
] as const;
export type Template = (typeof templates)[number];

export type RenderedEmail = { subject: string; text: string; html: string };

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Builds the plain-text and HTML versions of a message in the recipient's language. */
export function renderEmail(template: Template, locale: Locale, params: Params & { name: string; link: string }): RenderedEmail {
  const t = translator(locale);
  const owner = t('common.owner');
  const subject = t(`mail.${template}.subject`, params);
  // t() interpolates once; a second pass would also replace `{…}` typed by people (e.g. in comments).
  const paragraphs = [t('mail.greeting', params), ...t(`mail.${template}.body`, params).split('\n\n')];
  const action = t(`mail.${template}.action`);
  const footer = [t('mail.signature', { owner }), t('mail.automatic')];

  const text = [...paragraphs, `${action}: ${params.link}`, '', ...footer].join('\n\n');
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:'Titillium Web',Arial,sans-serif;color:#1a1a1a;line-height:1.5">
${paragraphs.map((p) => `<p>${escape(p).replace(/\n/g, '<br>')}</p>`).join('\n')}
<p><a href="${escape(params.link)}" style="display:inline-block;background:#0066cc;color:#fff;padding:10px 18px;border-radius:4px;text-decoration:none;font-weight:600">${escape(action)}</a></p>
<p style="font-size:14px">${escape(t('mail.linkFallback'))}<br><a href="${escape(params.link)}">${escape(params.link)}</a></p>
${footer.map((p) => `<p style="font-size:14px;color:#555">${escape(p)}</p>`).join('\n')}
</body></html>`;
  return { subject, text, html };
}

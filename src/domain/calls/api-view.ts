import type { PublicCall, PublicCallSummary } from './calls.repo.server.ts';
import type { CallStatus } from './status.ts';

/**
 * The public JSON shape of calls (GET /api/v1/calls, /api/v1/calls/{slug}), described in
 * src/lib/openapi.ts. A contract others build on: add fields, never rename or remove them.
 */
type Localized = { it: string; en: string };

export type ApiCall = {
  slug: string;
  status: Exclude<CallStatus, 'draft'>;
  title: Localized;
  summary: Localized;
  opensAt: string;
  closesAt: string;
  budgetCents: number;
  maxGrantCents: number;
  themes: string[];
  neighbourhoods: string[];
  url: Localized;
};

export type ApiCallDetail = ApiCall & {
  version: number;
  minCofinancingPct: number;
  applicantTypes: string[];
  minGroupMembers: number;
  programme: { code: string; cup: string | null; rup: string | null; office: string | null };
  eligibility: { key: string; text: Localized; excludingAnswer: 'yes' | 'no'; reason: Localized; alternative: Localized | null }[];
  attachments: { key: string; label: Localized; required: boolean; kinds: string[]; maxBytes: number }[];
  questions: { key: string; section: Localized; type: string; label: Localized; required: boolean }[];
  amendments: { version: number; kind: 'rettifica' | 'proroga'; note: Localized; date: string }[];
  documents: { name: string; mime: string; sizeBytes: number; url: string }[];
};

const pair = (it: string, en: string): Localized => ({ it, en });
const publicStatus = (status: CallStatus): ApiCall['status'] => (status === 'draft' ? 'published' : status);

export function toApiCall(call: PublicCallSummary, origin: string): ApiCall {
  return {
    slug: call.slug,
    // Drafts never reach this function (the repository filters them); the type says so too.
    status: publicStatus(call.status),
    title: pair(call.titleIt, call.titleEn),
    summary: pair(call.summaryIt, call.summaryEn),
    opensAt: call.opensAt.toISOString(),
    closesAt: call.closesAt.toISOString(),
    budgetCents: call.budgetCents,
    maxGrantCents: call.maxGrantCents,
    themes: [...call.themes],
    neighbourhoods: call.neighbourhoods.map((n) => n.slug),
    url: pair(`${origin}/it/calls/${encodeURIComponent(call.slug)}`, `${origin}/en/calls/${encodeURIComponent(call.slug)}`),
  };
}

export function toApiCallDetail(call: PublicCall, origin: string): ApiCallDetail {
  return {
    ...toApiCall(call, origin),
    version: call.version,
    minCofinancingPct: call.minCofinancingPct,
    applicantTypes: [...call.applicantTypes],
    minGroupMembers: call.minGroupMembers,
    programme: { code: call.programme.code, cup: call.programme.cup, rup: call.programme.rupName, office: call.programme.office },
    eligibility: call.eligibility.map((q) => ({
      key: q.key,
      text: q.text,
      excludingAnswer: q.excludingAnswer,
      reason: q.reason,
      alternative: q.alternative && (q.alternative.it || q.alternative.en) ? q.alternative : null,
    })),
    attachments: call.attachments.map((a) => ({ key: a.key, label: a.label, required: a.required, kinds: [...a.kinds], maxBytes: a.maxBytes })),
    // Labels only: help texts and limits belong to the form, which may change with amendments.
    questions: call.questions.map((q) => ({ key: q.key, section: q.section, type: q.type, label: q.label, required: q.required })),
    amendments: call.amendments.map((a) => ({ version: a.version, kind: a.kind, note: pair(a.noteIt, a.noteEn), date: a.createdAt.toISOString() })),
    documents: call.documents.map((d) => ({ name: d.originalName, mime: d.mime, sizeBytes: d.sizeBytes, url: `${origin}/files/${d.id}` })),
  };
}

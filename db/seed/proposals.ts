import { createHash, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { files, proposalEvents, proposalSubmissions, proposals } from '../schema/index.ts';
import type { Tx } from '../../src/lib/server/db/index.ts';
import type { Storage } from '../../src/lib/server/storage/index.ts';
import { newStorageKey } from '../../src/lib/server/storage/index.ts';
import { contentSha256 } from '../../src/domain/proposals/content-hash.ts';
import { emptyContent, type ProposalContent } from '../../src/domain/proposals/content.ts';
import { loadCall, rulesOf, takeProtocolNumber, type CallRow } from '../../src/domain/proposals/proposal-tx.server.ts';
import { submittedContent, type AttachedFile } from '../../src/domain/proposals/submission.ts';
import { demoAnswers, demoStories, type DemoStory } from './proposal-texts.ts';

/**
 * Demo proposals from the demo residents (db/seed/demo-accounts.ts): the Italian resident has
 * sent a proposal to the open call (protocol number, receipt, fingerprint), the English resident
 * has a half-written draft there and, when a closed call is given, a proposal sent to it in time.
 * Idempotent: a resident who already has a proposal on a call is left alone. Numbers come from
 * the call's counter like real submissions, so they stay gapless.
 */
export type SeedProposalsOptions = {
  openCallId: string;
  closedCallId?: string | null;
  residentIds: { it: string; en: string };
  /** Where the generated demo PDFs go; without it proposals are seeded without attachments. */
  storage?: Storage | null;
};

const DAY = 86_400_000;

export async function seedProposals(tx: Tx, options: SeedProposalsOptions): Promise<{ proposals: number }> {
  const plan: { callId: string; userId: string; story: DemoStory; submitted: boolean }[] = [
    { callId: options.openCallId, userId: options.residentIds.it, story: demoStories.doposcuola, submitted: true },
    { callId: options.openCallId, userId: options.residentIds.en, story: demoStories.repairCafe, submitted: false },
  ];
  if (options.closedCallId) plan.push({ callId: options.closedCallId, userId: options.residentIds.en, story: demoStories.gardens, submitted: true });

  let created = 0;
  for (const item of plan) {
    const [existing] = await tx.select({ id: proposals.id }).from(proposals).where(and(eq(proposals.callId, item.callId), eq(proposals.proposerId, item.userId)));
    if (existing) continue;
    await seedOne(tx, { ...item, storage: options.storage ?? null });
    created += 1;
  }
  return { proposals: created };
}

async function seedOne(tx: Tx, item: { callId: string; userId: string; story: DemoStory; submitted: boolean; storage: Storage | null }) {
  const call = await loadCall(tx, item.callId);
  const content = storyContent(call, item.story, item.submitted);
  const startedAt = new Date(Math.max(call.opensAt.getTime(), Math.min(Date.now(), call.closesAt.getTime()) - 6 * DAY));
  const [row] = await tx
    .insert(proposals)
    .values({ callId: call.id, proposerId: item.userId, ...content, createdAt: startedAt, updatedAt: startedAt })
    .returning({ id: proposals.id });
  const proposalId = row!.id;
  await tx.insert(proposalEvents).values({ proposalId, fromStatus: null, toStatus: 'draft', actorId: item.userId, at: startedAt });
  const attached = item.storage ? await attachDemoFiles(tx, item.storage, call, proposalId, item.userId, item.story, item.submitted) : [];
  if (!item.submitted) return;

  // Four days after starting, but never in the future nor after the deadline.
  const latest = Math.min(Date.now(), call.closesAt.getTime()) - 60_000;
  const submittedAt = new Date(Math.max(startedAt.getTime(), Math.min(startedAt.getTime() + 4 * DAY, latest)));
  const check = { call: { ...rulesOf(call), id: call.id, version: call.version, attachments: call.attachments }, content, files: attached };
  const snapshot = submittedContent(check);
  const sha256 = contentSha256(snapshot);
  const protocol = await takeProtocolNumber(tx, call.id);
  await tx
    .update(proposals)
    .set({
      status: 'submitted',
      protocolSeq: protocol.seq,
      protocolNumber: protocol.number,
      firstSubmittedAt: submittedAt,
      submittedAt,
      declarationsAcceptedAt: submittedAt,
      contentSha256: sha256,
      version: 2,
      updatedAt: submittedAt,
    })
    .where(eq(proposals.id, proposalId));
  await tx.insert(proposalSubmissions).values({
    proposalId,
    seq: 1,
    submittedAt,
    contentSha256: sha256,
    snapshot: { content: snapshot, files: attached, declarations: { truthfulness: true, privacy: true } },
  });
  await tx.insert(proposalEvents).values({ proposalId, fromStatus: 'draft', toStatus: 'submitted', actorId: item.userId, at: submittedAt });
}

/** The story's content, fitted to what the call asks (types, limits, neighbourhoods, maximum). */
function storyContent(call: CallRow & { neighbourhoodIds: string[] }, story: DemoStory, complete: boolean): ProposalContent {
  const base = emptyContent(call);
  const group = call.applicantTypes.includes('informal_group');
  const applicantType = group ? 'informal_group' : base.applicantType;
  const max = call.maxGrantCents > 0 ? call.maxGrantCents : story.requestedCents;
  return {
    applicantType,
    organisationName: applicantType === 'association' || applicantType === 'social_cooperative' ? story.organisation : null,
    title: story.title,
    neighbourhoodId: call.neighbourhoodIds[0] ?? null,
    requestedCents: Math.min(story.requestedCents, Math.floor((max * 0.8) / 10_000) * 10_000),
    team: group ? story.team.slice(0, Math.max(call.minGroupMembers, 2) + 1) : story.team.slice(0, 1),
    // A draft is half written: only the first answers, the rest still to do.
    answers: demoAnswers(call.questions, story, complete ? call.questions.length : Math.ceil(call.questions.length / 2)),
  };
}

async function attachDemoFiles(tx: Tx, storage: Storage, call: CallRow, proposalId: string, userId: string, story: DemoStory, all: boolean): Promise<AttachedFile[]> {
  const wanted = all ? call.attachments : call.attachments.slice(0, 1);
  const out: AttachedFile[] = [];
  for (const requirement of wanted) {
    if (!requirement.kinds.includes('pdf')) continue;
    const label = requirement.label[story.locale];
    const bytes = await demoPdf(`${story.title}\n\n${label}\n\n${story.locale === 'it' ? 'Documento dimostrativo.' : 'Demo document.'}`);
    const key = newStorageKey();
    await storage.put(key, bytes, 'application/pdf');
    const id = randomUUID();
    const file = {
      id,
      purpose: requirement.key,
      originalName: `${requirement.key.replace(/_/g, '-')}.pdf`,
      mime: 'application/pdf',
      sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
    await tx.insert(files).values({ ...file, storage: storage.kind, storageKey: key, ownerType: 'proposal', ownerId: proposalId, uploadedBy: userId });
    out.push(file);
  }
  return out;
}

async function demoPdf(text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595.28, 841.89]);
  text.split('\n').forEach((line, i) => page.drawText(line, { x: 56, y: 780 - i * 18, size: 12, font }));
  // A fixed date keeps the bytes (and their SHA-256) the same on every run.
  doc.setCreationDate(new Date('2026-01-01T00:00:00Z'));
  doc.setModificationDate(new Date('2026-01-01T00:00:00Z'));
  return doc.save();
}

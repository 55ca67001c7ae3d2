import { openDatabase } from '../../src/lib/server/db/index.ts';
import { createSession } from '../../src/domain/accounts/session.server.ts';
import type { AttachmentRequirement, CallQuestion } from '../../src/domain/calls/definitions.ts';
import { createCall, createProposal, createUser } from '../factories/index.ts';

/**
 * The deadline spike's data, written straight into the database before the server starts: one
 * open call with one question and one required PDF, and `count` verified residents, each signed
 * in (a session cookie) with a draft that lacks only the attachment.
 */
export type SpikeDraft = {
  proposalId: string;
  version: number;
  cookie: string;
  attachmentKey: string;
  /** The draft's fields as the form posts them, so a save changes nothing but the file. */
  fields: Record<string, string>;
};
export type SpikeSeed = { callId: string; drafts: SpikeDraft[] };

const ATTACHMENT: AttachmentRequirement = {
  key: 'project',
  label: { it: 'Scheda di progetto', en: 'Project sheet' },
  required: true,
  kinds: ['pdf'],
  maxBytes: 2 * 1024 * 1024,
};
const QUESTION: CallQuestion = {
  key: 'idea',
  section: { it: 'L’idea', en: 'The idea' },
  type: 'short_text',
  label: { it: 'La tua idea in una riga', en: 'Your idea in one line' },
  required: true,
  max: 200,
};
/** Rows written at once: the pool has 10 connections. */
const BATCH = 40;

export async function seedSpike(url: string, count: number): Promise<SpikeSeed> {
  const database = await openDatabase({ databaseUrl: url, pgliteDir: '', maxConnections: 10 });
  try {
    await database.migrate();
    const db = database.db;
    const call = await createCall(db, 'open', {
      slug: 'scadenza-affollata',
      protocolPrefix: 'PICCO',
      applicantTypes: ['individual'],
      questions: [QUESTION],
      attachments: [ATTACHMENT],
      eligibility: [],
      maxGrantCents: 500_000,
      budgetCents: 50_000_000,
      // Moved to a few seconds into the load by the bench, once everything is ready.
      closesAt: new Date(Date.now() + 60 * 60 * 1000),
    });
    const drafts: SpikeDraft[] = [];
    for (let start = 0; start < count; start += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, count - start) }, (_, j) => start + j);
      drafts.push(...(await Promise.all(batch.map((i) => seedResident(db, call.id, i)))));
    }
    return { callId: call.id, drafts };
  } finally {
    await database.close();
  }
}

async function seedResident(db: Parameters<typeof createUser>[0], callId: string, i: number): Promise<SpikeDraft> {
  const user = await createUser(db, 'resident', { email: `picco.${i}@example.org` });
  const { token } = await createSession(db, user.id, new Date());
  const title = `Idea numero ${i + 1}`;
  const idea = `Un servizio di vicinato, proposta ${i + 1}.`;
  const proposal = await createProposal(db, { callId, proposerId: user.id, applicantType: 'individual', title, requestedCents: 300_000, answers: { idea }, team: [] });
  return {
    proposalId: proposal.id,
    version: proposal.version,
    cookie: `vivaio_session=${token}`,
    attachmentKey: ATTACHMENT.key,
    fields: { applicantType: 'individual', title, requested: '3000', [`answers.${QUESTION.key}`]: idea },
  };
}

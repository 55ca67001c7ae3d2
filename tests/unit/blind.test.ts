import { describe, expect, it } from 'vitest';
import { answersView } from '../../src/domain/admissibility/answers-view.ts';
import { blindFileName, fileLabelOf, redactForEvaluator, type EvaluatorProposal } from '../../src/domain/evaluation/blind.ts';
import { blindWords } from '../../src/domain/evaluation/evaluator-views.server.ts';
import { sampleAttachments, sampleQuestions } from '../factories/calls.ts';

const questions = [
  ...sampleQuestions,
  { key: 'video', section: { it: 'L’idea', en: 'The idea' }, type: 'file' as const, label: { it: 'Video di presentazione', en: 'Presentation video' }, required: false },
];
const call = { attachments: sampleAttachments, questions };

const names = ['Agata Russo', 'agata.russo@example.it', 'Cortile Aperto APS', 'Orazio Greco', 'Russo', 'CV_Agata_Russo'];

function proposal(): EvaluatorProposal {
  return {
    protocolNumber: 'IDEA-2026-000007',
    title: 'Doposcuola di cortile',
    applicantType: 'association',
    proposer: { name: 'Agata Russo', email: 'agata.russo@example.it' },
    organisationName: 'Cortile Aperto APS',
    neighbourhoodName: 'San Cristoforo',
    requestedCents: 1_500_000,
    team: [
      { name: 'Agata Russo', role: 'referente', adult: true },
      { name: 'Orazio Greco', role: 'educatore', adult: true },
    ],
    answers: answersView(questions, { need: 'Molti ragazzi non hanno un posto dove studiare.', users: 40, video: 'f-video' }, new Map([['f-video', 'Presentazione Cortile Aperto APS.mp4']])),
    attachments: [
      { id: 'f1', purpose: 'budget', label: 'Piano dei costi', name: 'Budget Cortile Aperto APS 2026.xlsx', sizeBytes: 1000 },
      { id: 'f2', purpose: 'id_document', label: 'Documento d’identità del referente', name: 'CV_Agata_Russo.pdf', sizeBytes: 2000 },
    ],
    blind: false,
  };
}

describe('redactForEvaluator', () => {
  const redacted = redactForEvaluator(proposal(), blindWords('it'), 'it');
  const text = JSON.stringify(redacted);

  it('leaves no name of proposer, team or organisation, nor a revealing file name', () => {
    for (const name of names) expect(text).not.toContain(name);
  });

  it('replaces them with neutral words in the reader’s language', () => {
    expect(redacted.proposer).toBeNull();
    expect(redacted.organisationName).toBeNull();
    expect(redacted.team).toEqual([
      { name: 'Membro 1', role: 'referente', adult: true },
      { name: 'Membro 2', role: 'educatore', adult: true },
    ]);
    expect(redacted.attachments.map((a) => a.name)).toEqual(['Allegato – Piano dei costi.xlsx', 'Allegato – Documento d’identità del referente.pdf']);
    const video = redacted.answers.flatMap((s) => s.items).find((i) => i.key === 'video');
    expect(video?.display).toEqual({ kind: 'file', fileId: 'f-video', name: 'Allegato – Video di presentazione.mp4' });
    expect(redacted.blind).toBe(true);
    expect(redactForEvaluator(proposal(), blindWords('en'), 'en').team[1]?.name).toBe('Member 2');
  });

  it('keeps what is not a name: the text of answers, title, place, amount, file ids', () => {
    expect(redacted.title).toBe('Doposcuola di cortile');
    expect(redacted.neighbourhoodName).toBe('San Cristoforo');
    expect(redacted.requestedCents).toBe(1_500_000);
    expect(text).toContain('Molti ragazzi non hanno un posto dove studiare.');
    expect(redacted.attachments.map((a) => a.id)).toEqual(['f1', 'f2']);
  });

  it('does not change the proposal it was given', () => {
    const original = proposal();
    redactForEvaluator(original, blindWords('it'), 'it');
    expect(original).toEqual(proposal());
  });
});

describe('blind file names', () => {
  it('name the requirement, keep the extension, and cannot smuggle path or quote characters', () => {
    const words = blindWords('en');
    expect(blindFileName('Cost plan', 'x.PDF', words)).toBe('Attachment – Cost plan.pdf');
    expect(blindFileName('Plan "A"/B\\C', 'noextension', words)).toBe('Attachment – Plan A B C.bin');
  });

  it('take the label from the call’s requirement or question, else the purpose', () => {
    expect(fileLabelOf(call, 'budget', 'en')).toBe('Cost plan');
    expect(fileLabelOf(call, 'question:video', 'it')).toBe('Video di presentazione');
    expect(fileLabelOf(call, 'observation', 'it')).toBe('observation');
  });
});

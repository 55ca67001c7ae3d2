import type { ActionAPIContext } from 'astro:actions';
import { isDomainError, type DomainError } from '../domain/errors.ts';
import { readProposalForm, uploadsIn } from '../domain/proposals/form.ts';
import { removeProposalFile, uploadProposalFile } from '../domain/proposals/proposal-files.server.ts';
import { saveDraft } from '../domain/proposals/save-draft.server.ts';
import { submitProposal } from '../domain/proposals/submit-proposal.server.ts';
import { attachmentField } from '../domain/proposals/submission.ts';
import { uploadFieldError } from '../lib/files-format.ts';
import { formatTime } from '../lib/format.ts';
import { toLocale, translateDynamic, translator } from '../lib/i18n/index.ts';
import type { FormResult } from '../lib/server/form-action.ts';
import type { FieldError, FieldErrors } from '../lib/validation.ts';

/**
 * Handlers for the proposal form, whose fields come from the call. Every failure keeps what the
 * person typed (`values`) and says what is wrong per field, like formAction does.
 * `rows` in SaveData: how many team rows the form shows next (one more after "Add another person").
 */
export type SaveData = { version: number; savedAt: Date; intent: string; rows: number };
type Failure = Extract<FormResult<never>, { ok: false }> & { conflict?: boolean };
export type SaveResult = FormResult<SaveData> & { conflict?: boolean };

const db = (c: ActionAPIContext) => c.locals.runtime.database.db;
const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' ? v : '';
};

/** What the person typed, to fill the form again (files cannot be kept by browsers). */
export function typedValues(form: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key).filter((v): v is string => typeof v === 'string');
    if (all.length === 0) continue;
    out[key] = key.startsWith('answers.') && all.length > 1 ? all : all[0]!;
  }
  return out;
}

function domainFailure(error: DomainError, values: Failure['values']): Failure {
  const fieldErrors = (error.details.errors ?? {}) as FieldErrors;
  const hasFields = Object.keys(fieldErrors).length > 0;
  return {
    ok: false,
    errors: fieldErrors,
    formError: hasFields ? { key: 'common.formErrors' } : { key: `errors.${error.code}` },
    values,
    conflict: error.code === 'stale_draft',
  };
}

/** Saves the fields, then removes and uploads files; returns every problem at once. */
export async function saveFormHandler(form: FormData, c: ActionAPIContext): Promise<SaveResult> {
  const values = typedValues(form);
  const proposalId = text(form, 'proposalId');
  const input = readProposalForm(form);
  const removeMember = Number.parseInt(text(form, 'removeMember'), 10);
  if (input.team && Number.isInteger(removeMember)) input.team.splice(removeMember, 1);

  let saved;
  try {
    saved = await saveDraft(db(c), c.locals.ctx, { proposalId, version: Number(text(form, 'version')), form: input });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return domainFailure(error, values);
  }
  const errors: FieldErrors = { ...saved.errors };
  let formError: FieldError | null = null;
  const removeFile = text(form, 'removeFile');
  if (removeFile) formError = await fileOperation(() => removeProposalFile(db(c), c.locals.ctx, { proposalId, fileId: removeFile }), c);
  for (const upload of uploadsIn(form)) {
    const field = upload.purpose.startsWith('question:') ? `answers.${upload.purpose.slice(9)}` : attachmentField(upload.purpose);
    const error = await fileOperation(() => uploadProposalFile(db(c), c.locals.runtime.storage, c.locals.ctx, { proposalId, ...upload }), c);
    if (error) errors[field] = error;
  }
  if (formError) return { ok: false, errors, formError, values };
  if (Object.keys(errors).length > 0) return { ok: false, errors, formError: { key: 'proposals.form.savedWithErrors' }, values };
  const intent = text(form, 'intent') || 'save';
  const rows = (Number.parseInt(text(form, 'teamRows'), 10) || 1) + (intent === 'addMember' ? 1 : 0) - (Number.isInteger(removeMember) ? 1 : 0);
  return { ok: true, data: { version: saved.version, savedAt: saved.savedAt, intent, rows } };
}

/** Runs one file operation; a refusal becomes a message (with the limits), anything else is thrown. */
async function fileOperation(run: () => Promise<unknown>, c: ActionAPIContext): Promise<FieldError | null> {
  try {
    await run();
    return null;
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const upload = uploadFieldError(error, c.locals.locale);
    return upload?.error ?? { key: error.code.startsWith('file_') ? `files.errors.${error.code}` : `errors.${error.code}` };
  }
}

export type AutosaveResult = {
  ok: boolean;
  conflict: boolean;
  version: number | null;
  /** A sentence for the live region, already translated. */
  message: string;
  /** Field name → translated message, for values that could not be saved. */
  errors: Record<string, string>;
};

/** Autosave while typing: fields only (never files), a short JSON answer for the page's script. */
export async function autosaveHandler(form: FormData, c: ActionAPIContext): Promise<AutosaveResult> {
  // The RPC path (/_actions/…) carries no language: the page sends its own.
  const locale = toLocale(text(form, 'lang') || c.locals.locale);
  const t = translator(locale);
  const ctx = { ...c.locals.ctx, locale };
  try {
    const saved = await saveDraft(db(c), ctx, { proposalId: text(form, 'proposalId'), version: Number(text(form, 'version')), form: readProposalForm(form) });
    const errors = Object.fromEntries(Object.entries(saved.errors).map(([k, e]) => [k, translateDynamic(t, e.key, e.params)]));
    const time = formatTime(saved.savedAt, locale);
    const message = Object.keys(errors).length > 0 ? t('proposals.autosave.savedWithErrors', { time }) : t('proposals.autosave.saved', { time });
    return { ok: true, conflict: false, version: saved.version, message, errors };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const conflict = error.code === 'stale_draft';
    const message = conflict ? t('proposals.autosave.conflict') : translateDynamic(t, `errors.${error.code}`, {}, t('proposals.autosave.failed'));
    return { ok: false, conflict, version: null, message, errors: {} };
  }
}

/** Submit, with every missing item reported on its field (declarations included). */
export async function submitFormHandler(form: FormData, c: ActionAPIContext): Promise<FormResult<{ protocolNumber: string }>> {
  const values = typedValues(form);
  try {
    const result = await submitProposal(db(c), c.locals.ctx, {
      proposalId: text(form, 'proposalId'),
      version: Number(text(form, 'version')) || undefined,
      declarations: { truthfulness: text(form, 'truthfulness') === 'on', privacy: text(form, 'privacy') === 'on', publicName: text(form, 'publicName') === 'on' },
    });
    c.locals.runtime.mailWorker.nudge();
    return { ok: true, data: { protocolNumber: result.protocolNumber } };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const failure = domainFailure(error, values);
    // The review page lists what is missing; the form error says why nothing was sent.
    if (error.code === 'proposal_incomplete') failure.formError = { key: 'errors.proposal_incomplete' };
    return failure;
  }
}

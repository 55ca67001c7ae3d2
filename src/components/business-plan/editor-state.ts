import { formStateFromPlan, formStateFromValues, type PlanFormState } from '../../domain/incubation/business-plan-form.ts';
import { MAX_LINES } from '../../domain/incubation/business-plan-rules.ts';
import type { BusinessPlanPage } from '../../domain/incubation/business-plan-view.server.ts';
import type { Locale } from '../../lib/i18n/locales.ts';
import type { FormResult } from '../../lib/server/form-action.ts';
import type { FieldErrors } from '../../lib/validation.ts';

type EditorResult = FormResult<{ kind: 'edited'; state: PlanFormState; refused: 'too_many_lines' | null; version: number } | { kind: 'saved'; version: number; changed: boolean }>;

/**
 * What the editor shows: the saved plan, or — after a post that did not save — exactly what was
 * typed (rows added or removed, or a refusal with its messages). After a stale refusal the form
 * carries the newer version, so saving again is a deliberate choice made with both texts in view.
 */
export function editorState(page: BusinessPlanPage, result: EditorResult | null, locale: Locale) {
  const failed = result && !result.ok ? result : null;
  const edited = result?.ok && result.data.kind === 'edited' ? result.data : null;
  const stale = failed?.formError?.key === 'businessPlan.errors.stale_plan';
  const posted = Number(failed?.values.version ?? edited?.version ?? page.working.version);
  const state: PlanFormState = edited ? edited.state : failed ? formStateFromValues(failed.values) : formStateFromPlan(page.working.sections, page.working.financial, locale);
  const errors: FieldErrors = failed ? failed.errors : edited?.refused ? { lines: { key: 'businessPlan.errors.too_many_lines', params: { max: MAX_LINES } } } : {};
  return {
    state,
    errors,
    failed,
    stale,
    version: stale || !Number.isSafeInteger(posted) ? page.working.version : posted,
    linesChanged: edited !== null,
    dirty: edited !== null || failed !== null,
  };
}

import type { AstroGlobal } from 'astro';
import { isAmendable } from '../../../domain/calls/call-changes.server.ts';
import { getCallForStaff } from '../../../domain/calls/staff-call-queries.server.ts';
import { guard } from '../../../lib/server/guard.ts';

export type CallPage = {
  data: NonNullable<Awaited<ReturnType<typeof getCallForStaff>>>;
  /** Free edits (draft) or amendments (published, before the deadline). */
  editable: boolean;
  /** Published: every change needs a rettifica note. */
  amending: boolean;
  /** Where this page lives, for redirects after a successful post. */
  path: string;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The common start of every call editor page: the policy, the call (or a 404), what may change. */
export async function loadCallPage(astro: AstroGlobal): Promise<Response | CallPage> {
  const denied = await guard(astro, 'call.manage');
  if (denied) return denied;
  const { ctx, runtime } = astro.locals;
  const id = astro.params.id ?? '';
  const data = UUID.test(id) ? await getCallForStaff(runtime.database.db, ctx, id) : null;
  if (!data) return astro.rewrite('/404');
  const amending = isAmendable(data.call, ctx.now());
  return { data, editable: data.call.phase === 'draft' || amending, amending, path: astro.url.pathname };
}

/** Post/redirect/get: after a successful change, show the page afresh with a notice. */
export function afterSuccess(astro: AstroGlobal, page: CallPage, notice: string, anchor = ''): Response {
  return astro.redirect(`${page.path}?done=${encodeURIComponent(notice)}${anchor}`, 303);
}

type ActionData = { ok: boolean } | null | undefined;

/**
 * The results of a list page's actions (save one item, remove, move); a success redirects back to
 * the page with a notice, so a reload never posts twice.
 */
export function listResults<S extends ActionData, R extends ActionData, M extends ActionData>(astro: AstroGlobal, page: CallPage, save: S, remove: R, move: M) {
  if (save?.ok) return afterSuccess(astro, page, 'saved');
  if (remove?.ok) return afterSuccess(astro, page, 'removed');
  if (move?.ok) return afterSuccess(astro, page, 'moved');
  return null;
}

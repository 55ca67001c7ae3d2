/**
 * Addresses of the staff evaluation pages. Forms post to the page's own address with its filters
 * in the query string plus Astro's `_action` parameter, so after a failed post the page renders
 * the same filtered list, and after a successful one it redirects there (post/redirect/get).
 */

export const evaluationBase = (locale: string, callId: string) => `/${locale}/staff/calls/${callId}/evaluation`;

/** `path?…params&_action=area.name` for a form's `action`; `action` is an `actions.x.y` (its string is `?_action=…`). */
export function actionTarget(path: string, params: URLSearchParams, action: { toString(): string }): string {
  const name = new URLSearchParams(String(action).replace(/^\?/, '')).get('_action');
  const query = new URLSearchParams(params);
  query.delete('_action');
  if (name) query.set('_action', name);
  return `${path}?${query}`;
}

/** Where a successful post lands: the same view, plus what was done for the notice. */
export function doneTarget(path: string, params: URLSearchParams, done: Record<string, string | number>, anchor = ''): string {
  const query = new URLSearchParams(params);
  for (const [k, v] of Object.entries(done)) query.set(k, String(v));
  return `${path}?${query}${anchor}`;
}

/** The current query without the one-off parameters (what a link or a form should keep). */
export function keptParams(url: URL, drop: readonly string[] = []): URLSearchParams {
  const query = new URLSearchParams(url.searchParams);
  for (const key of ['_action', 'done', 'confirm', 'user', 'created', 'already', 'conflicted', 'notAssignable', 'proposals', 'short', 'count', ...drop]) query.delete(key);
  return query;
}

/** A link to `path` with `params`, some set or (null) removed, and an anchor. */
export function withParams(path: string, params: URLSearchParams, changes: Record<string, string | number | null>, anchor = ''): string {
  const query = new URLSearchParams(params);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) query.delete(k);
    else query.set(k, String(v));
  }
  const qs = query.toString();
  return `${path}${qs ? `?${qs}` : ''}${anchor}`;
}

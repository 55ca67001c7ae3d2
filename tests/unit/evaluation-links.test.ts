import { describe, expect, it } from 'vitest';
import { actionTarget, doneTarget, keptParams, withParams } from '../../src/components/evaluation/staff/links.ts';
import { assignmentFilterParams, parseAssignmentFilter, parseBoardFilter } from '../../src/domain/evaluation/evaluation.schema.ts';

const path = '/it/staff/calls/c/evaluation/assignments';
const action = { toString: () => '?_action=evaluation.bulkAssign' };

describe('filters survive a bulk action', () => {
  it('posts to the filtered address and comes back to it with the notice', () => {
    const url = new URL(`http://x${path}?status=admissible&neighbourhood=0b0f4c9e-2f4b-4a8e-9a41-9d3e2b1c0a11&q=orto&unassigned=on&fewer=on&page=3&done=auto&created=4`);
    const kept = keptParams(url);
    expect(kept.toString()).toBe('status=admissible&neighbourhood=0b0f4c9e-2f4b-4a8e-9a41-9d3e2b1c0a11&q=orto&unassigned=on&fewer=on&page=3');
    const target = actionTarget(path, kept, action);
    expect(target).toBe(`${path}?${kept}&_action=evaluation.bulkAssign`);
    // After the post the address carries `_action`: the redirect drops it and keeps the filters.
    const back = doneTarget(path, keptParams(new URL(`http://x${target}`)), { done: 'assigned', created: 2 }, '#bulk-title');
    expect(back).toBe(`${path}?${kept}&done=assigned&created=2#bulk-title`);
    expect(parseAssignmentFilter(new URL(`http://x${back}`).searchParams)).toEqual(parseAssignmentFilter(url.searchParams));
  });

  it('reads filters leniently and writes them back the same way', () => {
    const filter = parseAssignmentFilter(new URLSearchParams('status=funded&neighbourhood=nope&q=%20%20&unassigned=yes&page=-4'));
    expect(filter).toEqual({ status: undefined, neighbourhoodId: undefined, q: undefined, unassigned: false, fewerThanK: false, page: 1 });
    const full = parseAssignmentFilter(new URLSearchParams('status=in_review&q=IDEA&fewer=on&page=2'));
    expect(assignmentFilterParams(full).toString()).toBe('status=in_review&q=IDEA&fewer=on&page=2');
    expect(assignmentFilterParams(full, false).toString()).toBe('status=in_review&q=IDEA&fewer=on');
    expect(parseBoardFilter(new URLSearchParams('view=bogus&page=x'))).toEqual({ view: 'all', page: 1 });
  });

  it('builds links that set or drop parameters', () => {
    expect(withParams(path, new URLSearchParams('q=a&page=2'), { page: null, proposal: 'p1' }, '#manual-title')).toBe(`${path}?q=a&proposal=p1#manual-title`);
    expect(withParams(path, new URLSearchParams(), {})).toBe(path);
  });
});

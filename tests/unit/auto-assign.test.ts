import { describe, expect, it } from 'vitest';
import { autoAssign, planChosen, type Pair } from '../../src/domain/evaluation/auto-assign.ts';

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
const loads = (pairs: readonly Pair[], evaluators: readonly string[]) => evaluators.map((e) => pairs.filter((p) => p.evaluatorId === e).length);
const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
const perProposal = (pairs: readonly Pair[]) => {
  const map = new Map<string, string[]>();
  for (const p of pairs) map.set(p.proposalId, [...(map.get(p.proposalId) ?? []), p.evaluatorId]);
  return map;
};

describe('autoAssign', () => {
  it('gives every proposal k different evaluators with loads within one of each other', () => {
    const proposals = ids('p', 10);
    const evaluators = ids('e', 4);
    const pairs = autoAssign({ proposals, evaluators, existing: [], conflicts: [], k: 3 });
    expect(pairs).toHaveLength(30);
    for (const [, who] of perProposal(pairs)) expect(new Set(who).size).toBe(3);
    // 30 seats over 4 evaluators: 8, 8, 7, 7.
    expect(loads(pairs, evaluators).sort()).toEqual([7, 7, 8, 8]);
  });

  it('balances across many sizes (max − min ≤ 1 without conflicts)', () => {
    for (const [p, e, k] of [[1, 1, 1], [7, 3, 2], [25, 6, 3], [100, 7, 3], [13, 5, 5]] as const) {
      const evaluators = ids('e', e);
      const pairs = autoAssign({ proposals: ids('p', p), evaluators, existing: [], conflicts: [], k });
      expect(pairs).toHaveLength(p * Math.min(k, e));
      expect(spread(loads(pairs, evaluators)), `${p}×${e}, k=${k}`).toBeLessThanOrEqual(1);
    }
  });

  it('never assigns an evaluator who declared a conflict on the proposal', () => {
    const proposals = ids('p', 6);
    const evaluators = ids('e', 4);
    const conflicts: Pair[] = [
      { proposalId: 'p1', evaluatorId: 'e1' },
      { proposalId: 'p1', evaluatorId: 'e2' },
      { proposalId: 'p4', evaluatorId: 'e3' },
    ];
    const pairs = autoAssign({ proposals, evaluators, existing: [], conflicts, k: 2 });
    expect(perProposal(pairs).get('p1')?.sort()).toEqual(['e3', 'e4']);
    expect(perProposal(pairs).get('p4')).not.toContain('e3');
    expect(pairs).toHaveLength(12);
    expect(spread(loads(pairs, evaluators))).toBeLessThanOrEqual(1);
  });

  it('gives fewer than k when conflicts leave too few evaluators, never the same one twice', () => {
    const conflicts: Pair[] = [{ proposalId: 'p1', evaluatorId: 'e1' }];
    const pairs = autoAssign({ proposals: ['p1', 'p2'], evaluators: ['e1', 'e2', 'e1'], existing: [], conflicts, k: 3 });
    expect(perProposal(pairs).get('p1')).toEqual(['e2']);
    expect(perProposal(pairs).get('p2')?.sort()).toEqual(['e1', 'e2']);
  });

  it('counts existing assignments (seats and load) and is idempotent', () => {
    const proposals = ids('p', 9);
    const evaluators = ids('e', 3);
    const existing: Pair[] = [
      { proposalId: 'p1', evaluatorId: 'e1' },
      { proposalId: 'p2', evaluatorId: 'e1' },
      { proposalId: 'p3', evaluatorId: 'e1' },
      // Someone who has left the commission still fills the seat.
      { proposalId: 'p4', evaluatorId: 'gone' },
    ];
    const first = autoAssign({ proposals, evaluators, existing, conflicts: [], k: 2 });
    expect(first).toHaveLength(18 - 4);
    const all = [...existing, ...first];
    for (const [, who] of perProposal(all)) expect(who).toHaveLength(2);
    expect(first.some((p) => p.proposalId === 'p1' && p.evaluatorId === 'e1')).toBe(false);
    expect(spread(loads(all, evaluators))).toBeLessThanOrEqual(1);
    expect(autoAssign({ proposals, evaluators, existing: all, conflicts: [], k: 2 })).toEqual([]);
  });

  it('is deterministic: the same input gives the same assignment', () => {
    const input = { proposals: ids('p', 40), evaluators: ids('e', 7), existing: [], conflicts: [{ proposalId: 'p5', evaluatorId: 'e2' }], k: 3 };
    expect(autoAssign(input)).toEqual(autoAssign(structuredClone(input)));
  });

  it('serves the most constrained proposals first so they are not left short', () => {
    // p2 may only go to e1 or e2 (e3 conflicted); with k = 2 both are needed there.
    const pairs = autoAssign({
      proposals: ['p1', 'p2'],
      evaluators: ['e1', 'e2', 'e3'],
      existing: [],
      conflicts: [{ proposalId: 'p2', evaluatorId: 'e3' }],
      k: 2,
    });
    expect(perProposal(pairs).get('p2')?.sort()).toEqual(['e1', 'e2']);
    expect(perProposal(pairs).get('p1')).toContain('e3');
  });

  it('assigns nothing without evaluators or with k = 0', () => {
    expect(autoAssign({ proposals: ['p1'], evaluators: [], existing: [], conflicts: [], k: 3 })).toEqual([]);
    expect(autoAssign({ proposals: ['p1'], evaluators: ['e1'], existing: [], conflicts: [], k: 0 })).toEqual([]);
  });
});

describe('planChosen', () => {
  it('assigns each chosen evaluator to each chosen proposal, skipping and counting what cannot be', () => {
    const plan = planChosen({
      proposals: ['p1', 'p2', 'p2'],
      evaluators: ['e1', 'e2'],
      existing: [{ proposalId: 'p1', evaluatorId: 'e1' }],
      conflicts: [{ proposalId: 'p2', evaluatorId: 'e2' }],
    });
    expect(plan).toEqual({
      pairs: [
        { proposalId: 'p1', evaluatorId: 'e2' },
        { proposalId: 'p2', evaluatorId: 'e1' },
      ],
      alreadyAssigned: 1,
      conflicted: 1,
    });
  });
});

/**
 * Automatic assignment of proposals to evaluators: pure, deterministic, no database.
 *
 * Every proposal gets up to `k` evaluators in total (those already assigned count), never one who
 * declared a conflict on it and never the same one twice. Load is balanced greedily: each free
 * seat goes to the eligible evaluator with the lowest current load on the call, ties broken by
 * the evaluators' order in the input (callers pass them in a stable order). Proposals with the
 * fewest eligible evaluators are served first, so a conflict does not leave them short while the
 * free evaluators fill up elsewhere. Re-running on the result assigns nothing (idempotent).
 */

export type Pair = { proposalId: string; evaluatorId: string };

export type AutoAssignInput = {
  /** Proposals to cover, in a stable order (protocol order). */
  proposals: readonly string[];
  /** Evaluators who may be assigned (the commission's scoring members), in a stable order. */
  evaluators: readonly string[];
  /** Active assignments already made (any evaluator, even one no longer in `evaluators`). */
  existing: readonly Pair[];
  /** Declared conflicts: these pairs are never assigned. */
  conflicts: readonly Pair[];
  /** Evaluators per proposal. */
  k: number;
};

export function autoAssign(input: AutoAssignInput): Pair[] {
  const { proposals, k } = input;
  const evaluators = [...new Set(input.evaluators)];
  const rank = new Map(evaluators.map((id, i) => [id, i]));
  const load = new Map(evaluators.map((id) => [id, 0]));
  const taken = pairsByProposal(input.existing);
  const blocked = pairsByProposal(input.conflicts);
  for (const pair of input.existing) if (load.has(pair.evaluatorId)) load.set(pair.evaluatorId, load.get(pair.evaluatorId)! + 1);

  const eligible = (proposalId: string) =>
    evaluators.filter((e) => !taken.get(proposalId)?.has(e) && !blocked.get(proposalId)?.has(e));
  const order = [...new Set(proposals)]
    .map((id, position) => ({ id, position, choices: eligible(id).length }))
    .sort((a, b) => a.choices - b.choices || a.position - b.position);

  const out: Pair[] = [];
  for (const { id } of order) {
    const seats = k - (taken.get(id)?.size ?? 0);
    if (seats <= 0) continue;
    const picked = eligible(id)
      .sort((a, b) => load.get(a)! - load.get(b)! || rank.get(a)! - rank.get(b)!)
      .slice(0, seats);
    for (const evaluatorId of picked) {
      load.set(evaluatorId, load.get(evaluatorId)! + 1);
      out.push({ proposalId: id, evaluatorId });
    }
  }
  return out;
}

function pairsByProposal(pairs: readonly Pair[]): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  for (const { proposalId, evaluatorId } of pairs) {
    let set = map.get(proposalId);
    if (!set) map.set(proposalId, (set = new Set()));
    set.add(evaluatorId);
  }
  return map;
}

export type ChosenPlan = { pairs: Pair[]; alreadyAssigned: number; conflicted: number };

/**
 * Manual and bulk assignment: every chosen evaluator on every chosen proposal, except where
 * already assigned (skipped: a repeated click changes nothing) or where a conflict was declared
 * (never assigned), with both counted so staff are told.
 */
export function planChosen(input: Omit<AutoAssignInput, 'k'>): ChosenPlan {
  const taken = pairsByProposal(input.existing);
  const blocked = pairsByProposal(input.conflicts);
  const plan: ChosenPlan = { pairs: [], alreadyAssigned: 0, conflicted: 0 };
  for (const proposalId of new Set(input.proposals)) {
    for (const evaluatorId of new Set(input.evaluators)) {
      if (blocked.get(proposalId)?.has(evaluatorId)) plan.conflicted++;
      else if (taken.get(proposalId)?.has(evaluatorId)) plan.alreadyAssigned++;
      else plan.pairs.push({ proposalId, evaluatorId });
    }
  }
  return plan;
}

/**
 * The four figures of financial progress (definitions: figures.server.ts, which computes them).
 * Integer euro cents throughout.
 */
export type FourFigures = {
  plannedCents: number;
  awardedCents: number;
  committedCents: number;
  disbursedCents: number;
};

export type StartupFigures = FourFigures & {
  id: string;
  name: string;
  slug: string;
  callId: string;
  /** The team's consent to the public profile (the name may be published). */
  publicConsent: boolean;
  grantId: string | null;
};

export type CallFigures = FourFigures & {
  id: string;
  slug: string;
  titleIt: string;
  titleEn: string;
  programmeId: string;
  /** The call's own budget, part of `plannedCents`. */
  budgetCents: number;
  /** Committed or disbursed pledges to the call or its start-ups, the other part of `plannedCents`. */
  pledgedCents: number;
  grantCount: number;
};

export type ProgrammeFigures = FourFigures & {
  id: string;
  code: string;
  cup: string | null;
  titleIt: string;
  titleEn: string;
  /** Office in charge and RUP (D.lgs. 33/2013 art. 27 c. 1 lett. d). */
  office: string | null;
  rupName: string | null;
  callCount: number;
};

export type PledgeTotals = {
  /** Sums by the pledge's current status (each pledge counted once, in its present state). */
  pledgedCents: number;
  committedCents: number;
  disbursedCents: number;
  cancelledCents: number;
  count: number;
};

/** Adds up rows' four figures (a total row under a table, a chart of everything). */
export function sumFigures(rows: readonly FourFigures[]): FourFigures {
  return rows.reduce<FourFigures>(
    (a, r) => ({
      plannedCents: a.plannedCents + r.plannedCents,
      awardedCents: a.awardedCents + r.awardedCents,
      committedCents: a.committedCents + r.committedCents,
      disbursedCents: a.disbursedCents + r.disbursedCents,
    }),
    { plannedCents: 0, awardedCents: 0, committedCents: 0, disbursedCents: 0 },
  );
}

import { and, asc, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { businessPlanComments, businessPlans, businessPlanVersions, users } from '../../../db/schema/index.ts';
import type { Queryable } from '../../lib/server/db/index.ts';
import type { RequestContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { planAccess } from './business-plan-access.server.ts';
import { emptyFinancialPlan, isCommentTarget, type CommentTarget, type FinancialPlan, type PlanSections } from './business-plan-rules.ts';

/** Read models of the business plan for the team's editor, the coach's page and the PDF. */
export type PlanSnapshot = { sections: PlanSections; financial: FinancialPlan; savedAt: Date | null; savedBy: string | null };
export type WorkingPlan = PlanSnapshot & { version: number };
export type SavedVersion = PlanSnapshot & { number: number };
export type VersionSummary = { number: number; savedAt: Date; savedBy: string | null };
export type PlanComment = { id: string; section: CommentTarget; planVersion: number; author: string; body: string; createdAt: Date };
export type PlanStartup = { id: string; name: string; slug: string };

export type BusinessPlanPage = {
  startup: PlanStartup;
  /** The working copy; version 0 and empty when nothing was saved yet. */
  working: WorkingPlan;
  versions: VersionSummary[];
  comments: PlanComment[];
  canEdit: boolean;
  canComment: boolean;
};

const author = alias(users, 'plan_author');

export async function getBusinessPlan(db: Queryable, ctx: RequestContext, startupId: string): Promise<BusinessPlanPage> {
  const access = await planAccess(db, ctx, startupId, 'read');
  const [working, versions, comments] = await Promise.all([workingCopy(db, startupId), listVersions(db, startupId), listComments(db, startupId)]);
  return { startup: startupOf(access.startup), working, versions, comments, canEdit: access.canEdit, canComment: access.canComment };
}

/** A saved version with the list of all versions (to move between them), or `plan_version_not_found`. */
export async function getPlanVersion(db: Queryable, ctx: RequestContext, startupId: string, number: number | null) {
  const access = await planAccess(db, ctx, startupId, 'read');
  const [row] =
    number === null
      ? []
      : await db
          .select({ number: businessPlanVersions.number, sections: businessPlanVersions.sections, financial: businessPlanVersions.financial, savedAt: businessPlanVersions.savedAt, savedBy: author.name })
          .from(businessPlanVersions)
          .leftJoin(author, eq(author.id, businessPlanVersions.savedBy))
          .where(and(eq(businessPlanVersions.startupId, startupId), eq(businessPlanVersions.number, number)));
  if (!row) throw notFound('plan_version_not_found');
  const version: SavedVersion = row;
  return { startup: startupOf(access.startup), version, versions: await listVersions(db, startupId), canEdit: access.canEdit };
}

/** A version number from the address (`?version=2`, `/versions/2`); null when absent or not one. */
export function parseVersionNumber(value: string | null | undefined): number | null {
  if (!value || !/^\d{1,9}$/.test(value)) return null;
  const n = Number(value);
  return n >= 1 ? n : null;
}

/** The comments of one section or of the financial plan, oldest first. */
export function commentsOn(comments: readonly PlanComment[], target: CommentTarget): PlanComment[] {
  return comments.filter((c) => c.section === target);
}

const startupOf = (s: { id: string; name: string; slug: string }): PlanStartup => ({ id: s.id, name: s.name, slug: s.slug });

async function workingCopy(db: Queryable, startupId: string): Promise<WorkingPlan> {
  const [row] = await db
    .select({ sections: businessPlans.sections, financial: businessPlans.financial, version: businessPlans.version, savedAt: businessPlans.updatedAt, savedBy: author.name })
    .from(businessPlans)
    .leftJoin(author, eq(author.id, businessPlans.updatedBy))
    .where(eq(businessPlans.startupId, startupId));
  return row ?? { sections: {}, financial: emptyFinancialPlan(), version: 0, savedAt: null, savedBy: null };
}

function listVersions(db: Queryable, startupId: string): Promise<VersionSummary[]> {
  return db
    .select({ number: businessPlanVersions.number, savedAt: businessPlanVersions.savedAt, savedBy: author.name })
    .from(businessPlanVersions)
    .leftJoin(author, eq(author.id, businessPlanVersions.savedBy))
    .where(eq(businessPlanVersions.startupId, startupId))
    .orderBy(desc(businessPlanVersions.number));
}

async function listComments(db: Queryable, startupId: string): Promise<PlanComment[]> {
  const rows = await db
    .select({
      id: businessPlanComments.id,
      section: businessPlanComments.section,
      planVersion: businessPlanComments.planVersion,
      author: users.name,
      body: businessPlanComments.body,
      createdAt: businessPlanComments.createdAt,
    })
    .from(businessPlanComments)
    .innerJoin(users, eq(users.id, businessPlanComments.authorId))
    .where(eq(businessPlanComments.startupId, startupId))
    .orderBy(asc(businessPlanComments.createdAt), asc(businessPlanComments.id));
  return rows.flatMap((r) => (isCommentTarget(r.section) ? [{ ...r, section: r.section }] : []));
}

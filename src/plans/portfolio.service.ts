// Commands and queries for the programme and project portfolio (seed 004, Appendix 8): each programme or
// project with its lead director, description and RAG; assessments recording the RAG and key issues at a
// date (the latest is the item's RAG); publication to the public site.
import type { Database, Queryable } from '../db/database.ts';
import { changeContext, type RequestContext } from '../web/context.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from '../web/errors.ts';
import { todayInEngland } from '../calendar/today.ts';
import { parseWithRouteErrors } from './parse-input.ts';
import { existingIds } from './plans.repository.ts';
import * as repo from './portfolio.repository.ts';
import { assessmentInput, KIND_LABELS, portfolioItemInput, RAG_LABELS, RAG_TAGS, type PortfolioItemInput } from './portfolio.schemas.ts';

/** The latest key issues as the portfolio prints them after the description: without the description when they repeat it. */
function keyIssuesAfter(description: string, keyIssues: string | null) {
  const issues = (keyIssues ?? '').trim();
  const d = description.trim();
  return d && issues.startsWith(d) ? issues.slice(d.length).trim() : issues;
}

const withLabels = (i: repo.PortfolioItemRow) => ({
  ...i,
  kindLabel: KIND_LABELS[i.kind],
  ragLabel: i.latestRag ? RAG_LABELS[i.latestRag] : null,
  ragTag: i.latestRag ? RAG_TAGS[i.latestRag] : null,
  owner: [i.partnershipName, i.bodyName].filter(Boolean).join(', '),
  keyIssuesShown: keyIssuesAfter(i.description, i.latestKeyIssues),
});
export type PortfolioEntry = ReturnType<typeof withLabels>;

export async function portfolioView(db: Queryable, tenantId: string, f: repo.PortfolioFilter) {
  return (await repo.listItems(db, tenantId, f)).map(withLabels);
}

export async function itemView(db: Queryable, tenantId: string, id: string) {
  const item = await repo.getItem(db, tenantId, id);
  if (!item) throw new NotFoundError('programme or project');
  const assessments = (await repo.listAssessments(db, tenantId, id)).map((a) => ({ ...a, ragLabel: RAG_LABELS[a.rag], ragTag: RAG_TAGS[a.rag] }));
  return { item: withLabels(item), assessments };
}

async function checkOwners(tx: Queryable, tenantId: string, input: PortfolioItemInput) {
  const errors: FieldErrors = {};
  if (input.partnershipId && !(await existingIds(tx, tenantId, 'partnerships', [input.partnershipId])).size) {
    errors.partnershipId = 'Select the partnership from the list';
  }
  if (input.bodyId && !(await existingIds(tx, tenantId, 'bodies', [input.bodyId])).size) {
    errors.bodyId = 'Select the committee or board from the list';
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
}

export async function createItem(db: Database, ctx: RequestContext, raw: unknown) {
  const input = parseWithRouteErrors(portfolioItemInput, raw);
  return db.transaction(changeContext(ctx), async (tx) => {
    await checkOwners(tx, ctx.tenantId, input);
    return repo.insertItem(tx, ctx.tenantId, input);
  });
}

export async function updateItem(db: Database, ctx: RequestContext, id: string, version: number, raw: unknown) {
  const input = parseWithRouteErrors(portfolioItemInput, raw);
  await db.transaction(changeContext(ctx), async (tx) => {
    if (!(await repo.getItem(tx, ctx.tenantId, id))) throw new NotFoundError('programme or project');
    await checkOwners(tx, ctx.tenantId, input);
    if (!(await repo.updateItem(tx, ctx.tenantId, id, version, input))) throw new ConflictError();
  });
}

/** Records the RAG and key issues as at a date (not a future one): the latest becomes the item's RAG. */
export async function recordAssessment(
  db: Database,
  ctx: RequestContext,
  itemId: string,
  raw: unknown,
  extraErrors: FieldErrors = {},
  today = todayInEngland(),
) {
  const input = parseWithRouteErrors(assessmentInput, raw, extraErrors);
  if (input.asAt > today) throw new ValidationError({ asAt: 'The as-at date must be today or in the past' });
  return db.transaction(changeContext(ctx), async (tx) => {
    if (!(await repo.getItem(tx, ctx.tenantId, itemId))) throw new NotFoundError('programme or project');
    return repo.insertAssessment(tx, ctx.tenantId, itemId, input);
  });
}

export async function setPublication(db: Database, ctx: RequestContext, id: string, version: number, state: 'draft' | 'published') {
  await db.transaction(changeContext(ctx), async (tx) => {
    if (!(await repo.getItem(tx, ctx.tenantId, id))) throw new NotFoundError('programme or project');
    if (!(await repo.setItemPublication(tx, ctx.tenantId, id, version, state))) throw new ConflictError();
  });
}

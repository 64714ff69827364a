// SQL for the programme and project portfolio: items, their RAG assessments (the latest is the item's RAG),
// and publication to the public site.
import type { Queryable } from '../db/database.ts';
import { isPublic, shownTo } from '../publication/visibility.ts';
import type { AssessmentInput, PortfolioItemInput, PortfolioRag } from './portfolio.schemas.ts';

export interface PortfolioItemRow {
  id: string;
  kind: 'programme' | 'project';
  title: string;
  leadDirector: string;
  description: string;
  partnershipId: string | null;
  partnershipName: string | null;
  bodyId: string | null;
  bodyName: string | null;
  publicationState: 'draft' | 'published';
  latestAsAt: string | null;
  latestRag: PortfolioRag | null;
  latestKeyIssues: string | null;
  version: number;
  modified: Date;
}

/** An item's columns; for the public, its partnership or committee is named only where the public may see it. */
const itemColumns = (publicOnly: boolean) => `i.id, i.kind, i.title, i.lead_director as "leadDirector", i.description,
  ${shownTo(publicOnly, 'partnership', 'i.partnership_id', 'i.partnership_id')} as "partnershipId",
  ${shownTo(publicOnly, 'partnership', 'i.partnership_id', 'pa.name')} as "partnershipName",
  ${shownTo(publicOnly, 'body', 'i.body_id', 'i.body_id')} as "bodyId", ${shownTo(publicOnly, 'body', 'i.body_id', 'b.name')} as "bodyName",
  i.publication_state as "publicationState",
  to_char(la.as_at, 'YYYY-MM-DD') as "latestAsAt", la.rag as "latestRag", la.key_issues as "latestKeyIssues", i.version, i.modified`;
const ITEM_FROM = `portfolio_items i left join partnerships pa on pa.id = i.partnership_id and pa.deleted_at is null
  left join bodies b on b.id = i.body_id and b.deleted_at is null
  left join lateral (select a.as_at, a.rag, a.key_issues from portfolio_assessments a where a.item_id = i.id and a.deleted_at is null
    order by a.as_at desc, a.created desc limit 1) la on true`;

export interface PortfolioFilter {
  partnershipId?: string;
  bodyId?: string;
  publicOnly: boolean;
}

export async function listItems(db: Queryable, tenantId: string, f: PortfolioFilter) {
  const params: unknown[] = [tenantId];
  const where = ['i.tenant_id = $1', 'i.deleted_at is null'];
  if (f.publicOnly) where.push(isPublic('portfolio_item', 'i.id'));
  if (f.partnershipId) {
    params.push(f.partnershipId);
    where.push(`i.partnership_id = $${params.length}`);
  }
  if (f.bodyId) {
    params.push(f.bodyId);
    where.push(`i.body_id = $${params.length}`);
  }
  return db.query<PortfolioItemRow>(
    `select ${itemColumns(f.publicOnly)} from ${ITEM_FROM} where ${where.join(' and ')} order by i.created, lower(i.title)`,
    params,
  );
}

export async function getItem(db: Queryable, tenantId: string, id: string) {
  const rows = await db.query<PortfolioItemRow>(
    `select ${itemColumns(false)} from ${ITEM_FROM} where i.tenant_id = $1 and i.id = $2 and i.deleted_at is null`,
    [tenantId, id],
  );
  return rows[0] ?? null;
}

const itemValues = (i: PortfolioItemInput) => [i.kind, i.title, i.leadDirector, i.description, i.partnershipId, i.bodyId];

export async function insertItem(tx: Queryable, tenantId: string, i: PortfolioItemInput, publicationState: 'draft' | 'published' = 'draft') {
  const rows = await tx.query<{ id: string }>(
    `insert into portfolio_items (tenant_id, kind, title, lead_director, description, partnership_id, body_id,
      publication_state) values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [tenantId, ...itemValues(i), publicationState],
  );
  return rows[0]!.id;
}

export async function updateItem(tx: Queryable, tenantId: string, id: string, version: number, i: PortfolioItemInput) {
  const rows = await tx.query<{ id: string }>(
    `update portfolio_items set kind = $4, title = $5, lead_director = $6, description = $7, partnership_id = $8, body_id = $9
    where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null returning id`,
    [tenantId, id, version, ...itemValues(i)],
  );
  return rows.length === 1;
}

export async function setItemPublication(tx: Queryable, tenantId: string, id: string, version: number, state: 'draft' | 'published') {
  const rows = await tx.query<{ id: string }>(
    `update portfolio_items set publication_state = $4 where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null
    returning id`,
    [tenantId, id, version, state],
  );
  return rows.length === 1;
}

export interface AssessmentRow {
  id: string;
  asAt: string;
  rag: PortfolioRag;
  keyIssues: string;
  created: Date;
}

/** An item's assessments, newest first. */
export async function listAssessments(db: Queryable, tenantId: string, itemId: string) {
  return db.query<AssessmentRow>(
    `select id, to_char(as_at, 'YYYY-MM-DD') as "asAt", rag, key_issues as "keyIssues", created
    from portfolio_assessments where tenant_id = $1 and item_id = $2 and deleted_at is null order by as_at desc, created desc`,
    [tenantId, itemId],
  );
}

export async function insertAssessment(tx: Queryable, tenantId: string, itemId: string, a: AssessmentInput) {
  const rows = await tx.query<{ id: string }>(
    `insert into portfolio_assessments (tenant_id, item_id, as_at, rag, key_issues)
    values ($1, $2, $3, $4, $5) returning id`,
    [tenantId, itemId, a.asAt, a.rag, a.keyIssues],
  );
  return rows[0]!.id;
}

/** The partnerships and committees that own items, for the filters; for the public, only published ones owning published items. */
export async function filterChoices(db: Queryable, tenantId: string, publicOnly: boolean) {
  const pub = (alias: string) => (publicOnly ? `and i.publication_state = 'published' and ${alias}.publication_state = 'published'` : '');
  const [partnerships, bodies] = await Promise.all([
    db.query<{ id: string; name: string }>(
      `select distinct p.id, p.name from portfolio_items i join partnerships p on p.id = i.partnership_id
      where i.tenant_id = $1 and i.deleted_at is null and p.deleted_at is null ${pub('p')} order by p.name`,
      [tenantId],
    ),
    db.query<{ id: string; name: string }>(
      `select distinct b.id, b.name from portfolio_items i join bodies b on b.id = i.body_id
      where i.tenant_id = $1 and i.deleted_at is null and b.deleted_at is null ${pub('b')} order by b.name`,
      [tenantId],
    ),
  ]);
  return { partnerships, bodies };
}

/** Every partnership and committee, for the item form. */
export async function ownerChoices(db: Queryable, tenantId: string) {
  const [partnerships, bodies] = await Promise.all([
    db.query<{ id: string; name: string }>(`select id, name from partnerships where tenant_id = $1 and deleted_at is null order by lower(name)`, [tenantId]),
    db.query<{ id: string; name: string }>(`select id, name from bodies where tenant_id = $1 and deleted_at is null order by lower(name)`, [tenantId]),
  ]);
  return { partnerships, bodies };
}

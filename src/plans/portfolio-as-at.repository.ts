// What the Finance and Performance Report reads from the portfolio (seed 004's Appendix 8): a committee's
// published programmes and projects, each with the assessment in force at a date (the report period's last
// day), so a report printed later still says what the committee was told then.
import type { Queryable } from '../db/database.ts';
import { isPublic } from '../publication/visibility.ts';
import type { PortfolioRag } from './portfolio.schemas.ts';

export interface PortfolioAsAtRow {
  id: string;
  kind: 'programme' | 'project';
  title: string;
  leadDirector: string;
  description: string;
  /** The latest assessment on or before the date; all null when there is none by then. */
  asAt: string | null;
  rag: PortfolioRag | null;
  keyIssues: string | null;
}

/** A committee's published portfolio items, with their RAG and key issues as at a date. */
export async function portfolioAsAt(db: Queryable, tenantId: string, bodyId: string, asAt: string) {
  return db.query<PortfolioAsAtRow>(
    `select i.id, i.kind, i.title, i.lead_director as "leadDirector", i.description,
       to_char(a.as_at, 'YYYY-MM-DD') as "asAt", a.rag, a.key_issues as "keyIssues"
     from portfolio_items i
       left join lateral (select x.as_at, x.rag, x.key_issues from portfolio_assessments x where x.item_id = i.id and x.deleted_at is null
         and x.as_at <= $3::date order by x.as_at desc, x.created desc limit 1) a on true
     where i.tenant_id = $1 and i.body_id = $2 and i.deleted_at is null and ${isPublic('portfolio_item', 'i.id')}
     order by i.created, lower(i.title)`,
    [tenantId, bodyId, asAt],
  );
}

// SQL for the annual review of strategic partnerships: the officer's draft (dates, summary, recommendations,
// implications, background papers) and the partnerships it covers with "where it is heading" for each.
import type { Queryable } from '../db/database.ts';

/** The implications sections of seed 002's report (section 11), in its order. */
export const IMPLICATION_HEADINGS = [
  'Financial Implications',
  'Staffing Implications',
  'Equal Opportunities Implications',
  'Environmental Implications',
  'Consultation',
  'Community Safety',
] as const;

export interface Implication {
  heading: string;
  text: string;
}
export interface ReviewFields {
  title: string;
  periodStart: string;
  periodEnd: string;
  reportDate: string;
  author: string;
  summary: string;
  recommendations: string[];
  backgroundPapers: string[];
  implications: Implication[];
}
export interface ReviewRow extends ReviewFields {
  id: string;
  version: number;
  modified: string;
}
export interface ReviewPartnershipRow {
  partnershipId: string;
  position: number;
  direction: string;
}

const COLUMNS = `id, title, period_start as "periodStart", period_end as "periodEnd", report_date as "reportDate", author, summary,
  recommendations, background_papers as "backgroundPapers", implications, version, modified::text as modified`;

export async function listReviews(db: Queryable, tenantId: string) {
  return db.query<ReviewRow>(`select ${COLUMNS} from annual_reviews where tenant_id = $1 and deleted_at is null order by report_date desc, created desc`, [
    tenantId,
  ]);
}

export async function getReview(db: Queryable, tenantId: string, id: string) {
  const [review] = await db.query<ReviewRow>(`select ${COLUMNS} from annual_reviews where tenant_id = $1 and id = $2 and deleted_at is null`, [tenantId, id]);
  if (!review) return null;
  const partnerships = await db.query<ReviewPartnershipRow>(
    `select partnership_id as "partnershipId", position, direction from annual_review_partnerships
     where tenant_id = $1 and review_id = $2 and deleted_at is null order by position`,
    [tenantId, id],
  );
  return { review, partnerships };
}

const values = (f: ReviewFields) => [
  f.title,
  f.periodStart,
  f.periodEnd,
  f.reportDate,
  f.author,
  f.summary,
  f.recommendations,
  f.backgroundPapers,
  JSON.stringify(f.implications),
];

export async function insertReview(tx: Queryable, tenantId: string, f: ReviewFields): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `insert into annual_reviews (tenant_id, title, period_start, period_end, report_date, author, summary, recommendations, background_papers, implications)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb) returning id`,
    [tenantId, ...values(f)],
  );
  return row!.id;
}

/** Saves over the stored review at the version the officer edited; false when someone saved first. */
export async function updateReview(tx: Queryable, tenantId: string, id: string, version: number, f: ReviewFields) {
  const rows = await tx.query<{ id: string }>(
    `update annual_reviews set title = $4, period_start = $5, period_end = $6, report_date = $7, author = $8, summary = $9,
       recommendations = $10, background_papers = $11, implications = $12::jsonb
     where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null returning id`,
    [tenantId, id, version, ...values(f)],
  );
  return rows.length === 1;
}

/** The partnerships the review covers, in order: those no longer chosen are removed, the rest kept or added. */
export async function setPartnerships(tx: Queryable, tenantId: string, reviewId: string, chosen: { partnershipId: string; direction: string }[]) {
  const ids = chosen.map((c) => c.partnershipId);
  await tx.query(
    `update annual_review_partnerships set deleted_at = clock_timestamp()
     where tenant_id = $1 and review_id = $2 and deleted_at is null and not (partnership_id = any($3::uuid[]))`,
    [tenantId, reviewId, ids],
  );
  for (const [position, c] of chosen.entries()) {
    const updated = await tx.query(
      `update annual_review_partnerships set position = $4, direction = $5
       where tenant_id = $1 and review_id = $2 and partnership_id = $3 and deleted_at is null
         and (position <> $4 or direction <> $5) returning id`,
      [tenantId, reviewId, c.partnershipId, position, c.direction],
    );
    if (updated.length) continue;
    await tx.query(
      `insert into annual_review_partnerships (tenant_id, review_id, partnership_id, position, direction) values ($1, $2, $3, $4, $5)
       on conflict (tenant_id, review_id, partnership_id) where deleted_at is null do nothing`,
      [tenantId, reviewId, c.partnershipId, position, c.direction],
    );
  }
}

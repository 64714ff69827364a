// What a partnership's quarterly summary of activity (src/reports, issue 16) reads from the register's money:
// contributions agreed or paid between two dates, and external funding starting in them (exempt ones aside).
// Amounts are whole pence (bigint in the database).
import type { Queryable } from '../db/database.ts';

export interface MoneyFactRow {
  partnershipId: string;
  kind: 'agreed' | 'paid' | 'funding';
  who: string;
  title: string | null;
  amountPence: number;
  financialYear: number | null;
  date: string;
}

export async function moneyBetween(db: Queryable, tenantId: string, ids: string[], from: string, to: string) {
  const rows = await db.query<Omit<MoneyFactRow, 'amountPence'> & { amountPence: string }>(
    `select * from (
       select c.partnership_id as "partnershipId", 'agreed' as kind, o.name as who, c.in_kind_description as title,
         c.amount_pence::text as "amountPence", c.financial_year as "financialYear", c.agreed_on as date
       from contributions c join organisations o on o.id = c.organisation_id
       where c.tenant_id = $1 and c.partnership_id = any($2::uuid[]) and c.deleted_at is null and c.agreed_on between $3::date and $4::date
       union all
       select c.partnership_id, 'paid', o.name, c.in_kind_description, c.amount_pence::text, c.financial_year, c.paid_on
       from contributions c join organisations o on o.id = c.organisation_id
       where c.tenant_id = $1 and c.partnership_id = any($2::uuid[]) and c.deleted_at is null and c.status = 'paid' and c.paid_on between $3::date and $4::date
       union all
       select f.partnership_id, 'funding', f.funder, f.title, f.amount_pence::text, null, f.start_date
       from partnership_funding f
       where f.tenant_id = $1 and f.partnership_id = any($2::uuid[]) and f.deleted_at is null and f.exempt_paragraph is null
         and f.start_date between $3::date and $4::date
     ) x order by date, kind, lower(who)`,
    [tenantId, ids, from, to],
  );
  return rows.map((r) => ({ ...r, amountPence: Number(r.amountPence) }));
}

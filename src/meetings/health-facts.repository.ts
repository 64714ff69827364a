// What the Principles health check (src/reports) reads about the meetings of partnerships' bodies:
// whether each was public, when its agenda, reports and minutes were published.
import type { Queryable } from '../db/database.ts';

export interface PartnershipMeetingRow {
  partnershipId: string;
  id: string;
  bodyName: string;
  bodyPublished: boolean;
  meetingDate: string;
  status: string;
  isPublic: boolean;
  agendaPublishedOn: string | null;
  minutesPublishedOn: string | null;
  /** When each report of an item on time (not late, withdrawn or exempt) was published. */
  reportsPublishedAt: Date[] | null;
}

/** Formal meetings of the partnerships' bodies between two dates, cancelled ones aside. */
export async function partnershipMeetings(db: Queryable, tenantId: string, partnershipIds: string[], from: string, to: string) {
  return db.query<PartnershipMeetingRow>(
    `select b.partnership_id as "partnershipId", m.id, b.name as "bodyName", b.publication_state = 'published' as "bodyPublished",
       m.meeting_date as "meetingDate", m.status, m.is_public as "isPublic", m.agenda_published_on as "agendaPublishedOn",
       m.minutes_published_on as "minutesPublishedOn",
       (select array_agg(r.published_at order by r.published_at) from agenda_items i
          join reports r on r.agenda_item_id = i.id and r.deleted_at is null and r.status = 'published'
        where i.meeting_id = m.id and i.deleted_at is null and not i.is_late and not i.withdrawn and i.exempt_paragraph is null) as "reportsPublishedAt"
     from meetings m join bodies b on b.id = m.body_id and b.deleted_at is null
     where m.tenant_id = $1 and b.partnership_id = any($2::uuid[]) and m.deleted_at is null and m.kind = 'formal' and m.status <> 'cancelled'
       and m.meeting_date between $3::date and $4::date
     order by m.meeting_date, b.name`,
    [tenantId, partnershipIds, from, to],
  );
}

/** The partnerships' bodies whose terms of reference are recorded. */
export async function bodiesWithTermsOfReference(db: Queryable, tenantId: string, partnershipIds: string[]) {
  return db.query<{ partnershipId: string; id: string; name: string }>(
    `select partnership_id as "partnershipId", id, name from bodies
     where tenant_id = $1 and partnership_id = any($2::uuid[]) and deleted_at is null and btrim(terms_of_reference) <> ''
     order by lower(name)`,
    [tenantId, partnershipIds],
  );
}

// SQL for outside bodies (outside bodies, partnership liaison and advisory groups, internal
// advisory groups and panels) and the appointments of councillors to them.
import type { Queryable } from '../db/database.ts';
import { isPublic, shownTo } from '../publication/visibility.ts';
import type { AppointmentInput, OutsideBodyInput } from './appointments.schemas.ts';

export interface OutsideBodyRow {
  id: string;
  name: string;
  kind: string;
  purpose: string;
  meetingsPerYear: string | null;
  representatives: string | null;
  places: number | null;
  observerStatus: boolean;
  contact: string;
  committeeId: string | null;
  committeeName: string | null;
  committeePublished: boolean;
  publicationState: 'draft' | 'published';
  created: Date;
  modified: Date;
  deletedAt: Date | null;
  version: number;
}

export interface AppointmentRow {
  id: string;
  outsideBodyId: string;
  personId: string;
  personName: string;
  honorificPrefix: string | null;
  role: string;
  party: string | null;
  startDate: string | null;
  endDate: string | null;
  appointedBy: string | null;
  note: string | null;
  created: Date;
  modified: Date;
  version: number;
}

/** An outside body's columns; for the public, the committee it reports to is named only when that committee is public. */
const bodyColumns = (publicOnly: boolean) => `ob.id, ob.name, ob.kind, ob.purpose, ob.meetings_per_year as "meetingsPerYear", ob.representatives,
  ob.places, ob.observer_status as "observerStatus", ob.contact,
  ${shownTo(publicOnly, 'body', 'ob.committee_id', 'ob.committee_id')} as "committeeId",
  ${shownTo(publicOnly, 'body', 'ob.committee_id', 'b.name')} as "committeeName",
  ${isPublic('body', 'ob.committee_id')} as "committeePublished",
  ob.publication_state as "publicationState", ob.created, ob.modified, ob.deleted_at as "deletedAt", ob.version`;
const BODY_FROM = `outside_bodies ob left join bodies b on b.id = ob.committee_id`;
const KIND_ORDER = `array_position(array['outside_body','liaison_group','internal_panel'], ob.kind)`;

const APPOINTMENT_COLUMNS = `a.id, a.outside_body_id as "outsideBodyId", a.person_id as "personId", pe.name as "personName",
  pe.honorific_prefix as "honorificPrefix", a.role, a.party, a.start_date as "startDate", a.end_date as "endDate",
  a.appointed_by as "appointedBy", a.note, a.created, a.modified, a.version`;
const ROLE_ORDER = `array_position(array['representative','observer','substitute'], a.role)`;

/**
 * Outside bodies by kind and name. The public (publishedOnly) see published ones; with `since`, every
 * body changed since then, deleted ones too (the API turns those into tombstones).
 */
export async function listOutsideBodies(db: Queryable, tenantId: string, f: { publishedOnly?: boolean; since?: Date } = {}) {
  const params: unknown[] = [tenantId];
  const where = ['ob.tenant_id = $1'];
  if (f.since) {
    params.push(f.since);
    where.push(`ob.modified > $${params.length}`);
  } else where.push('ob.deleted_at is null');
  if (f.publishedOnly && !f.since) where.push(`ob.publication_state = 'published'`);
  return db.query<OutsideBodyRow>(
    `select ${bodyColumns(Boolean(f.publishedOnly))} from ${BODY_FROM} where ${where.join(' and ')}
     order by ${f.since ? 'ob.modified, ob.id' : `${KIND_ORDER}, lower(ob.name), ob.id`}`,
    params,
  );
}

/** One outside body; publishedOnly finds only a published one, publicView shows it as the public see it (a deleted one too, for tombstones). */
export async function getOutsideBody(db: Queryable, tenantId: string, id: string, { withDeleted = false, publishedOnly = false, publicView = false } = {}) {
  const rows = await db.query<OutsideBodyRow>(
    `select ${bodyColumns(publishedOnly || publicView)} from ${BODY_FROM} where ob.tenant_id = $1 and ob.id = $2
       ${withDeleted ? '' : 'and ob.deleted_at is null'} ${publishedOnly ? `and ob.publication_state = 'published'` : ''}`,
    [tenantId, id],
  );
  return rows[0] ?? null;
}

const bodyValues = (o: OutsideBodyInput) => [
  o.name,
  o.kind,
  o.purpose,
  o.meetingsPerYear,
  o.representatives,
  o.places,
  o.observerStatus,
  o.contact,
  o.committeeId,
  o.publicationState,
];

export async function insertOutsideBody(tx: Queryable, tenantId: string, o: OutsideBodyInput) {
  const rows = await tx.query<{ id: string }>(
    `insert into outside_bodies (tenant_id, name, kind, purpose, meetings_per_year, representatives, places, observer_status, contact,
       committee_id, publication_state) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
    [tenantId, ...bodyValues(o)],
  );
  return rows[0]!.id;
}

/** Saves the body only if it is still at `version` (optimistic concurrency); false when someone changed it first. */
export async function updateOutsideBody(tx: Queryable, tenantId: string, id: string, version: number, o: OutsideBodyInput) {
  const rows = await tx.query<{ id: string }>(
    `update outside_bodies set name = $4, kind = $5, purpose = $6, meetings_per_year = $7, representatives = $8, places = $9,
       observer_status = $10, contact = $11, committee_id = $12, publication_state = $13
     where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null returning id`,
    [tenantId, id, version, ...bodyValues(o)],
  );
  return rows.length === 1;
}

/** Appointments, current and past, to one outside body or (without one) to every outside body of the tenant. */
export async function listAppointments(db: Queryable, tenantId: string, outsideBodyId?: string) {
  return db.query<AppointmentRow>(
    `select ${APPOINTMENT_COLUMNS} from outside_body_appointments a join people pe on pe.id = a.person_id
     where a.tenant_id = $1 and a.deleted_at is null ${outsideBodyId ? 'and a.outside_body_id = $2' : ''}
     order by a.outside_body_id, ${ROLE_ORDER}, a.end_date desc nulls first, a.start_date nulls first, a.created, pe.name`,
    outsideBodyId ? [tenantId, outsideBodyId] : [tenantId],
  );
}

export async function getAppointment(db: Queryable, tenantId: string, outsideBodyId: string, appointmentId: string) {
  const rows = await db.query<AppointmentRow>(
    `select ${APPOINTMENT_COLUMNS} from outside_body_appointments a join people pe on pe.id = a.person_id
     where a.tenant_id = $1 and a.outside_body_id = $2 and a.id = $3 and a.deleted_at is null`,
    [tenantId, outsideBodyId, appointmentId],
  );
  return rows[0] ?? null;
}

export async function insertAppointment(tx: Queryable, tenantId: string, outsideBodyId: string, a: AppointmentInput) {
  const rows = await tx.query<{ id: string }>(
    `insert into outside_body_appointments (tenant_id, outside_body_id, person_id, role, party, start_date, end_date, appointed_by, note)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [tenantId, outsideBodyId, a.personId, a.role, a.party, a.startDate, a.endDate, a.appointedBy, a.note],
  );
  return rows[0]!.id;
}

/** Records the last day of an appointment; false when the date falls before the day it began. */
export async function endAppointment(tx: Queryable, tenantId: string, outsideBodyId: string, appointmentId: string, endDate: string) {
  const rows = await tx.query<{ id: string }>(
    `update outside_body_appointments set end_date = $4
     where tenant_id = $1 and outside_body_id = $2 and id = $3 and deleted_at is null and (start_date is null or start_date <= $4::date)
     returning id`,
    [tenantId, outsideBodyId, appointmentId, endDate],
  );
  return rows.length === 1;
}

export interface PersonAppointmentRow {
  id: string;
  outsideBodyId: string;
  outsideBodyName: string;
  outsideBodyKind: string;
  outsideBodyPublished: boolean;
  role: string;
  party: string | null;
  startDate: string | null;
  endDate: string | null;
  appointedBy: string | null;
  note: string | null;
  version: number;
}

/**
 * Every appointment of one person, current and past, with the outside body's name and kind: for the
 * councillor's page. Current ones (no end date) first, then the most recently ended.
 */
export async function appointmentsOfPerson(db: Queryable, tenantId: string, personId: string) {
  return db.query<PersonAppointmentRow>(
    `select a.id, a.outside_body_id as "outsideBodyId", ob.name as "outsideBodyName", ob.kind as "outsideBodyKind",
       ob.publication_state = 'published' as "outsideBodyPublished", a.role, a.party, a.start_date as "startDate", a.end_date as "endDate",
       a.appointed_by as "appointedBy", a.note, a.version
     from outside_body_appointments a join outside_bodies ob on ob.id = a.outside_body_id and ob.deleted_at is null
     where a.tenant_id = $1 and a.person_id = $2 and a.deleted_at is null
     order by a.end_date desc nulls first, lower(ob.name), a.start_date nulls first`,
    [tenantId, personId],
  );
}

/** Committees and boards, for the "whose remit" picker. */
export async function committeeChoices(db: Queryable, tenantId: string) {
  return db.query<{ id: string; name: string }>(`select id, name from bodies where tenant_id = $1 and deleted_at is null order by lower(name)`, [tenantId]);
}

export async function committeeExists(db: Queryable, tenantId: string, id: string) {
  return (await db.query<{ id: string }>(`select id from bodies where tenant_id = $1 and id = $2 and deleted_at is null`, [tenantId, id])).length === 1;
}

/** Councillors first (they are who is appointed), then everyone else, for the appoint form's picker. */
export async function appointeeChoices(db: Queryable, tenantId: string) {
  return db.query<{ id: string; name: string; honorificPrefix: string | null; kind: string; party: string | null }>(
    `select id, name, honorific_prefix as "honorificPrefix", kind, party from people where tenant_id = $1 and deleted_at is null
     order by kind <> 'councillor', lower(name), id`,
    [tenantId],
  );
}

export async function getPersonParty(db: Queryable, tenantId: string, personId: string) {
  const rows = await db.query<{ party: string | null }>(`select party from people where tenant_id = $1 and id = $2 and deleted_at is null`, [
    tenantId,
    personId,
  ]);
  return rows.length ? { party: rows[0]!.party } : null;
}

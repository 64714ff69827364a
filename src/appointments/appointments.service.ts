// Commands and queries for outside bodies and the councillors appointed to them: adding and
// changing a body (with an optimistic version check), appointing, ending an appointment, and who
// holds a place on a date with the vacancies that leaves.
import type { Database, Queryable } from '../db/database.ts';
import { todayInEngland } from '../calendar/today.ts';
import { changeContext, type RequestContext } from '../web/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../web/errors.ts';
import { formatDate } from '../calendar/format.ts';
import { membershipOn } from '../meetings/index.ts';
import { isUniqueViolation, parseOrThrow } from '../web/schema.ts';
import * as repo from './appointments.repository.ts';
import { appointmentInput, outsideBodyInput } from './appointments.schemas.ts';

export { todayInEngland };

const nameTaken =
  (name: string) =>
  (err: unknown): never => {
    if (isUniqueViolation(err)) throw new ValidationError({ name: `A body called ‘${name}’ already exists` });
    throw err;
  };

async function checkCommittee(tx: Queryable, tenantId: string, committeeId: string | null) {
  if (committeeId && !(await repo.committeeExists(tx, tenantId, committeeId))) {
    throw new ValidationError({ committeeId: 'Select the committee from the list' });
  }
}

export async function createOutsideBody(db: Database, ctx: RequestContext, raw: unknown) {
  const input = parseOrThrow(outsideBodyInput, raw);
  return db.transaction(changeContext(ctx), async (tx) => {
    await checkCommittee(tx, ctx.tenantId, input.committeeId);
    return repo.insertOutsideBody(tx, ctx.tenantId, input).catch(nameTaken(input.name));
  });
}

export async function updateOutsideBody(db: Database, ctx: RequestContext, id: string, version: number, raw: unknown) {
  const input = parseOrThrow(outsideBodyInput, raw);
  await db.transaction(changeContext(ctx), async (tx) => {
    if (!(await repo.getOutsideBody(tx, ctx.tenantId, id))) throw new NotFoundError('outside body');
    await checkCommittee(tx, ctx.tenantId, input.committeeId);
    if (!(await repo.updateOutsideBody(tx, ctx.tenantId, id, version, input).catch(nameTaken(input.name)))) throw new ConflictError();
  });
}

/**
 * Appoints a person to an outside body. The person must exist; an end date, if given, must not be
 * before the start. Without a party the person's own party from the directory is recorded, so the
 * appointment keeps the party they stood for at the time.
 */
export async function appoint(db: Database, ctx: RequestContext, outsideBodyId: string, raw: unknown) {
  const input = parseOrThrow(appointmentInput, raw);
  return db.transaction(changeContext(ctx), async (tx) => {
    if (!(await repo.getOutsideBody(tx, ctx.tenantId, outsideBodyId))) throw new NotFoundError('outside body');
    const person = await repo.getPersonParty(tx, ctx.tenantId, input.personId);
    if (!person) throw new ValidationError({ personId: 'Select the councillor from the list' });
    return repo.insertAppointment(tx, ctx.tenantId, outsideBodyId, { ...input, party: input.party ?? person.party });
  });
}

/** Records the last day of an appointment. Refused when that is before the day the appointment began. */
export async function endAppointment(db: Database, ctx: RequestContext, outsideBodyId: string, appointmentId: string, endDate: string) {
  await db.transaction(changeContext(ctx), async (tx) => {
    const found = await repo.getAppointment(tx, ctx.tenantId, outsideBodyId, appointmentId);
    if (!found) throw new NotFoundError('appointment');
    if (found.startDate && endDate < found.startDate) {
      throw new ValidationError({ endDate: `End date must be the same as or after the start of the appointment, ${formatDate(found.startDate)}` });
    }
    if (!(await repo.endAppointment(tx, ctx.tenantId, outsideBodyId, appointmentId, endDate))) throw new ConflictError();
  });
}

// ---- Who holds a place, and vacancies ---------------------------------------------------------------
// An appointment is in force on a date as a committee membership is (meetings' membershipOn): started, or
// its start not recorded, and not yet past its last day.

/** Representatives and observers fill the body's places; substitutes stand in for them and do not. */
export const fillsAPlace = (a: { role: string }) => a.role === 'representative' || a.role === 'observer';

/** Places minus the people holding one on the date; null when the number of places is not known. */
export function vacancies(body: { places: number | null }, appointments: { role: string; startDate: string | null; endDate: string | null }[], date: string) {
  if (body.places === null) return null;
  return Math.max(0, body.places - membershipOn(appointments, date).filter(fillsAPlace).length);
}

export interface OutsideBodyView {
  body: repo.OutsideBodyRow;
  current: repo.AppointmentRow[];
  past: repo.AppointmentRow[];
  future: repo.AppointmentRow[];
  vacancies: number | null;
}

/** A body with its appointments split into current, past and future on a date. */
export function viewOf(body: repo.OutsideBodyRow, appointments: repo.AppointmentRow[], date: string): OutsideBodyView {
  const current = membershipOn(appointments, date);
  return {
    body,
    current,
    past: appointments.filter((a) => a.endDate !== null && a.endDate < date),
    future: appointments.filter((a) => a.startDate !== null && a.startDate > date),
    vacancies: vacancies(body, appointments, date),
  };
}

/** Every outside body (the public: published ones) with its appointments on a date. */
export async function outsideBodiesOn(db: Queryable, tenantId: string, date: string, { publishedOnly = false } = {}) {
  const [bodies, appointments] = await Promise.all([repo.listOutsideBodies(db, tenantId, { publishedOnly }), repo.listAppointments(db, tenantId)]);
  const byBody = new Map<string, repo.AppointmentRow[]>();
  for (const a of appointments) byBody.set(a.outsideBodyId, [...(byBody.get(a.outsideBodyId) ?? []), a]);
  return bodies.map((b) => viewOf(b, byBody.get(b.id) ?? [], date));
}

/** One outside body with its appointments on a date; NotFoundError when there is none (or, for the public, it is a draft). */
export async function outsideBodyOn(db: Queryable, tenantId: string, id: string, date: string, { publishedOnly = false } = {}) {
  const body = await repo.getOutsideBody(db, tenantId, id, { publishedOnly });
  if (!body) throw new NotFoundError('outside body');
  return viewOf(body, await repo.listAppointments(db, tenantId, id), date);
}

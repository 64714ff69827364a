// A councillor as the public may see them: their memberships of published committees and boards,
// named roles, appointments to published outside bodies, and attendance at meetings whose minutes
// are public. Used by the councillor pages and the API; the SQL is in councillors.repository.ts.
import type { Queryable } from '../db/database.ts';
import { appointmentsOfPerson } from '../appointments/index.ts';
import * as repo from './councillors.repository.ts';

const MEMBER_CATEGORIES = ['present', 'substitute', 'apologies', 'absent'];

/** Everything public about a councillor; null when they are not a councillor the public may see. */
export async function councillorProfile(db: Queryable, tenantId: string, id: string) {
  const person = await repo.publicCouncillor(db, tenantId, id);
  if (!person) return null;
  const [memberships, roles, appointments, record] = await Promise.all([
    repo.membershipsOfPerson(db, tenantId, id),
    repo.rolesOfPerson(db, tenantId, id),
    appointmentsOfPerson(db, tenantId, id),
    repo.attendanceRecord(db, tenantId, id),
  ]);
  const publicMeetings = await repo.meetingsWithPublicMinutes(db, tenantId, [...new Set(record.map((r) => r.meetingId))]);
  const attendance = record.filter((r) => publicMeetings.has(r.meetingId));
  const count = (category: string) => attendance.filter((a) => a.category === category).length;
  const asMember = attendance.filter((a) => MEMBER_CATEGORIES.includes(a.category));
  return {
    person,
    roles,
    attendance,
    memberships: memberships.filter((m) => m.bodyPublished),
    appointments: appointments.filter((a) => a.outsideBodyPublished),
    party: person.party ?? memberships.find((m) => m.politicalGroup)?.politicalGroup ?? null,
    summary: {
      meetings: asMember.length,
      attended: count('present') + count('substitute'),
      present: count('present'),
      substitute: count('substitute'),
      apologies: count('apologies'),
      absent: count('absent'),
      other: attendance.length - asMember.length,
    },
  };
}

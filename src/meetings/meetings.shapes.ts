// How the JSON API shapes meetings' rows into its responses, and reads a body, meeting, item or report
// as the caller may see it (the public: published bodies, public meetings, published agendas and reports).
import type { Queryable } from '../db/database.ts';
import { GoneError, NotFoundError } from '../web/errors.ts';
import * as repo from './meetings.repository.ts';
import * as service from './meetings.service.ts';
import { clearanceProblems, type ReportContent } from './report-template.ts';

const iso = (d: Date) => d.toISOString();

export function bodyShape(b: repo.BodyRow) {
  const { deletedAt: _d, ...rest } = b;
  return { ...rest, type: 'body' as const, created: iso(b.created), modified: iso(b.modified), deleted: false as const };
}

export const memberShape = (m: repo.MemberRow) => ({
  id: m.id,
  role: m.role,
  person: { id: m.personId, name: m.personName, honorificPrefix: m.honorificPrefix },
  politicalGroup: m.politicalGroup,
  startDate: m.startDate,
  endDate: m.endDate,
  appointedBy: m.appointedBy,
  version: m.version,
});

export const roleShape = (r: repo.RoleRow) => ({
  id: r.id,
  title: r.title,
  area: r.areaId ? { id: r.areaId, name: r.areaName ?? '' } : null,
  person: r.personId ? { id: r.personId, name: r.personName ?? '' } : null,
  startDate: r.startDate,
  endDate: r.endDate,
  version: r.version,
});

export async function bodyDetail(db: Queryable, tenantId: string, id: string, includeDrafts: boolean) {
  const body = await repo.getBody(db, tenantId, id, { includeDrafts, withDeleted: true });
  if (!body) throw new NotFoundError('committee or board');
  if (body.deletedAt) throw new GoneError('committee or board');
  const [members, roles] = await Promise.all([repo.listMembers(db, tenantId, id), repo.listRoles(db, tenantId, id)]);
  return {
    ...bodyShape(body),
    members: members.map(memberShape),
    roles: roles.map(roleShape),
    currentMembers: service.membershipOn(members, service.todayInEngland()).map(memberShape),
  };
}

export function meetingShape(m: repo.MeetingRow) {
  return {
    id: m.id,
    type: 'meeting' as const,
    bodyId: m.bodyId,
    bodyName: m.bodyName,
    meetingDate: m.meetingDate,
    startTime: m.startTime,
    endTime: m.endTime,
    venue: m.venue,
    kind: m.kind,
    status: m.status,
    isPublic: m.isPublic,
    title: m.title,
    agendaPublished: m.agendaPublishedOn !== null,
    agendaPublishedOn: m.agendaPublishedOn,
    created: iso(m.created),
    modified: iso(m.modified),
    version: m.version,
    deleted: false as const,
  };
}

export const publicMeeting = (m: Pick<repo.MeetingRow, 'bodyPublished' | 'isPublic'>) => m.bodyPublished && m.isPublic;

function itemShape(i: repo.ItemRow, forPublic: boolean) {
  if (forPublic && i.exemptParagraph !== null) {
    return { id: i.id, number: i.position, title: 'Exempt item' as const, exemptParagraph: i.exemptParagraph };
  }
  const report =
    i.reportId && (!forPublic || i.reportStatus === 'published')
      ? { id: i.reportId, kind: i.reportKind!, status: i.reportStatus!, title: i.reportTitle }
      : null;
  return {
    id: i.id,
    meetingId: i.meetingId,
    number: i.position,
    section: i.section,
    title: i.title,
    purpose: i.purpose,
    leadOfficers: i.leadOfficers,
    keyDecisionRef: i.keyDecisionRef,
    keyDecisionNoticedOn: i.keyDecisionNoticedOn,
    exemptParagraph: i.exemptParagraph,
    description: i.description,
    startTime: i.startTime,
    isLate: i.isLate,
    report,
    created: iso(i.created),
    modified: iso(i.modified),
    version: i.version,
    deleted: false as const,
  };
}

/** A meeting as the caller may see it: 404 to the public for a draft body or private meeting. */
async function visibleMeeting(db: Queryable, tenantId: string, id: string, includeDrafts: boolean) {
  const meeting = await repo.getMeeting(db, tenantId, id, { withDeleted: true });
  if (!meeting || (!includeDrafts && !publicMeeting(meeting))) throw new NotFoundError('meeting');
  if (meeting.deletedAt) throw new GoneError('meeting');
  return meeting;
}

export async function meetingDetail(db: Queryable, tenantId: string, id: string, includeDrafts: boolean) {
  const meeting = await visibleMeeting(db, tenantId, id, includeDrafts);
  const forPublic = !includeDrafts;
  const [items, calendar] = await Promise.all([repo.listItems(db, tenantId, id), service.holidays(db, tenantId)]);
  // The public see nothing of the agenda before it is published, and nothing of an exempt item but that it exists.
  const shown = forPublic && meeting.agendaPublishedOn === null ? [] : items;
  const forFlags = forPublic ? shown.map((i) => (i.exemptParagraph === null ? i : { ...i, title: 'Exempt item', keyDecisionRef: null })) : shown;
  const schedule = service.scheduleOf(meeting, forFlags, calendar);
  return {
    ...meetingShape(meeting),
    plannedDraftDeadline: meeting.plannedDraftDeadline,
    plannedDespatch: meeting.plannedDespatch,
    derivedDates: schedule.dates,
    flags: schedule.flags,
    dateWarnings: schedule.flags.filter((f) => f.rule === 'not_working_day'),
    items: shown.map((i) => itemShape(i, forPublic)),
  };
}

export async function staffItem(db: Queryable, tenantId: string, meetingId: string, itemId: string) {
  const item = await repo.getItem(db, tenantId, meetingId, itemId);
  if (!item) throw new NotFoundError('agenda item');
  return itemShape(item, false);
}

/** An item's report as the caller may see it: to the public only a published report of a non-exempt item on a published agenda. */
export async function reportDetail(db: Queryable, tenantId: string, meetingId: string, itemId: string, includeDrafts: boolean) {
  const meeting = await visibleMeeting(db, tenantId, meetingId, includeDrafts);
  const item = await repo.getItem(db, tenantId, meetingId, itemId);
  if (!item || (!includeDrafts && (meeting.agendaPublishedOn === null || item.exemptParagraph !== null))) throw new NotFoundError('agenda item');
  const report = await repo.getReport(db, tenantId, itemId);
  if (!report || (!includeDrafts && report.status !== 'published')) throw new NotFoundError('report');
  const content = report.kind === 'template' ? (report.document as ReportContent) : null;
  return {
    id: report.id,
    agendaItemId: report.agendaItemId,
    kind: report.kind,
    status: report.status,
    publishedAt: report.status === 'published' && report.publishedAt ? iso(report.publishedAt) : null,
    modified: iso(report.modified),
    version: report.version,
    content,
    clearanceProblems: content ? clearanceProblems(content) : [],
    file:
      report.kind === 'upload' && item.filename && item.contentType && item.sizeBytes !== null
        ? { filename: item.filename, contentType: item.contentType, sizeBytes: item.sizeBytes }
        : null,
  };
}

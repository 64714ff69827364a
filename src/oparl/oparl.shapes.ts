// Rows of the public view shaped as OParl 1.1 objects (https://schema.oparl.org/1.1/). Every object
// carries its own absolute address as `id`, its schema as `type`, and `created`/`modified`; links are
// addresses. A deleted object is a tombstone: its id, type, `deleted: true` and when it was deleted.
import { todayInEngland } from '../calendar/today.ts';
import { exemptNotice } from '../publication/exempt.ts';
import { labelFor } from '../web/labels.ts';
import { englandDateTime } from './oparl.query.ts';
import type { AgendaItemRow, FileRow, ListKind, MeetingRow, MembershipRow, OrganizationRow, PaperRow, PersonRow } from './oparl.repository.ts';

export const OPARL_VERSION = 'https://schema.oparl.org/1.1/';
export const OPARL_PREFIX = '/oparl/v1';
export const LICENSE = 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/';

export type OParlType =
  | 'System'
  | 'Body'
  | 'LegislativeTerm'
  | 'Organization'
  | 'Person'
  | 'Membership'
  | 'Meeting'
  | 'AgendaItem'
  | 'Paper'
  | 'File'
  | 'Consultation'
  | 'Location';

export const typeUrl = (type: OParlType) => `${OPARL_VERSION}${type}`;

/** Each list: its OParl type, the path of the list and the path of one object. */
export const KINDS: Record<ListKind, { type: OParlType; list: string; one: string }> = {
  organization: { type: 'Organization', list: 'organizations', one: 'organization' },
  person: { type: 'Person', list: 'persons', one: 'person' },
  membership: { type: 'Membership', list: 'memberships', one: 'membership' },
  meeting: { type: 'Meeting', list: 'meetings', one: 'meeting' },
  agendaItem: { type: 'AgendaItem', list: 'agenda-items', one: 'agenda-item' },
  paper: { type: 'Paper', list: 'papers', one: 'paper' },
  file: { type: 'File', list: 'files', one: 'file' },
  consultation: { type: 'Consultation', list: 'consultations', one: 'consultation' },
  location: { type: 'Location', list: 'locations', one: 'location' },
};

/** Addresses, absolute, under the service's public origin. */
export function addresses(origin: string) {
  const api = `${origin}${OPARL_PREFIX}`;
  return {
    origin,
    system: `${api}/system`,
    bodies: `${api}/bodies`,
    body: (id: string) => `${api}/body/${id}`,
    legislativeTerms: `${api}/legislative-terms`,
    list: (kind: ListKind) => `${api}/${KINDS[kind].list}`,
    one: (kind: ListKind, id: string) => `${api}/${KINDS[kind].one}/${id}`,
    web: (path: string) => `${origin}${path}`,
  };
}
export type Addresses = ReturnType<typeof addresses>;

const iso = (d: Date | string) => new Date(d).toISOString();
const stamps = (row: { created: Date; modified: Date }) => ({ created: iso(row.created), modified: iso(row.modified) });

/** What a client keeps of a deleted object. */
export const tombstone = (url: string, type: OParlType, row: { modified: Date }) => ({
  id: url,
  type: typeUrl(type),
  deleted: true as const,
  modified: iso(row.modified),
});

type Shaped = Record<string, unknown>;

/** Removes absent values, so that an optional property is left out rather than null. */
function compact<T extends Shaped>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== null && v !== undefined && v !== '')) as T;
}

export function organization(a: Addresses, row: OrganizationRow, bodyId: string): Shaped {
  const body = row.source === 'body';
  return compact({
    id: a.one('organization', row.id),
    type: typeUrl('Organization'),
    body: a.body(bodyId),
    name: row.name,
    shortName: row.shortName,
    membership: body ? row.memberships.map((id) => a.one('membership', id)) : undefined,
    meeting: body ? `${a.one('organization', row.id)}/meetings` : undefined,
    subOrganizationOf: row.parentId ? a.one('organization', row.parentId) : undefined,
    classification: labelFor(body ? 'bodyKind' : 'partnershipKind', row.classification),
    organizationType: body ? 'committee' : 'partnership',
    license: LICENSE,
    web: a.web(body ? `/committees/${row.id}` : `/register/${row.id}`),
    ...stamps(row),
    deleted: false,
  });
}

const VOTING_ROLES = new Set(['chair', 'vice_chair', 'member', 'co_opted']);

export function membership(
  a: Addresses,
  row: Pick<MembershipRow, 'id' | 'bodyId' | 'role' | 'startDate' | 'endDate'> & Partial<MembershipRow>,
  embedded = false,
): Shaped {
  return compact({
    id: a.one('membership', row.id),
    type: typeUrl('Membership'),
    // Inside a person, the person is implied.
    person: !embedded && row.personId ? a.one('person', row.personId) : undefined,
    organization: a.one('organization', row.bodyId),
    role: labelFor('bodyRole', row.role),
    // Substitutes vote only in a member's place, and observers do not vote.
    votingRight: VOTING_ROLES.has(row.role),
    startDate: row.startDate,
    endDate: row.endDate,
    license: LICENSE,
    ...(row.created && row.modified ? stamps({ created: row.created, modified: row.modified }) : {}),
    ...(embedded ? {} : { deleted: false }),
  });
}

export function person(a: Addresses, row: PersonRow, bodyId: string, omitInternal: boolean): Shaped {
  return compact({
    id: a.one('person', row.id),
    type: typeUrl('Person'),
    body: a.body(bodyId),
    name: row.name,
    formOfAddress: row.formOfAddress,
    // Only what the public pages show: never a person's e-mail address or telephone number.
    status: [labelFor('personKind', row.kind)],
    membership: omitInternal ? undefined : row.memberships.map((m) => membership(a, m, true)),
    license: LICENSE,
    web: row.kind === 'councillor' ? a.web(`/councillors/${row.id}`) : undefined,
    ...stamps(row),
    deleted: false,
  });
}

export function location(a: Addresses, row: MeetingRow, embedded = false): Shaped {
  return compact({
    id: a.one('location', row.id),
    type: typeUrl('Location'),
    description: row.venue,
    meetings: embedded ? undefined : [a.one('meeting', row.id)],
    license: LICENSE,
    ...stamps(row),
    ...(embedded ? {} : { deleted: false }),
  });
}

export function agendaItem(a: Addresses, row: AgendaItemRow, embedded = false): Shaped {
  const exempt = row.exemptParagraph !== null;
  return compact({
    id: a.one('agendaItem', row.id),
    type: typeUrl('AgendaItem'),
    meeting: embedded ? undefined : a.one('meeting', row.meetingId),
    number: String(row.position),
    order: row.position,
    // An exempt item: only that it exists and the paragraph of Schedule 12A that applies.
    name: exempt ? exemptNotice(row.exemptParagraph!) : row.title,
    public: !exempt,
    consultation: row.reportId ? a.one('consultation', row.reportId) : undefined,
    result: row.result
      ? row.result
          .split(', ')
          .map((o) => labelFor('outcome', o))
          .join('; ')
      : undefined,
    resolutionText: row.resolutionText,
    license: LICENSE,
    web: a.web(`/calendar/${row.meetingId}`),
    ...stamps(row),
    deleted: false,
  });
}

export function file(a: Addresses, row: FileRow, embedded = false): Shaped {
  const access =
    row.source === 'paper'
      ? `/calendar/${row.meetingId}/papers/${row.itemId}`
      : row.source === 'agenda'
        ? `/calendar/${row.meetingId}/agenda.pdf`
        : `/calendar/${row.meetingId}/minutes.pdf`;
  return compact({
    id: a.one('file', row.id),
    type: typeUrl('File'),
    name: row.name,
    fileName: row.fileName,
    mimeType: row.mimeType,
    date: row.fileDate,
    size: row.size ?? undefined,
    accessUrl: a.web(access),
    downloadUrl: a.web(access),
    meeting: embedded ? undefined : [a.one('meeting', row.meetingId)],
    agendaItem: !embedded && row.itemId ? [a.one('agendaItem', row.itemId)] : undefined,
    paper: !embedded && row.paperId ? [a.one('paper', row.paperId)] : undefined,
    license: LICENSE,
    ...stamps(row),
    ...(embedded ? {} : { deleted: false }),
  });
}

/** The File of a paper, from the paper's row. */
export function paperFile(row: PaperRow): FileRow {
  return {
    id: row.id,
    created: row.created,
    modified: row.modified,
    deleted: row.deleted,
    source: 'paper',
    name: row.name,
    fileName: row.fileName,
    mimeType: row.mimeType ?? 'application/pdf',
    size: row.size,
    fileDate: row.publishedAt ? englandDate(row.publishedAt) : null,
    meetingId: row.meetingId,
    itemId: row.itemId,
    paperId: row.id,
    reportKind: row.reportKind,
  };
}

/** A moment's date in England. */
export const englandDate = (moment: Date): string => todayInEngland(moment);

/** The files of a meeting: its agenda pack (invitation) and its minutes (results protocol). */
export function meetingFiles(row: MeetingRow): { invitation: FileRow | null; resultsProtocol: FileRow | null } {
  const base = { created: row.created, modified: row.modified, deleted: false, fileName: null, mimeType: 'application/pdf', size: null, meetingId: row.id };
  const common = { itemId: null, paperId: null, reportKind: null };
  return {
    invitation: row.hasPack
      ? { ...base, ...common, id: `agenda-${row.id}`, source: 'agenda', name: `Agenda pack: ${row.bodyName}`, fileDate: row.agendaPublishedOn }
      : null,
    resultsProtocol:
      row.minutesState === 'published' || row.minutesState === 'approved'
        ? { ...base, ...common, id: `minutes-${row.id}`, source: 'minutes', name: `Minutes: ${row.bodyName}`, fileDate: row.meetingDate }
        : null,
  };
}

export function meeting(a: Addresses, row: MeetingRow, items: AgendaItemRow[] | null): Shaped {
  const files = meetingFiles(row);
  const name = row.kind === 'formal' ? row.bodyName : `${row.bodyName}: ${row.title ?? labelFor('meetingKind', row.kind)}`;
  return compact({
    id: a.one('meeting', row.id),
    type: typeUrl('Meeting'),
    name,
    meetingState: labelFor('meetingStatus', row.status),
    cancelled: row.status === 'cancelled',
    start: row.startTime ? englandDateTime(row.meetingDate, row.startTime) : undefined,
    end: row.endTime ? englandDateTime(row.meetingDate, row.endTime) : undefined,
    location: row.venue ? location(a, row, true) : undefined,
    organization: [a.one('organization', row.bodyId)],
    invitation: files.invitation ? file(a, files.invitation, true) : undefined,
    resultsProtocol: files.resultsProtocol ? file(a, files.resultsProtocol, true) : undefined,
    agendaItem: items ? items.map((i) => agendaItem(a, i, true)) : undefined,
    license: LICENSE,
    web: a.web(`/calendar/${row.id}`),
    ...stamps(row),
    deleted: false,
  });
}

export function consultation(a: Addresses, row: PaperRow, embedded = false): Shaped {
  return compact({
    id: a.one('consultation', row.id),
    type: typeUrl('Consultation'),
    paper: embedded ? undefined : a.one('paper', row.id),
    agendaItem: a.one('agendaItem', row.itemId),
    meeting: a.one('meeting', row.meetingId),
    organization: [a.one('organization', row.bodyId)],
    // The committee decides an item for decision; otherwise it is told or discusses.
    authoritative: row.purpose === 'decision',
    role: labelFor('itemPurpose', row.purpose),
    license: LICENSE,
    ...stamps(row),
    ...(embedded ? {} : { deleted: false }),
  });
}

export function paper(a: Addresses, row: PaperRow, bodyId: string): Shaped {
  return compact({
    id: a.one('paper', row.id),
    type: typeUrl('Paper'),
    body: a.body(bodyId),
    name: row.name,
    date: row.publishedAt ? englandDate(row.publishedAt) : undefined,
    paperType: 'Report',
    mainFile: file(a, paperFile(row), true),
    consultation: [consultation(a, row, true)],
    underDirectionOf: [a.one('organization', row.bodyId)],
    license: LICENSE,
    web: a.web(`/calendar/${row.meetingId}`),
    ...stamps(row),
    deleted: false,
  });
}

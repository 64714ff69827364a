// Commands and queries for meetings: bodies and their membership, meetings and agendas, reports
// and their clearance, agenda packs, and the deadlines derived from the working-day rules.
import type { Database, Queryable } from '../db/database.ts';
import { changeContext, type RequestContext } from '../web/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../web/errors.ts';
import { isUniqueViolation, parseOrThrow } from '../web/schema.ts';
import { checkUpload, isUpload, type Upload } from '../documents/file-types.ts';
import { insertFile } from '../files/index.ts';
import { getOrganisation, getPerson } from '../directory/index.ts';
import { mergeBankHolidays, parseBankHolidaysJson, shippedBankHolidays, type HolidayCalendar } from '../calendar/bank-holidays.ts';
import { checkPlannedDates, deriveMeetingDates, type DateFlag, type MeetingDates } from './deadlines.ts';
import { pdfPageCount, PaperError } from './pack/agenda-pack.ts';
import { renderReportPdf } from './pack/report-pdf.ts';
import { requestPackBuilds } from './pack/pack-jobs.ts';
import { clearanceProblems, sectionsOf, type ReportContent } from './report-template.ts';
import type { ImplicationSection } from './implications.ts';
import { implicationSections } from './implications.service.ts';
import { setReportSections } from './implications.repository.ts';
import * as repo from './meetings.repository.ts';
import { bodyInput, itemInput, meetingInput, memberInput, moveInput, reportContentInput, roleInput } from './meetings.schemas.ts';
import { labelFor } from '../web/labels.ts';
import { todayInEngland } from '../calendar/today.ts';

export { todayInEngland };

// ---- Bank holidays -----------------------------------------------------------------------------

let cachedCalendar: { key: string; calendar: HolidayCalendar } | null = null;

/** The bank holidays in force: the shipped list, with an administrator's newer upload replacing the years it covers. */
export async function holidays(db: Queryable, tenantId: string): Promise<HolidayCalendar> {
  const upload = await repo.latestBankHolidayUpload(db, tenantId);
  const key = upload?.id ?? 'shipped';
  // Uploads are never changed, only superseded, so the id is a safe cache key across instances.
  if (cachedCalendar?.key !== key) cachedCalendar = { key, calendar: mergeBankHolidays(shippedBankHolidays(), upload?.dates ?? null) };
  return cachedCalendar.calendar;
}

export async function uploadBankHolidays(db: Database, ctx: RequestContext, upload: unknown) {
  if (!isUpload(upload) || upload.data.length === 0) throw new ValidationError({ file: 'Select a bank holidays file (bank-holidays.json from GOV.UK)' });
  if (upload.tooLarge) throw new ValidationError({ file: 'The file must be smaller than 1MB' });
  const parsed = parseBankHolidaysJson(upload.data.toString('utf8'));
  if (!parsed.ok) throw new ValidationError({ file: parsed.errors.slice(0, 5).join('. ') });
  await db.transaction(changeContext(ctx), (tx) =>
    repo.insertBankHolidayUpload(tx, ctx.tenantId, {
      filename: upload.filename.slice(0, 200),
      dates: parsed.dates,
      firstYear: parsed.firstYear,
      lastYear: parsed.lastYear,
    }),
  );
  return parsed;
}

// ---- Deadlines -----------------------------------------------------------------------------------

export interface Schedule {
  dates: MeetingDates;
  flags: DateFlag[];
}

/** The derived deadlines of a meeting and every rule its planned dates break. */
export function scheduleOf(
  meeting: repo.MeetingRow,
  items: Pick<repo.ItemRow, 'keyDecisionRef' | 'keyDecisionNoticedOn' | 'title' | 'created'>[],
  calendar: HolidayCalendar,
): Schedule {
  const rules = { draftReportClearDays: meeting.draftReportClearDays, despatchClearDays: meeting.despatchClearDays };
  const dates = deriveMeetingDates(meeting.meetingDate, rules, calendar);
  if (meeting.status === 'cancelled') return { dates, flags: [] };
  const flags = checkPlannedDates(
    {
      meetingDate: meeting.meetingDate,
      plannedDraftDeadline: meeting.plannedDraftDeadline,
      plannedDespatch: meeting.plannedDespatch,
      agendaPublishedOn: meeting.agendaPublishedOn,
      keyDecisions: items
        .filter((i) => i.keyDecisionRef && /\d/.test(i.keyDecisionRef))
        .map((i) => ({ ref: i.keyDecisionRef!, title: i.title, firstNoticeOn: i.keyDecisionNoticedOn ?? todayInEngland(i.created) })),
    },
    rules,
    calendar,
  );
  return { dates, flags };
}

// ---- Bodies --------------------------------------------------------------------------------------

const nameTaken =
  (name: string) =>
  (err: unknown): never => {
    if (isUniqueViolation(err)) throw new ValidationError({ name: `A committee or board called ‘${name}’ already exists` });
    throw err;
  };

async function checkBodyLinks(tx: Queryable, tenantId: string, b: { organisationId: string | null; partnershipId: string | null }) {
  if (b.organisationId && !(await getOrganisation(tx, tenantId, b.organisationId)))
    throw new ValidationError({ organisationId: 'Select the organisation from the list' });
  if (b.partnershipId && !(await repo.partnershipExists(tx, tenantId, b.partnershipId))) {
    throw new ValidationError({ partnershipId: 'Select the partnership from the list' });
  }
}

export async function createBody(db: Database, ctx: RequestContext, raw: unknown) {
  const input = parseOrThrow(bodyInput, raw);
  return db.transaction(changeContext(ctx), async (tx) => {
    await checkBodyLinks(tx, ctx.tenantId, input);
    return repo.insertBody(tx, ctx.tenantId, input).catch(nameTaken(input.name));
  });
}

export async function updateBody(db: Database, ctx: RequestContext, id: string, version: number, raw: unknown) {
  const input = parseOrThrow(bodyInput, raw);
  await db.transaction(changeContext(ctx), async (tx) => {
    if (!(await repo.getBody(tx, ctx.tenantId, id))) throw new NotFoundError('committee or board');
    await checkBodyLinks(tx, ctx.tenantId, input);
    if (!(await repo.updateBody(tx, ctx.tenantId, id, version, input).catch(nameTaken(input.name)))) throw new ConflictError();
  });
}

export async function setBodyPublication(db: Database, ctx: RequestContext, id: string, version: number, state: 'draft' | 'published') {
  await db.transaction(changeContext(ctx), async (tx) => {
    if (!(await repo.getBody(tx, ctx.tenantId, id))) throw new NotFoundError('committee or board');
    if (!(await repo.setBodyPublication(tx, ctx.tenantId, id, version, state))) throw new ConflictError();
  });
}

export async function addMember(db: Database, ctx: RequestContext, bodyId: string, raw: unknown) {
  const input = parseOrThrow(memberInput, raw);
  return db.transaction(changeContext(ctx), async (tx) => {
    if (!(await repo.getBody(tx, ctx.tenantId, bodyId))) throw new NotFoundError('committee or board');
    if (!(await getPerson(tx, ctx.tenantId, input.personId))) throw new ValidationError({ personId: 'Select the person from the list' });
    return repo.insertMember(tx, ctx.tenantId, bodyId, input);
  });
}

export async function endMember(db: Database, ctx: RequestContext, bodyId: string, memberId: string, endDate: string) {
  await db.transaction(changeContext(ctx), async (tx) => {
    if (!(await repo.endMember(tx, ctx.tenantId, bodyId, memberId, endDate))) {
      throw new ValidationError({ endDate: 'The end date must be on or after the date the membership started' });
    }
  });
}

export async function addRole(db: Database, ctx: RequestContext, bodyId: string, raw: unknown) {
  const input = parseOrThrow(roleInput, raw);
  return db.transaction(changeContext(ctx), async (tx) => {
    if (!(await repo.getBody(tx, ctx.tenantId, bodyId))) throw new NotFoundError('committee or board');
    if (input.personId && !(await getPerson(tx, ctx.tenantId, input.personId))) throw new ValidationError({ personId: 'Select the person from the list' });
    if (input.areaId && !(await repo.areaExists(tx, ctx.tenantId, input.areaId))) throw new ValidationError({ areaId: 'Select the area from the list' });
    return repo.insertRole(tx, ctx.tenantId, bodyId, input);
  });
}

export async function endRole(db: Database, ctx: RequestContext, bodyId: string, roleId: string, endDate: string) {
  await db.transaction(changeContext(ctx), async (tx) => {
    if (!(await repo.endRole(tx, ctx.tenantId, bodyId, roleId, endDate))) {
      throw new ValidationError({ endDate: 'The end date must be on or after the date the role started' });
    }
  });
}

/**
 * Who was on the body on a date: members by role, and the named roles with their vacancies (appointments to
 * outside bodies too). In force means started, or start not recorded, and not yet past its last day.
 */
export function membershipOn<T extends { startDate: string | null; endDate: string | null }>(rows: T[], date: string): T[] {
  return rows.filter((r) => (!r.startDate || r.startDate <= date) && (!r.endDate || r.endDate >= date));
}

const ROLE_SUFFIX: Record<string, string> = { chair: ' (Chair)', vice_chair: ' (Vice-Chair)' };

/** The membership paragraph of the agenda front sheet: 'Councillor Steve Criswell (Chair)' ... */
export function membershipLines(members: repo.MemberRow[], date: string): string[] {
  return membershipOn(members, date)
    .filter((m) => m.role !== 'substitute' && m.role !== 'observer')
    .map((m) => `${m.honorificPrefix ? `${m.honorificPrefix} ` : ''}${m.personName}${ROLE_SUFFIX[m.role] ?? (m.role === 'co_opted' ? ' (Co-opted)' : '')}`);
}

// ---- Meetings and agenda items ---------------------------------------------------------------------

export async function createMeeting(db: Database, ctx: RequestContext, bodyId: string, raw: unknown) {
  const input = parseOrThrow(meetingInput, raw);
  return db.transaction(changeContext(ctx), async (tx) => {
    if (!(await repo.getBody(tx, ctx.tenantId, bodyId))) throw new NotFoundError('committee or board');
    return repo.insertMeeting(tx, ctx.tenantId, bodyId, input);
  });
}

export async function updateMeeting(db: Database, ctx: RequestContext, id: string, version: number, raw: unknown) {
  const input = parseOrThrow(meetingInput, raw);
  await db.transaction(changeContext(ctx), async (tx) => {
    if (!(await repo.getMeeting(tx, ctx.tenantId, id))) throw new NotFoundError('meeting');
    if (!(await repo.updateMeeting(tx, ctx.tenantId, id, version, input))) throw new ConflictError();
    await requestPackBuilds(tx, ctx.tenantId, id);
  });
}

/** Publishing the agenda makes it public (on the public meeting page and in the public pack); its date is checked against the law. */
export async function publishAgenda(db: Database, ctx: RequestContext, id: string, version: number, publish: boolean) {
  await db.transaction(changeContext(ctx), async (tx) => {
    const meeting = await repo.getMeeting(tx, ctx.tenantId, id);
    if (!meeting) throw new NotFoundError('meeting');
    if (publish && meeting.status === 'cancelled') throw new ValidationError({ _: 'This meeting is cancelled: its agenda cannot be published' });
    if (publish && (await repo.listItems(tx, ctx.tenantId, id)).length === 0) {
      throw new ValidationError({ _: 'The agenda has no items yet: add the items before publishing it' });
    }
    if (!(await repo.setAgendaPublished(tx, ctx.tenantId, id, version, publish ? todayInEngland() : null))) throw new ConflictError();
    await requestPackBuilds(tx, ctx.tenantId, id);
  });
}

export const MAX_AGENDA_ITEMS = 1000;

/** An item may present the minutes of an earlier meeting of the same body only. */
async function checkMinutesOf(tx: Queryable, tenantId: string, meeting: repo.MeetingRow, minutesOfMeetingId: string | null) {
  if (!minutesOfMeetingId) return;
  const earlier = await repo.getMeeting(tx, tenantId, minutesOfMeetingId);
  if (!earlier || earlier.bodyId !== meeting.bodyId || earlier.meetingDate >= meeting.meetingDate) {
    throw new ValidationError({ minutesOfMeetingId: 'Select an earlier meeting of the same committee' });
  }
}

async function checkRoomOnAgenda(tx: Queryable, tenantId: string, meetingId: string) {
  if ((await repo.itemCount(tx, tenantId, meetingId)) >= MAX_AGENDA_ITEMS) {
    throw new ValidationError({ _: `A meeting can have at most ${MAX_AGENDA_ITEMS} agenda items` });
  }
}

export async function addItem(db: Database, ctx: RequestContext, meetingId: string, raw: unknown) {
  const input = parseOrThrow(itemInput, raw);
  return db.transaction(changeContext(ctx), async (tx) => {
    const meeting = await repo.getMeeting(tx, ctx.tenantId, meetingId);
    if (!meeting) throw new NotFoundError('meeting');
    await checkRoomOnAgenda(tx, ctx.tenantId, meetingId);
    await checkMinutesOf(tx, ctx.tenantId, meeting, input.minutesOfMeetingId);
    // An item added after the agenda was published is a late item: its paper goes in a supplementary pack.
    const itemId = await repo.insertItem(tx, ctx.tenantId, meetingId, input, { isLate: meeting.agendaPublishedOn !== null, noticedOn: todayInEngland() });
    await requestPackBuilds(tx, ctx.tenantId, meetingId);
    return itemId;
  });
}

export async function updateItem(db: Database, ctx: RequestContext, meetingId: string, itemId: string, version: number, raw: unknown) {
  const input = parseOrThrow(itemInput, raw);
  await db.transaction(changeContext(ctx), async (tx) => {
    if (!(await repo.getItem(tx, ctx.tenantId, meetingId, itemId))) throw new NotFoundError('agenda item');
    await checkMinutesOf(tx, ctx.tenantId, (await repo.getMeeting(tx, ctx.tenantId, meetingId))!, input.minutesOfMeetingId);
    if (!(await repo.updateItem(tx, ctx.tenantId, itemId, version, input, todayInEngland()))) throw new ConflictError();
    await requestPackBuilds(tx, ctx.tenantId, meetingId);
  });
}

export async function removeItem(db: Database, ctx: RequestContext, meetingId: string, itemId: string, version: number) {
  await db.transaction(changeContext(ctx), async (tx) => {
    if (!(await repo.getItem(tx, ctx.tenantId, meetingId, itemId))) throw new NotFoundError('agenda item');
    if (!(await repo.deleteItem(tx, ctx.tenantId, itemId, version))) throw new ConflictError();
    await repo.renumber(tx, ctx.tenantId, meetingId);
    await requestPackBuilds(tx, ctx.tenantId, meetingId);
  });
}

export async function reorderItem(db: Database, ctx: RequestContext, meetingId: string, itemId: string, direction: -1 | 1) {
  await db.transaction(changeContext(ctx), async (tx) => {
    if (!(await repo.getItem(tx, ctx.tenantId, meetingId, itemId))) throw new NotFoundError('agenda item');
    await repo.swapWithNeighbour(tx, ctx.tenantId, meetingId, itemId, direction);
    await requestPackBuilds(tx, ctx.tenantId, meetingId);
  });
}

/** Moves an item (and its report) to another meeting of the same body, recording the move. */
export async function moveItem(db: Database, ctx: RequestContext, meetingId: string, itemId: string, version: number, raw: unknown) {
  const input = parseOrThrow(moveInput, raw);
  await db.transaction(changeContext(ctx), async (tx) => {
    // One after another: a transaction's client runs one query at a time (pg deprecates overlapping ones).
    const from = await repo.getMeeting(tx, ctx.tenantId, meetingId);
    const item = await repo.getItem(tx, ctx.tenantId, meetingId, itemId);
    const to = await repo.getMeeting(tx, ctx.tenantId, input.toMeetingId);
    if (!from || !item) throw new NotFoundError('agenda item');
    if (!to || to.bodyId !== from.bodyId) throw new ValidationError({ toMeetingId: 'Select another meeting of the same committee' });
    if (to.id === from.id) throw new ValidationError({ toMeetingId: 'Select a different meeting from the one the item is on' });
    await checkRoomOnAgenda(tx, ctx.tenantId, to.id);
    if (!(await repo.moveItem(tx, ctx.tenantId, itemId, version, to.id))) throw new ConflictError();
    await repo.insertMove(tx, ctx.tenantId, { itemId, from: from.id, to: to.id, reason: input.reason, movedBy: ctx.actor });
    await repo.renumber(tx, ctx.tenantId, from.id);
    await requestPackBuilds(tx, ctx.tenantId, from.id);
    await requestPackBuilds(tx, ctx.tenantId, to.id);
  });
}

// ---- Reports ----------------------------------------------------------------------------------------

export async function saveReport(db: Database, ctx: RequestContext, meetingId: string, itemId: string, version: number | null, raw: unknown) {
  // Errors keyed by the full path (clearances.legal.officer), as the report has nested parts.
  const parsed = reportContentInput.safeParse(raw);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[issue.path.length ? issue.path.join('.') : '_'] ??= issue.message;
    throw new ValidationError(errors);
  }
  const content = parsed.data as ReportContent;
  await db.transaction(changeContext(ctx), async (tx) => {
    if (!(await repo.getItem(tx, ctx.tenantId, meetingId, itemId))) throw new NotFoundError('agenda item');
    const existing = await repo.getReport(tx, ctx.tenantId, itemId);
    // The report is written with the sections the council configures now, and records them. What was entered
    // in a section since removed is kept (it returns if the section is configured again).
    const sections = await implicationSections(tx, ctx.tenantId, 'committee_report');
    const before = existing?.kind === 'template' ? existing.document : null;
    if (before) {
      content.implications = { ...before.implications, ...content.implications };
      content.clearances = { ...before.clearances, ...content.clearances };
    }
    for (const s of sections) {
      content.implications[s.key] ??= '';
      content.clearances[s.key] ??= { status: 'pending', officer: '', note: '' };
    }
    content.sections = sections;
    if (!existing) await repo.insertTemplateReport(tx, ctx.tenantId, itemId, content);
    else if (version === null || !(await repo.updateReportDocument(tx, ctx.tenantId, existing.id, version, content))) throw new ConflictError();
    await requestPackBuilds(tx, ctx.tenantId, meetingId);
  });
}

/** A paper uploaded as PDF (merged into the pack) or Word/ODT (a separate download). */
export async function uploadReport(db: Database, ctx: RequestContext, meetingId: string, itemId: string, upload: unknown) {
  if (!isUpload(upload)) throw new ValidationError({ file: 'Select the report to upload' });
  const checked = checkUpload(upload as Upload, 'The report');
  if (!checked.ok) throw new ValidationError({ file: checked.error });
  if (checked.type.contentType === 'application/pdf') {
    try {
      await pdfPageCount(upload.data);
    } catch (err) {
      if (err instanceof PaperError) throw new ValidationError({ file: err.message });
      throw new ValidationError({ file: 'The PDF could not be read. Save it again as PDF and upload it' });
    }
  }
  await db.transaction(changeContext(ctx), async (tx) => {
    if (!(await repo.getItem(tx, ctx.tenantId, meetingId, itemId))) throw new NotFoundError('agenda item');
    const fileId = await insertFile(tx, ctx.tenantId, { filename: checked.filename, contentType: checked.type.contentType, data: upload.data });
    await repo.upsertUploadReport(tx, ctx.tenantId, itemId, fileId);
    await requestPackBuilds(tx, ctx.tenantId, meetingId);
  });
}

/**
 * Publishes (or withdraws) a report. A report written in the product must have every implication
 * cleared by a named officer or marked not applicable; an uploaded paper carries its own clearance
 * table, so the officer confirms it is complete.
 */
/**
 * Why a report cannot be published, or null when it can: a report on the template needs every implication
 * cleared; an uploaded paper needs its clearance table confirmed. The page after a refusal shows it again.
 */
export function publicationRefusal(
  report: Pick<repo.ReportRow, 'kind' | 'document'>,
  uploadClearanceConfirmed: boolean,
  sections: readonly ImplicationSection[] = sectionsOf(report.document ?? {}),
): ValidationError | null {
  if (report.kind === 'template') {
    const problems = clearanceProblems(report.document!, sections);
    if (problems.length === 0) return null;
    return new ValidationError(
      Object.fromEntries(problems.map((p) => [`clearance-${p.key}`, p.message])),
      `The report cannot be published until every implication is cleared by a named officer or marked not applicable (${problems.length} to do)`,
    );
  }
  if (!uploadClearanceConfirmed) return new ValidationError({ confirmCleared: 'Confirm that the uploaded paper’s officer clearance table is complete' });
  return null;
}

export async function setReportPublished(
  db: Database,
  ctx: RequestContext,
  meetingId: string,
  itemId: string,
  version: number,
  publish: boolean,
  opts: { uploadClearanceConfirmed?: boolean } = {},
) {
  await db.transaction(changeContext(ctx), async (tx) => {
    const report = (await repo.getItem(tx, ctx.tenantId, meetingId, itemId)) ? await repo.getReport(tx, ctx.tenantId, itemId) : null;
    if (!report) throw new NotFoundError('report');
    // A draft is cleared against the sections the council configures now; published, it keeps them.
    const sections = await implicationSections(tx, ctx.tenantId, 'committee_report');
    const refusal = publish ? publicationRefusal(report, opts.uploadClearanceConfirmed === true, sections) : null;
    if (refusal) throw refusal;
    if (!(await repo.setReportStatus(tx, ctx.tenantId, report.id, version, publish ? 'published' : 'draft'))) throw new ConflictError();
    if (publish && report.kind === 'template') await setReportSections(tx, ctx.tenantId, report.id, sections);
    await requestPackBuilds(tx, ctx.tenantId, meetingId);
  });
}

/** The implications sections a committee report shows: a draft the council's sections now, a published report those it was published with. */
export async function reportSections(db: Queryable, tenantId: string, report: Pick<repo.ReportRow, 'status' | 'document'>) {
  return report.status === 'published' ? sectionsOf(report.document ?? {}) : implicationSections(db, tenantId, 'committee_report');
}

export async function reportPdf(db: Queryable, tenantId: string, meeting: repo.MeetingRow, item: repo.ItemRow): Promise<Uint8Array | null> {
  const report = await repo.getReport(db, tenantId, item.id);
  if (!report) return null;
  if (report.kind === 'template') {
    // A draft prints the sections the council configures now; a published report those it was published with.
    const sections = await reportSections(db, tenantId, report);
    return renderReportPdf(
      { ...report.document!, sections: [...sections] },
      { bodyName: meeting.bodyName, meetingDate: meeting.meetingDate, itemNumber: item.position },
    );
  }
  const file = report.fileId ? await repo.getFile(db, tenantId, report.fileId) : null;
  return file?.contentType === 'application/pdf' ? file.content : null;
}

/** The council's name for agenda packs, minutes and feeds: the configured one when given, else the tenant's. */
export async function councilName(db: Queryable, tenantId: string, configured?: string) {
  if (configured) return configured;
  return (await repo.tenantName(db, tenantId)) ?? 'The council';
}

/** A short description of a meeting for lists, calendars and page titles. */
export function meetingLabel(m: Pick<repo.MeetingRow, 'bodyName' | 'kind' | 'title'>): string {
  return m.kind === 'formal' ? m.bodyName : `${m.bodyName}: ${m.title ?? labelFor('meetingKind', m.kind)}`;
}

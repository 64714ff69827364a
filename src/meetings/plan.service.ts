// The forward agenda plan and workshop plan (seed 004's tables) built from the meetings themselves,
// their import from a spreadsheet, and the dashboard of deadlines across every body.
import { z } from 'zod';
import type { Database, Queryable } from '../db/database.ts';
import { changeContext, type RequestContext } from '../web/context.ts';
import type { PlanMeeting } from './plan-io.ts';
import * as repo from './meetings.repository.ts';
import { holidays, scheduleOf, type Schedule } from './meetings.service.ts';
import { todayInEngland } from '../calendar/today.ts';

export type PlanKind = 'agenda' | 'workshop';

/** A reserve date used as a workshop stays on the agenda plan (seed 004 lists it there with its dates). */
const onPlan = (m: repo.MeetingRow, kind: PlanKind) =>
  kind === 'workshop' ? m.kind === 'workshop' : m.kind !== 'workshop' || m.plannedDraftDeadline !== null || m.plannedDespatch !== null;

async function bodyMeetings(db: Queryable, tenantId: string, bodyId: string, kind: PlanKind) {
  const { rows } = await repo.listMeetings(db, tenantId, { bodyId, publicOnly: false });
  const meetings = rows.filter((m) => onPlan(m, kind));
  const items = await repo.itemsOfMeetings(
    db,
    tenantId,
    meetings.map((m) => m.id),
  );
  return meetings.map((m) => ({ meeting: m, items: items.get(m.id) ?? [] }));
}

/**
 * The plan as exported: where no deadline was planned by hand, the one worked out from the body's
 * rules, as the plan page shows it; an exempt item as "Exempt item (paragraph 3)", not by its title.
 */
export async function planMeetings(db: Queryable, tenantId: string, bodyId: string, kind: PlanKind): Promise<PlanMeeting[]> {
  const [entries, calendar] = await Promise.all([bodyMeetings(db, tenantId, bodyId, kind), holidays(db, tenantId)]);
  return entries.map(({ meeting: m, items }) => {
    const { dates } = scheduleOf(m, items, calendar);
    return {
      date: m.meetingDate,
      kind: m.kind as PlanMeeting['kind'],
      title: m.title,
      plannedDraftDeadline: m.plannedDraftDeadline,
      plannedDespatch: m.plannedDespatch,
      derived: { draftDeadline: dates.draftReportsDue, despatch: dates.agendaDespatch },
      items: items.map((i) => ({
        title: i.exemptParagraph ? `Exempt item (paragraph ${i.exemptParagraph})` : i.title,
        leadOfficers: i.leadOfficers,
        keyDecisionRef: i.keyDecisionRef,
        startTime: i.startTime,
        description: i.description,
      })),
    };
  });
}

export interface PlanRow {
  meeting: repo.MeetingRow;
  items: repo.ItemRow[];
  schedule: Schedule;
  breaches: number;
  warnings: number;
}

export async function planView(db: Queryable, tenantId: string, body: repo.BodyRow, kind: PlanKind, _all: boolean) {
  const [entries, calendar] = await Promise.all([bodyMeetings(db, tenantId, body.id, kind), holidays(db, tenantId)]);
  const rows: PlanRow[] = entries.map(({ meeting, items }) => {
    const schedule = scheduleOf(meeting, items, calendar);
    return {
      meeting,
      items,
      schedule,
      breaches: schedule.flags.filter((f) => f.severity === 'breach').length,
      warnings: schedule.flags.filter((f) => f.severity === 'warning').length,
    };
  });
  return { rows, flagged: rows.filter((r) => r.breaches + r.warnings > 0).length };
}

/** Upcoming (or past) meetings across every body with their deadlines, soonest first. */
export async function deadlineDashboard(db: Queryable, tenantId: string, today: string, past: boolean) {
  const [{ rows }, calendar] = await Promise.all([
    repo.listMeetings(db, tenantId, past ? { publicOnly: false, to: today, order: 'desc', limit: 100 } : { publicOnly: false, from: today, limit: 200 }),
    holidays(db, tenantId),
  ]);
  const items = await repo.itemsOfMeetings(
    db,
    tenantId,
    rows.map((m) => m.id),
  );
  const entries = rows.map((meeting) => {
    const its = items.get(meeting.id) ?? [];
    const schedule = scheduleOf(meeting, its, calendar);
    const reports = its.filter((i) => i.reportId);
    return {
      meeting,
      schedule,
      items: its.length,
      reports: reports.length,
      published: reports.filter((i) => i.reportStatus === 'published').length,
      next: nextDeadline(schedule, today),
    };
  });
  const bodies = await repo.listBodies(db, tenantId, { includeDrafts: true });
  return { entries, bodies, today, flagged: entries.filter((e) => e.schedule.flags.length > 0).length };
}

function nextDeadline(s: Schedule, today: string) {
  const list = [
    { label: 'Draft reports due', date: s.dates.draftReportsDue },
    { label: 'Agenda despatch', date: s.dates.agendaDespatch },
    { label: 'Public speaking registration (12 noon)', date: s.dates.publicSpeakingDeadline.date },
  ];
  return list.find((d) => d.date >= today) ?? null;
}

// ---- Import ---------------------------------------------------------------------------------------

const planSchema = z
  .array(
    z.object({
      date: z.iso.date(),
      kind: z.enum(['formal', 'reserve', 'workshop']),
      title: z.string().max(300).nullable(),
      plannedDraftDeadline: z.iso.date().nullable(),
      plannedDespatch: z.iso.date().nullable(),
      items: z
        .array(
          z.object({
            title: z.string().min(1).max(500),
            leadOfficers: z.string().max(500),
            keyDecisionRef: z.string().max(50).nullable(),
            startTime: z
              .string()
              .regex(/^\d{2}:\d{2}$/)
              .nullable(),
            description: z.string().max(10_000),
          }),
        )
        .max(200),
    }),
  )
  .max(500);

/** The parsed plan, carried through the confirmation step in a hidden field. */
export const encodePlan = (meetings: PlanMeeting[]) => Buffer.from(JSON.stringify(meetings)).toString('base64url');
export function decodePlan(encoded: string): PlanMeeting[] {
  return planSchema.parse(JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'))) as PlanMeeting[];
}

/** The workshop plan also lists committee dates (with no items) to place the workshops among them: those are not imported. */
export const workshopsOnly = (plan: PlanMeeting[]): PlanMeeting[] =>
  plan.filter((m) => m.kind === 'workshop' || m.items.length > 0).map((m) => ({ ...m, kind: 'workshop' }));

/**
 * Merges a plan into the body's meetings: a meeting on the same date is updated (planned dates,
 * reserve title) and gains the items it lacks; a new date becomes a new meeting. Nothing is deleted.
 */
export async function importPlan(db: Database, ctx: RequestContext, body: repo.BodyRow, plan: PlanMeeting[]) {
  let meetings = 0;
  let items = 0;
  await db.transaction(changeContext(ctx), async (tx) => {
    const { rows: existing } = await repo.listMeetings(tx, ctx.tenantId, { bodyId: body.id, publicOnly: false });
    for (const p of plan) {
      let meeting: repo.MeetingRow | undefined = existing.find((m) => m.meetingDate === p.date && m.status !== 'cancelled');
      const fields = {
        meetingDate: p.date,
        startTime: meeting?.startTime ?? body.defaultStartTime,
        endTime: meeting?.endTime ?? null,
        venue: meeting?.venue || body.defaultVenue,
        kind: meeting?.kind === 'workshop' ? 'workshop' : p.kind,
        status: meeting?.status ?? 'scheduled',
        isPublic: meeting?.isPublic ?? p.kind !== 'workshop',
        title: p.title ?? meeting?.title ?? null,
        plannedDraftDeadline: p.plannedDraftDeadline ?? meeting?.plannedDraftDeadline ?? null,
        plannedDespatch: p.plannedDespatch ?? meeting?.plannedDespatch ?? null,
      };
      if (meeting) await repo.updateMeeting(tx, ctx.tenantId, meeting.id, meeting.version, fields);
      const meetingId = meeting?.id ?? (await repo.insertMeeting(tx, ctx.tenantId, body.id, fields));
      meeting = (await repo.getMeeting(tx, ctx.tenantId, meetingId))!;
      meetings += 1;
      const have = new Set((await repo.listItems(tx, ctx.tenantId, meeting.id)).map((i) => i.title.trim().toLowerCase()));
      for (const item of p.items) {
        if (have.has(item.title.trim().toLowerCase())) continue;
        await repo.insertItem(
          tx,
          ctx.tenantId,
          meeting.id,
          {
            title: item.title,
            section: null,
            purpose: 'decision',
            leadOfficers: item.leadOfficers,
            keyDecisionRef: item.keyDecisionRef,
            exemptParagraph: null,
            description: item.description,
            startTime: item.startTime,
          },
          { isLate: meeting.agendaPublishedOn !== null, noticedOn: todayInEngland() },
        );
        have.add(item.title.trim().toLowerCase());
        items += 1;
      }
    }
  });
  return { meetings, items };
}

// The Communities and Partnership Committee of seed 004: its membership and Area Champions, its
// meetings of 17 April and 31 May 2018 with their agendas and reports, and its forward agenda and
// workshop plans to May 2019 with the seed's planned dates (see meetings-notes.md).
import { readFile } from 'node:fs/promises';
import type { Queryable } from '../db/database.ts';
import * as repo from '../meetings/meetings.repository.ts';
import { normaliseParagraph, requestPackBuilds, type ReportContent } from '../meetings/index.ts';
import { publishReportOn } from './demo.repository.ts';
import { insertDemoPeople, keyResolver, type DemoPerson } from './demo-support.ts';
import { demoDataFile } from './data-files.ts';

const DEMO_FILE = demoDataFile('meetings.json');

/** What a demo meeting gives as the meeting is stored; its body is by key, and its date is `date`. */
type DemoMeetingFields = Pick<
  repo.MeetingRow,
  'startTime' | 'endTime' | 'venue' | 'kind' | 'status' | 'isPublic' | 'title' | 'plannedDraftDeadline' | 'plannedDespatch' | 'agendaPublishedOn'
>;

export interface DemoMeetings {
  people: DemoPerson[];
  bodies: {
    key: string;
    name: string;
    kind: string;
    organisationKey: string | null;
    partnershipKey: string | null;
    termsOfReference: string;
    quorum: number | null;
    draftReportClearDays: number;
    despatchClearDays: number;
    defaultVenue: string;
    defaultStartTime: string | null;
    clerk: { name: string; phone: string; email: string } | null;
    publicNotes: string[];
    members: {
      personKey: string;
      role: string;
      politicalGroup: string | null;
      startDate: string | null;
      endDate: string | null;
      appointedBy: string | null;
      note: string | null;
    }[];
    roles: { title: string; areaKey: string | null; personKey: string | null; startDate: string | null; endDate: string | null; note: string | null }[];
  }[];
  meetings: (DemoMeetingFields & {
    bodyKey: string;
    date: string;
    items: {
      section: string | null;
      title: string;
      purpose: string;
      leadOfficers: string;
      keyDecisionRef: string | null;
      exemptParagraph: number | null;
      description: string;
      startTime: string | null;
      report: ReportContent | null;
      reportStatus: 'draft' | 'published' | null;
    }[];
  })[];
}

export async function readDemoMeetings(): Promise<DemoMeetings> {
  return JSON.parse(await readFile(DEMO_FILE, 'utf8')) as DemoMeetings;
}

/** Paragraphs as the report form keeps them: one numbered paragraph, single line breaks inside. */
function asStored(report: ReportContent): ReportContent {
  return { ...report, background: report.background.map(normaliseParagraph), mainIssues: report.mainIssues.map(normaliseParagraph) };
}

export async function loadDemoMeetings(tx: Queryable, tenantId: string, ids: Map<string, string>) {
  const data = await readDemoMeetings();
  const { ref } = keyResolver(ids, 'Demo meetings refer');
  await insertDemoPeople(tx, tenantId, data.people, ids, ref);
  for (const b of data.bodies) {
    const bodyId = await repo.insertBody(
      tx,
      tenantId,
      {
        name: b.name,
        kind: b.kind,
        organisationId: ref(b.organisationKey),
        partnershipId: ref(b.partnershipKey),
        termsOfReference: b.termsOfReference,
        quorum: b.quorum,
        draftReportClearDays: b.draftReportClearDays,
        despatchClearDays: b.despatchClearDays,
        defaultVenue: b.defaultVenue,
        defaultStartTime: b.defaultStartTime,
        clerkName: b.clerk?.name ?? null,
        clerkPhone: b.clerk?.phone ?? null,
        clerkEmail: b.clerk?.email ?? null,
        publicNotes: b.publicNotes,
      },
      'published',
    );
    ids.set(b.key, bodyId);
    for (const m of b.members) {
      await repo.insertMember(tx, tenantId, bodyId, {
        personId: ref(m.personKey)!,
        role: m.role,
        politicalGroup: m.politicalGroup,
        startDate: m.startDate,
        endDate: m.endDate,
        appointedBy: m.appointedBy,
        note: m.note,
      });
    }
    for (const r of b.roles) {
      await repo.insertRole(tx, tenantId, bodyId, {
        title: r.title,
        areaId: ref(r.areaKey),
        personId: ref(r.personKey),
        startDate: r.startDate,
        endDate: r.endDate,
        note: r.note,
      });
    }
  }
  let reports = 0;
  for (const m of data.meetings) {
    const meetingId = await repo.insertMeeting(
      tx,
      tenantId,
      ref(m.bodyKey)!,
      {
        meetingDate: m.date,
        startTime: m.startTime,
        endTime: m.endTime,
        venue: m.venue,
        kind: m.kind,
        status: m.status,
        isPublic: m.isPublic,
        title: m.title,
        plannedDraftDeadline: m.plannedDraftDeadline,
        plannedDespatch: m.plannedDespatch,
      },
      m.agendaPublishedOn,
    );
    for (const it of m.items) {
      // The plan's key decisions were on it when the plan was published (seed 004: 1 May 2018).
      const itemId = await repo.insertItem(
        tx,
        tenantId,
        meetingId,
        {
          title: it.title,
          section: it.section,
          purpose: it.purpose,
          leadOfficers: it.leadOfficers,
          keyDecisionRef: it.keyDecisionRef,
          exemptParagraph: it.exemptParagraph,
          description: it.description,
          startTime: it.startTime,
        },
        { isLate: false, noticedOn: '2018-05-01' },
      );
      if (!it.report) continue;
      const reportId = await repo.insertTemplateReport(tx, tenantId, itemId, asStored(it.report));
      reports += 1;
      if (it.reportStatus === 'published') {
        await publishReportOn(tx, tenantId, reportId, m.agendaPublishedOn ?? m.date);
      }
    }
    // The published packs are built in the background after start, so the first visitor does not wait for them.
    if (m.agendaPublishedOn) await requestPackBuilds(tx, tenantId, meetingId);
  }
  return { bodies: data.bodies.length, meetings: data.meetings.length, reports };
}

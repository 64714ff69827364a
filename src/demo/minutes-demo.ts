// The minutes of the 17 April 2018 meeting of seed 004 (attendance, minutes 50–58 with their
// resolutions and votes) and its action log, and the published minutes of the partnership boards' meetings
// of April–June 2009 that seed 001 reports to Cabinet; see minutes-notes.md for every judgement.
import { readFile } from 'node:fs/promises';
import type { Queryable } from '../db/database.ts';
import * as repo from '../minutes/minutes.repository.ts';
import * as demoRepo from './demo.repository.ts';
import { insertDemoPeople, keyResolver, type DemoPerson } from './demo-support.ts';
import { demoDataFile } from './data-files.ts';

const DEMO_FILE = demoDataFile('minutes.json');

interface DemoMinutes {
  people: DemoPerson[];
  meetings: {
    bodyKey: string;
    date: string;
    lastMinuteNumberBefore: number;
    attendance: { personKey: string | null; name: string | null; category: string; substituteForKey: string | null; note: string | null }[];
    declarations: { itemTitle: string | null; personKey: string; kind: string; description: string }[];
    minutes: {
      number: number;
      itemTitle: string;
      title: string;
      discussion: string;
      withdrawn: boolean;
      resolutions: {
        text: string;
        outcome: string;
        votesFor: number | null;
        votesAgainst: number | null;
        abstentions: number | null;
        keyDecisionRef: string | null;
      }[];
    }[];
    /** Approved at a later meeting of the body, or published (draft, public) where no approval is recorded. */
    minutesState: 'approved' | 'published';
    approvedAtMeetingDate?: string;
  }[];
  actions: {
    bodyKey: string;
    meetingDate: string;
    minuteNumber: number | null;
    reportTitle: string;
    ownerKey: string | null;
    ownerName: string;
    description: string;
    comments: string;
    status: string;
    dueDate: string | null;
  }[];
}

export async function loadDemoMinutes(tx: Queryable, tenantId: string, ids: Map<string, string>) {
  const data = JSON.parse(await readFile(DEMO_FILE, 'utf8')) as DemoMinutes;
  const { ref } = keyResolver(ids, 'Demo minutes refer');
  await insertDemoPeople(tx, tenantId, data.people, ids, ref);
  const meetingOn = async (bodyId: string, date: string) => {
    const id = await demoRepo.formalMeetingOn(tx, tenantId, bodyId, date);
    if (!id) throw new Error(`Demo minutes refer to a meeting on ${date} that the demo meetings do not have`);
    return id;
  };
  const minuteIds = new Map<string, string>();
  for (const m of data.meetings) {
    const bodyId = ref(m.bodyKey)!;
    const meetingId = await meetingOn(bodyId, m.date);
    const items = await demoRepo.agendaItemTitles(tx, meetingId);
    const itemId = (title: string | null) => (title ? (items.find((i) => i.title === title)?.id ?? null) : null);
    for (const a of m.attendance) {
      await repo.insertAttendance(tx, tenantId, meetingId, {
        personId: ref(a.personKey),
        name: a.name,
        category: a.category,
        substituteForPersonId: ref(a.substituteForKey),
        note: a.note,
      });
    }
    for (const d of m.declarations) {
      await repo.insertDeclaration(tx, tenantId, meetingId, {
        agendaItemId: itemId(d.itemTitle),
        personId: ref(d.personKey)!,
        kind: d.kind,
        description: d.description,
      });
    }
    for (const minute of m.minutes) {
      const id = await repo.insertMinute(tx, tenantId, {
        bodyId,
        meetingId,
        agendaItemId: itemId(minute.itemTitle),
        number: minute.number,
        title: minute.title,
        discussion: minute.discussion,
      });
      if (minute.withdrawn) await demoRepo.withdrawMinute(tx, id);
      minuteIds.set(`${m.bodyKey}:${minute.number}`, id);
      for (const r of minute.resolutions) await repo.insertResolution(tx, tenantId, id, { ...r, namedVotes: [] });
    }
    const last = Math.max(m.lastMinuteNumberBefore, ...m.minutes.map((x) => x.number));
    await repo.setMinuteCounter(tx, tenantId, bodyId, last);
    if (m.minutesState === 'published' || !m.approvedAtMeetingDate) {
      await demoRepo.markMinutesPublished(tx, meetingId, m.date);
      continue;
    }
    const approvedAt = await meetingOn(bodyId, m.approvedAtMeetingDate);
    // The approving meeting's "Minutes ..." item carries these minutes and the action log in its pack (seed 004, item 3: pages 5 - 20).
    await demoRepo.attachMinutesToItem(tx, approvedAt, meetingId);
    await demoRepo.markMinutesApproved(tx, meetingId, { publishedOn: m.date, approvedAtMeetingId: approvedAt, approvedOn: m.approvedAtMeetingDate });
  }
  for (const a of data.actions) {
    const bodyId = ref(a.bodyKey)!;
    await repo.insertAction(tx, tenantId, {
      bodyId,
      meetingId: await meetingOn(bodyId, a.meetingDate),
      minuteId: minuteIds.get(`${a.bodyKey}:${a.minuteNumber}`) ?? null,
      reportTitle: a.reportTitle,
      ownerPersonId: ref(a.ownerKey),
      ownerName: a.ownerKey ? '' : a.ownerName,
      description: a.description,
      dueDate: a.dueDate,
      comments: a.comments,
      status: a.status,
    });
  }
}

// Seed 000's self-assessment: Cambridgeshire's Comprehensive Area Assessment for the Audit Commission (July 2009),
// with its questions A–G, the editing group, evidence, the draft the LSP Board considered on 17 July 2009 and the
// sign-off route through the Public Service Board (14 July) and the Cambridgeshire Together Board (23 July). The
// three boards and their meetings are added here. See demo/assessment-notes.md for every judgement.
import { readFile } from 'node:fs/promises';
import type { Queryable } from '../db/database.ts';
import * as meetings from '../meetings/meetings.repository.ts';
import { indicatorChoices } from '../performance/index.ts';
import * as repo from '../reports/assessment-data.repository.ts';
import { keyResolver } from './demo-support.ts';
import { demoDataFile } from './data-files.ts';

export interface DemoAssessment {
  bodies: {
    key: string;
    name: string;
    partnershipKey: string | null;
    organisationKey: string | null;
    termsOfReference: string;
    meetings: { date: string; item: string; purpose: 'decision' | 'discussion'; description: string; leadOfficers: string }[];
  }[];
  assessment: {
    title: string;
    partnershipKey: string;
    submittedTo: string;
    state: repo.AssessmentRow['state'];
    questions: { text: string; raisedBy: string; subQueries?: string[] }[];
    editors: { personKey: string; role: string }[];
    evidence: { question: string; note: string; indicatorKey?: string }[];
    drafts: { number: number; draftedOn: string; summary: string; content: string; comments: { boardKey: string; comment: string }[] }[];
    route: { boardKey?: string; board?: string; purpose: string; status: repo.StepRow['status'] }[];
  };
}

export async function readDemoAssessment(): Promise<DemoAssessment> {
  return JSON.parse(await readFile(demoDataFile('assessment.json'), 'utf8')) as DemoAssessment;
}

/** The boards' meetings and their agenda items, by the board's key. */
async function loadBoards(tx: Queryable, tenantId: string, data: DemoAssessment, ref: (key: string | null) => string | null, ids: ReadonlyMap<string, string>) {
  const meetingOf = new Map<string, { meetingId: string; itemId: string; date: string; name: string }>();
  for (const b of data.bodies) {
    // A board the meetings demo already holds (the Cambridgeshire Together Board, with its 2009 meetings) is that board.
    // The others are not published: their 2009 meetings have no papers (see the notes).
    const bodyId =
      ids.get(b.key) ??
      (await meetings.insertBody(tx, tenantId, {
        name: b.name,
        kind: 'board',
        organisationId: ref(b.organisationKey),
        partnershipId: ref(b.partnershipKey),
        termsOfReference: b.termsOfReference,
        quorum: null,
        draftReportClearDays: 8,
        despatchClearDays: 5,
        defaultVenue: '',
        defaultStartTime: null,
        clerkName: null,
        clerkPhone: null,
        clerkEmail: null,
        publicNotes: [],
      }));
    for (const m of b.meetings) {
      const meetingId = await meetings.insertMeeting(tx, tenantId, bodyId, {
        meetingDate: m.date,
        startTime: null,
        endTime: null,
        venue: '',
        kind: 'formal',
        status: 'held',
        isPublic: true,
        title: null,
        plannedDraftDeadline: null,
        plannedDespatch: null,
      });
      const itemId = await meetings.insertItem(
        tx,
        tenantId,
        meetingId,
        {
          title: m.item,
          section: null,
          purpose: m.purpose,
          leadOfficers: m.leadOfficers,
          keyDecisionRef: null,
          exemptParagraph: null,
          description: m.description,
          startTime: null,
        },
        { isLate: false, noticedOn: null },
      );
      meetingOf.set(b.key, { meetingId, itemId, date: m.date, name: b.name });
    }
  }
  return meetingOf;
}

export async function loadDemoAssessment(tx: Queryable, tenantId: string, ids: ReadonlyMap<string, string>) {
  const data = await readDemoAssessment();
  const { ref } = keyResolver(ids as Map<string, string>, 'Demo self-assessment refers');
  const boards = await loadBoards(tx, tenantId, data, ref, ids);
  const board = (key: string) => {
    const b = boards.get(key);
    if (!b) throw new Error(`Demo self-assessment refers to an unknown board: ${key}`);
    return b;
  };
  const a = data.assessment;
  const id = await repo.insertAssessment(tx, tenantId, { title: a.title, partnershipId: ref(a.partnershipKey), submittedTo: a.submittedTo, state: a.state });
  const byLabel = new Map<string, string>();
  for (const [i, q] of a.questions.entries()) {
    const letter = String.fromCharCode(65 + i);
    const qid = await repo.insertQuestion(tx, tenantId, id, { parentId: null, text: q.text, raisedBy: q.raisedBy });
    byLabel.set(letter, qid);
    for (const [j, s] of (q.subQueries ?? []).entries()) {
      byLabel.set(
        `${letter}(${['i', 'ii', 'iii', 'iv', 'v', 'vi'][j]})`,
        await repo.insertQuestion(tx, tenantId, id, { parentId: qid, text: s, raisedBy: q.raisedBy }),
      );
    }
  }
  for (const e of a.editors) await repo.insertEditor(tx, tenantId, id, { personId: ref(e.personKey)!, role: e.role });
  const indicators = new Map((await indicatorChoices(tx, tenantId)).map((i) => [i.id, i.code ? `${i.code} ${i.title}` : i.title]));
  for (const e of a.evidence) {
    const questionId = byLabel.get(e.question);
    if (!questionId) throw new Error(`Demo evidence refers to an unknown question: ${e.question}`);
    const linkId = e.indicatorKey ? ref(e.indicatorKey) : null;
    await repo.insertEvidence(tx, tenantId, id, {
      questionId,
      note: e.note,
      linkKind: linkId ? 'indicator' : null,
      linkId,
      linkLabel: linkId ? (indicators.get(linkId) ?? '') : '',
    });
  }
  for (const d of a.drafts) {
    const draftId = await repo.loadDraft(tx, tenantId, id, d);
    for (const c of d.comments) {
      const b = board(c.boardKey);
      await repo.insertComment(tx, tenantId, { draftId, board: b.name, meetingId: b.meetingId, saidOn: b.date, comment: c.comment });
    }
  }
  for (const s of a.route) {
    const at = s.boardKey ? board(s.boardKey) : null;
    await repo.insertStep(tx, tenantId, id, {
      purpose: s.purpose,
      agendaItemId: at?.itemId ?? null,
      board: at ? '' : (s.board ?? ''),
      stepDate: null,
      status: s.status,
    });
  }
  return id;
}

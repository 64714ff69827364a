// The plans of the seeds: the Communities and Partnerships Committee Delivery Plan 2018–2020 of seed 004
// (four priorities, 43 actions, their "Via action" dependencies, endorsed by minute 53 on 17 April 2018,
// closed after its period ended),
// the P&C portfolio at the end of March 2018 (seed 004 Appendix 8), and the Communities of Cheshire
// Partnership work programme 2007/08 of seed 003 (18 tasks, their agreed levels and dependencies).
// plans.json keeps the dates as printed; they are parsed here. See plans-notes.md for every judgement.
import { readFile } from 'node:fs/promises';
import type { Queryable } from '../db/database.ts';
import { insertPriority, setPlanClosed, setPlanPeriod } from '../plans/plans.repository.ts';
import { insertAction, insertUpdate, setActionProgress } from '../plans/plan-actions.repository.ts';
import { insertAssessment, insertItem } from '../plans/portfolio.repository.ts';
import { actionRag, nextReviewDate, parsePlanDate, parseRecurrence, routeReferences } from '../plans/rules.ts';
import * as demoRepo from './demo.repository.ts';
import { keyResolver } from './demo-support.ts';
import { demoDataFile } from './data-files.ts';

const DEMO_FILE = demoDataFile('plans.json');

export interface DemoAction {
  reference: string;
  description: string;
  leadOfficer: string;
  leadOfficerKey: string | null;
  /** As printed: "April 2018", "May-18", or a note such as "Reviewed yearly". */
  firstMilestone: string;
  /** As printed: "May 2020", or a recurrence such as "Refreshed annually". */
  continuesUntil: string;
  resources: string;
  keyRisks: string;
  outputs: string;
  decisionRoute: string;
}

interface DemoPlanBase {
  key: string;
  title: string;
  periodLabel: string;
  /** The period the plan covers, and the date it was closed (its final position is judged at it); see plans-notes.md. */
  startsOn: string | null;
  endsOn: string | null;
  closedOn: string | null;
  introduction: string;
  partnershipKey: string | null;
  bodyKey: string | null;
  publicationState: 'draft' | 'published';
  source: string;
  endorsement: { bodyKey: string; meetingDate: string; minuteNumber: number; resolutionPosition: number; resolutionStartsWith: string } | null;
}

export interface DemoDeliveryPlan extends DemoPlanBase {
  kind: 'delivery_plan';
  priorities: { number: number; title: string; printedTitle: string; outcomes: string[]; actions: DemoAction[] }[];
  /** Progress reported to the committee (seed 004's report of 31 May 2018), each linked to that meeting. */
  progress?: { reference: string; date: string; status: 'on_track'; narrative: string; source: string }[];
  progressMeeting?: { bodyKey: string; meetingDate: string };
}

export interface DemoWorkProgramme extends DemoPlanBase {
  kind: 'work_programme';
  leadOrganisationKey: string | null;
  levelOverrideReason: string;
  tasks: { number: number; title: string; comments: string; source: string; likelihood: number | null; impact: number | null; levelOverride: number | null }[];
  taskDependencies: { task: number; other: number; kind: 'depends_on' | 'incorporates'; printed: string }[];
}

export interface DemoPortfolioItem {
  key: string;
  kind: 'programme' | 'project';
  title: string;
  leadDirector: string;
  bodyKey: string | null;
  partnershipKey: string | null;
  publicationState: 'draft' | 'published';
  description: string;
  assessments: { asAt: string; rag: 'green' | 'amber' | 'red'; printedRag: string; keyIssues: string }[];
}

export interface DemoPlans {
  plans: (DemoDeliveryPlan | DemoWorkProgramme)[];
  portfolio: DemoPortfolioItem[];
}

export async function readDemoPlans(): Promise<DemoPlans> {
  return JSON.parse(await readFile(DEMO_FILE, 'utf8')) as DemoPlans;
}

/** The dates of an action from its printed columns. */
export function actionDates(a: Pick<DemoAction, 'reference' | 'firstMilestone' | 'continuesUntil'>) {
  const firstMilestone = parsePlanDate(a.firstMilestone);
  const continuesUntil = parsePlanDate(a.continuesUntil, { end: true });
  const recurrence = continuesUntil ? null : parseRecurrence(a.continuesUntil);
  if (!continuesUntil && !recurrence) throw new Error(`Demo plan action ${a.reference}: cannot read "${a.continuesUntil}"`);
  return {
    firstMilestone,
    firstMilestoneNote: firstMilestone ? '' : a.firstMilestone,
    continuesUntil,
    recurrence,
    recurrenceLabel: recurrence ? a.continuesUntil : '',
    // One recurrence after the first milestone, not rolled forward to today (the seed's reviews are long past).
    nextReview: recurrence && firstMilestone ? nextReviewDate(firstMilestone, recurrence) : null,
  };
}

export async function loadDemoPlans(tx: Queryable, tenantId: string, ids: Map<string, string>) {
  const data = await readDemoPlans();
  const { ref } = keyResolver(ids, 'Demo plans refer');
  const counts = { plans: 0, priorities: 0, actions: 0, actionDependencies: 0, tasks: 0, taskDependencies: 0, portfolioItems: 0, assessments: 0 };

  for (const plan of data.plans) {
    // The meeting and decision that endorsed the plan, from the demo minutes; left empty if they are not there.
    let endorsed: { meetingId: string | null; resolutionId: string | null; on: string | null } = { meetingId: null, resolutionId: null, on: null };
    if (plan.endorsement) {
      const e = plan.endorsement;
      const found = await demoRepo.findResolution(tx, tenantId, {
        bodyId: ref(e.bodyKey),
        minuteNumber: e.minuteNumber,
        meetingDate: e.meetingDate,
        position: e.resolutionPosition,
        startsWith: e.resolutionStartsWith,
      });
      endorsed = { meetingId: found?.meeting_id ?? null, resolutionId: found?.resolution_id ?? null, on: e.meetingDate };
    }
    const planId = await demoRepo.insertEndorsedPlan(tx, tenantId, {
      kind: plan.kind,
      title: plan.title,
      periodLabel: plan.periodLabel,
      introduction: plan.introduction,
      partnershipId: ref(plan.partnershipKey),
      bodyId: ref(plan.bodyKey),
      publicationState: plan.publicationState,
      endorsedMeetingId: endorsed.meetingId,
      endorsedResolutionId: endorsed.resolutionId,
      endorsedOn: endorsed.on,
    });
    ids.set(plan.key, planId);
    counts.plans += 1;
    await setPlanPeriod(tx, tenantId, planId, plan.startsOn, plan.endsOn);

    if (plan.kind === 'delivery_plan') {
      const actionIds = new Map<string, string>();
      for (const p of plan.priorities) {
        const priorityId = await insertPriority(tx, tenantId, planId, { number: p.number, title: p.title, outcomes: p.outcomes });
        counts.priorities += 1;
        for (const a of p.actions) {
          const d = actionDates(a);
          const actionId = await insertAction(tx, tenantId, planId, {
            priorityId,
            reference: a.reference,
            description: a.description,
            leadOfficer: a.leadOfficer,
            leadPersonId: ref(a.leadOfficerKey),
            ...d,
            resources: a.resources,
            keyRisks: a.keyRisks,
            outputs: a.outputs,
            decisionRoute: a.decisionRoute,
          });
          actionIds.set(a.reference, actionId);
          ids.set(`${plan.key}:${a.reference}`, actionId);
          counts.actions += 1;
        }
      }
      // "Via action 1.4": the action depends on 1.4.
      for (const a of plan.priorities.flatMap((p) => p.actions)) {
        for (const on of routeReferences(a.decisionRoute)) {
          const dependsOn = actionIds.get(on);
          if (!dependsOn) throw new Error(`Demo plan action ${a.reference} goes via unknown action ${on}`);
          await demoRepo.insertActionDependency(tx, tenantId, actionIds.get(a.reference)!, dependsOn);
          counts.actionDependencies += 1;
        }
      }
      // The progress the committee heard on 31 May 2018, as updates on those actions linked to that meeting.
      const meetingId = plan.progressMeeting
        ? await demoRepo.formalMeetingOn(tx, tenantId, ref(plan.progressMeeting.bodyKey)!, plan.progressMeeting.meetingDate)
        : null;
      for (const u of plan.progress ?? []) {
        const a = plan.priorities.flatMap((p) => p.actions).find((x) => x.reference === u.reference);
        if (!a) throw new Error(`Demo progress names unknown action ${u.reference}`);
        const d = actionDates(a);
        const nextReview = d.recurrence ? nextReviewDate(u.date, d.recurrence) : null;
        const { rag } = actionRag(
          { status: u.status, percentComplete: null, firstMilestone: d.firstMilestone, continuesUntil: d.continuesUntil, recurrence: d.recurrence, nextReview },
          u.date,
        );
        const actionId = actionIds.get(u.reference)!;
        await insertUpdate(tx, tenantId, actionId, {
          updateOn: u.date,
          narrative: u.narrative,
          percentComplete: null,
          status: u.status,
          rag,
          ragOverride: null,
          ragOverrideReason: '',
          nextReview,
          author: 'demo',
        });
        // What recording the update does to a new action: its status, the date of its last update and its next review.
        await setActionProgress(tx, tenantId, actionId, {
          status: u.status,
          percentComplete: null,
          ragOverride: null,
          ragOverrideReason: '',
          lastUpdateOn: u.date,
          nextReview,
          completedOn: null,
        });
        if (meetingId) await demoRepo.insertActionMeetingLink(tx, tenantId, actionId, meetingId);
      }
    } else {
      const taskIds = new Map<number, string>();
      for (const t of plan.tasks) {
        const taskId = await demoRepo.insertScoredTask(tx, tenantId, planId, {
          number: t.number,
          title: t.title,
          comments: t.comments,
          source: t.source,
          leadOrganisationId: ref(plan.leadOrganisationKey),
          likelihood: t.likelihood,
          impact: t.impact,
          levelOverride: t.levelOverride,
          levelOverrideReason: t.levelOverride === null ? '' : plan.levelOverrideReason,
        });
        taskIds.set(t.number, taskId);
        counts.tasks += 1;
      }
      for (const dep of plan.taskDependencies) {
        const task = taskIds.get(dep.task),
          other = taskIds.get(dep.other);
        if (!task || !other) throw new Error(`Demo work programme dependency ${dep.task} → ${dep.other} names an unknown task`);
        await demoRepo.insertTaskDependency(tx, tenantId, task, other, dep.kind);
        counts.taskDependencies += 1;
      }
    }
    // Closed after its progress is in, as an officer would: its final position is judged as at the close.
    if (plan.closedOn) await setPlanClosed(tx, tenantId, planId, { closedOn: plan.closedOn, note: '' });
  }

  for (const item of data.portfolio) {
    const itemId = await insertItem(
      tx,
      tenantId,
      {
        kind: item.kind,
        title: item.title,
        leadDirector: item.leadDirector,
        description: item.description,
        partnershipId: ref(item.partnershipKey),
        bodyId: ref(item.bodyKey),
      },
      item.publicationState,
    );
    ids.set(item.key, itemId);
    counts.portfolioItems += 1;
    for (const a of item.assessments) {
      await insertAssessment(tx, tenantId, itemId, { asAt: a.asAt, rag: a.rag, keyIssues: a.keyIssues });
      counts.assessments += 1;
    }
  }
  return counts;
}

// The plans of the seeds: the Communities and Partnerships Committee Delivery Plan 2018–2020 of seed 004
// (four priorities, 43 actions, their "Via action" dependencies, endorsed by minute 53 on 17 April 2018),
// the P&C portfolio at the end of March 2018 (seed 004 Appendix 8), and the Communities of Cheshire
// Partnership work programme 2007/08 of seed 003 (18 tasks, their agreed levels and dependencies).
// plans.json keeps the dates as printed; they are parsed here. See plans-notes.md for every judgement.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Queryable } from '../db/database.ts';
import { actionRag, nextReviewDate, parsePlanDate, parseRecurrence, routeReferences } from '../plans/rules.ts';

const DEMO_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'plans.json');

export interface DemoAction {
  reference: string; description: string; leadOfficer: string; leadOfficerKey: string | null;
  /** As printed: "April 2018", "May-18", or a note such as "Reviewed yearly". */
  firstMilestone: string;
  /** As printed: "May 2020", or a recurrence such as "Refreshed annually". */
  continuesUntil: string;
  resources: string; keyRisks: string; outputs: string; decisionRoute: string;
}

interface DemoPlanBase {
  key: string; title: string; periodLabel: string; introduction: string; partnershipKey: string | null; bodyKey: string | null;
  publicationState: 'draft' | 'published'; source: string;
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
  key: string; kind: 'programme' | 'project'; title: string; leadDirector: string; bodyKey: string | null; partnershipKey: string | null;
  publicationState: 'draft' | 'published'; description: string;
  assessments: { asAt: string; rag: 'green' | 'amber' | 'red'; printedRag: string; keyIssues: string }[];
}

export interface DemoPlans { plans: (DemoDeliveryPlan | DemoWorkProgramme)[]; portfolio: DemoPortfolioItem[] }

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
  const ref = (key: string | null | undefined) => {
    if (!key) return null;
    const found = ids.get(key);
    if (!found) throw new Error(`Demo plans refer to unknown key ${key}`);
    return found;
  };
  const counts = { plans: 0, priorities: 0, actions: 0, actionDependencies: 0, tasks: 0, taskDependencies: 0, portfolioItems: 0, assessments: 0 };

  for (const plan of data.plans) {
    // The meeting and decision that endorsed the plan, from the demo minutes; left empty if they are not there.
    let endorsed: { meetingId: string | null; resolutionId: string | null; on: string | null } = { meetingId: null, resolutionId: null, on: null };
    if (plan.endorsement) {
      const e = plan.endorsement;
      const rows = await tx.query<{ meeting_id: string; resolution_id: string }>(
        `select mi.meeting_id, r.id as resolution_id
           from minutes mi join meetings mt on mt.id = mi.meeting_id join resolutions r on r.minute_id = mi.id
          where mi.tenant_id = $1 and mi.body_id = $2 and mi.number = $3 and mt.meeting_date = $4 and r.position = $5
            and r.text like $6 || '%' and mi.deleted_at is null and r.deleted_at is null`,
        [tenantId, ref(e.bodyKey), e.minuteNumber, e.meetingDate, e.resolutionPosition, e.resolutionStartsWith]);
      endorsed = { meetingId: rows[0]?.meeting_id ?? null, resolutionId: rows[0]?.resolution_id ?? null, on: e.meetingDate };
    }
    const [{ id: planId }] = await tx.query<{ id: string }>(
      `insert into plans (tenant_id, kind, title, period_label, introduction, partnership_id, body_id, publication_state,
         endorsed_meeting_id, endorsed_resolution_id, endorsed_on)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
      [tenantId, plan.kind, plan.title, plan.periodLabel, plan.introduction, ref(plan.partnershipKey), ref(plan.bodyKey), plan.publicationState,
        endorsed.meetingId, endorsed.resolutionId, endorsed.on]) as [{ id: string }];
    ids.set(plan.key, planId);
    counts.plans += 1;

    if (plan.kind === 'delivery_plan') {
      const actionIds = new Map<string, string>();
      for (const p of plan.priorities) {
        const [{ id: priorityId }] = await tx.query<{ id: string }>(
          `insert into plan_priorities (tenant_id, plan_id, number, title, outcomes) values ($1, $2, $3, $4, $5) returning id`,
          [tenantId, planId, p.number, p.title, p.outcomes]) as [{ id: string }];
        counts.priorities += 1;
        for (const a of p.actions) {
          const d = actionDates(a);
          const [{ id: actionId }] = await tx.query<{ id: string }>(
            `insert into plan_actions (tenant_id, plan_id, priority_id, reference, description, lead_officer, lead_person_id,
               first_milestone, first_milestone_note, continues_until, recurrence, recurrence_label, next_review,
               resources, key_risks, outputs, decision_route)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) returning id`,
            [tenantId, planId, priorityId, a.reference, a.description, a.leadOfficer, ref(a.leadOfficerKey),
              d.firstMilestone, d.firstMilestoneNote, d.continuesUntil, d.recurrence, d.recurrenceLabel, d.nextReview,
              a.resources, a.keyRisks, a.outputs, a.decisionRoute]) as [{ id: string }];
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
          await tx.query(`insert into plan_action_dependencies (tenant_id, action_id, depends_on_action_id) values ($1, $2, $3)`,
            [tenantId, actionIds.get(a.reference), dependsOn]);
          counts.actionDependencies += 1;
        }
      }
      // The progress the committee heard on 31 May 2018, as updates on those actions linked to that meeting.
      const meetingId = plan.progressMeeting ? (await tx.query<{ id: string }>(`select id from meetings where tenant_id = $1 and body_id = $2
        and meeting_date = $3 and kind = 'formal' and deleted_at is null`, [tenantId, ref(plan.progressMeeting.bodyKey), plan.progressMeeting.meetingDate]))[0]?.id : undefined;
      for (const u of plan.progress ?? []) {
        const a = plan.priorities.flatMap((p) => p.actions).find((x) => x.reference === u.reference);
        if (!a) throw new Error(`Demo progress names unknown action ${u.reference}`);
        const d = actionDates(a);
        const nextReview = d.recurrence ? nextReviewDate(u.date, d.recurrence) : null;
        const { rag } = actionRag({ status: u.status, percentComplete: null, firstMilestone: d.firstMilestone, continuesUntil: d.continuesUntil,
          recurrence: d.recurrence, nextReview }, u.date);
        const actionId = actionIds.get(u.reference)!;
        await tx.query(`insert into plan_action_updates (tenant_id, action_id, update_on, narrative, status, rag, next_review, author)
          values ($1, $2, $3, $4, $5, $6, $7, 'demo')`, [tenantId, actionId, u.date, u.narrative, u.status, rag, nextReview]);
        await tx.query(`update plan_actions set status = $2, last_update_on = $3, next_review = $4 where id = $1`, [actionId, u.status, u.date, nextReview]);
        if (meetingId) await tx.query(`insert into plan_action_links (tenant_id, action_id, meeting_id) values ($1, $2, $3)`, [tenantId, actionId, meetingId]);
      }
    } else {
      const taskIds = new Map<number, string>();
      for (const t of plan.tasks) {
        const [{ id: taskId }] = await tx.query<{ id: string }>(
          `insert into programme_tasks (tenant_id, plan_id, number, title, comments, source, lead_organisation_id, likelihood, impact,
             level_override, level_override_reason)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
          [tenantId, planId, t.number, t.title, t.comments, t.source, ref(plan.leadOrganisationKey), t.likelihood, t.impact,
            t.levelOverride, t.levelOverride === null ? '' : plan.levelOverrideReason]) as [{ id: string }];
        taskIds.set(t.number, taskId);
        counts.tasks += 1;
      }
      for (const dep of plan.taskDependencies) {
        const task = taskIds.get(dep.task), other = taskIds.get(dep.other);
        if (!task || !other) throw new Error(`Demo work programme dependency ${dep.task} → ${dep.other} names an unknown task`);
        await tx.query(`insert into programme_task_dependencies (tenant_id, task_id, other_task_id, kind) values ($1, $2, $3, $4)`,
          [tenantId, task, other, dep.kind]);
        counts.taskDependencies += 1;
      }
    }
  }

  for (const item of data.portfolio) {
    const [{ id: itemId }] = await tx.query<{ id: string }>(
      `insert into portfolio_items (tenant_id, partnership_id, body_id, kind, title, lead_director, description, publication_state)
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
      [tenantId, ref(item.partnershipKey), ref(item.bodyKey), item.kind, item.title, item.leadDirector, item.description, item.publicationState]) as [{ id: string }];
    ids.set(item.key, itemId);
    counts.portfolioItems += 1;
    for (const a of item.assessments) {
      await tx.query(`insert into portfolio_assessments (tenant_id, item_id, as_at, rag, key_issues) values ($1, $2, $3, $4, $5)`,
        [tenantId, itemId, a.asAt, a.rag, a.keyIssues]);
      counts.assessments += 1;
    }
  }
  return counts;
}

// The plans JSON API through the HTTP layer: seed 004's delivery plan (43 actions, 1.1 via 1.4) and
// seed 003's work programme (18 tasks, levels set as overrides) as the public and staff see them; a
// draft plan hidden from the public; adding a plan, priority and actions with bad input first (problem
// documents with pointers, nothing stored), a dependency cycle refused with its message, stale
// versions; progress updates working out the RAG and a recurring action's next review; scoring a
// task; publication; who may write; and every operation in the OpenAPI document.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { todayInEngland } from '../../src/calendar/today.ts';
import { planActionOperations } from '../../src/plans/plan-actions.api.ts';
import { planOperations as planResourceOperations } from '../../src/plans/plans.api.ts';
import { addMonths } from '../../src/plans/rules.ts';
import { apiToken, buildTestApp, countRows, json, type TestApp } from '../helper.ts';
import { documentedBy, errorAt, pointers, problemOf, documentUnderTag } from '../api-support.ts';

type Method = 'GET' | 'POST' | 'PUT';
type Who = 'partnership_officer' | 'performance_officer' | 'councillor' | null;

const NOWHERE = '00000000-0000-4000-8000-000000000000';
// Every operation of plans, in the order index.ts joins them.
const planOperations = [...planResourceOperations, ...planActionOperations];

describe('plans JSON API', () => {
  let t: TestApp;
  const tokens = new Map<string, string>();
  let deliveryPlanId = '';
  let programmeId = '';
  let bodyId = '';

  before(async () => {
    t = await buildTestApp();
    for (const role of ['partnership_officer', 'performance_officer', 'councillor']) tokens.set(role, await apiToken(t, role));
    const planOf = async (kind: string) =>
      (await t.db.query<{ id: string }>(`select id from plans where kind = $1 and tenant_id = $2`, [kind, t.tenantId]))[0]!.id;
    deliveryPlanId = await planOf('delivery_plan');
    programmeId = await planOf('work_programme');
    bodyId = (await t.db.query<{ id: string }>(`select id from bodies where tenant_id = $1 order by name limit 1`, [t.tenantId]))[0]!.id;
  });
  after(async () => t?.close());

  const call = (who: Who, method: Method, url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: who ? { authorization: `Bearer ${tokens.get(who)}` } : {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const po = (method: Method, url: string, payload?: unknown) => call('partnership_officer', method, url, payload);
  const anon = (url: string) => call(null, 'GET', url);

  const documented = (res: LightMyRequestResponse, operationId: string) => documentedBy(planOperations, res, operationId);
  const stored = async () => ({
    plans: await countRows(t.db, 'plans'),
    priorities: await countRows(t.db, 'plan_priorities'),
    actions: await countRows(t.db, 'plan_actions'),
    dependencies: await countRows(t.db, 'plan_action_dependencies'),
    updates: await countRows(t.db, 'plan_action_updates'),
    tasks: await countRows(t.db, 'programme_tasks'),
    versions:
      (await t.db.query<{ v: number }>(`select coalesce(sum(version), 0)::int as v from plan_actions`))[0]!.v +
      (await t.db.query<{ v: number }>(`select coalesce(sum(version), 0)::int as v from programme_tasks`))[0]!.v +
      (await t.db.query<{ v: number }>(`select coalesce(sum(version), 0)::int as v from plans`))[0]!.v,
  });
  const actionOf = (plan: { actions: { reference: string }[] }, reference: string) =>
    plan.actions.find((a) => a.reference === reference) as Record<string, any>;
  const action = (priorityId: string, reference: string, extra: Record<string, unknown> = {}) => ({
    priorityId,
    reference,
    description: `Action ${reference}`,
    leadOfficer: 'A Officer',
    firstMilestone: 'April 2026',
    continuesUntil: 'March 2027',
    ...extra,
  });
  /** A published indicator and, if there is one, a draft one: links the public see and do not. */
  const someIndicators = async () => {
    const [published] = await t.db.query<{ id: string }>(
      `select id from indicators where tenant_id = $1 and publication_state = 'published' and deleted_at is null limit 1`,
      [t.tenantId],
    );
    const [draft] = await t.db.query<{ id: string }>(
      `select id from indicators where tenant_id = $1 and publication_state = 'draft' and deleted_at is null limit 1`,
      [t.tenantId],
    );
    return [published!.id, ...(draft ? [draft.id] : [])];
  };

  // A test that needs a draft plan makes its own, so that none depends on another having run first.
  const created = (res: LightMyRequestResponse): string => {
    assert.equal(res.statusCode, 201, res.body);
    return json(res).id;
  };
  /** A new draft delivery plan of the committee's, with nothing in it. */
  const newDraft = async (title = 'Zanzibar delivery plan') =>
    created(await po('POST', '/plans', { kind: 'delivery_plan', title, periodLabel: '2026–2028', bodyId }));
  /** A new draft plan with priority 1, Safety. */
  const draftWithPriority = async () => {
    const planId = await newDraft();
    const priorityId = created(await po('POST', `/plans/${planId}/priorities`, { number: 1, title: 'Safety' }));
    return { planId, priorityId };
  };
  /** A new draft plan with priority 1 and its actions 1.1 (linked to indicators), 1.2 depending on 1.1 and 1.3 on 1.2. */
  const draftWithActions = async () => {
    const { planId, priorityId } = await draftWithPriority();
    const actionIds = new Map<string, string>();
    const add = async (reference: string, extra: Record<string, unknown>) =>
      actionIds.set(reference, created(await po('POST', `/plans/${planId}/actions`, action(priorityId, reference, extra))));
    await add('1.1', { indicatorIds: await someIndicators() });
    await add('1.2', { dependsOn: ['1.1'] });
    await add('1.3', { dependsOn: ['1.2'], continuesUntil: 'Refreshed quarterly' });
    return { planId, priorityId, actionIds };
  };

  it('describes every operation in the OpenAPI document under the Plans tag, as the API serves it', async () => {
    const { ids } = documentUnderTag(planOperations, 'Plans');
    assert.deepEqual(ids, [
      'closePlan',
      'createPlan',
      'createPlanAction',
      'createPlanPriority',
      'createProgrammeTask',
      'getPlan',
      'getPlanAction',
      'listOverduePlanActions',
      'listPlans',
      'publishPlan',
      'recordPlanActionProgress',
      'reopenPlan',
      'scoreProgrammeTask',
      'updatePlan',
      'updatePlanAction',
      'updatePlanPriority',
      'updateProgrammeTask',
      'withdrawPlan',
    ]);
    const served = json(await anon('/openapi.json')) as { paths: Record<string, Record<string, { operationId: string; 'x-permission'?: string }>> };
    for (const op of planOperations) {
      const entry = served.paths[op.path]?.[op.method.toLowerCase()];
      assert.equal(entry?.operationId, op.operationId, `${op.method} ${op.path} is in /api/v1/openapi.json`);
      if (op.access !== 'public.view') assert.equal(entry?.['x-permission'], op.access);
    }
    assert.equal(served.paths['/plans/{planId}/actions/{actionId}/progress']!.post!['x-permission'], 'action.edit');
    assert.equal(served.paths['/plans/{planId}/publish']!.post!['x-permission'], 'plan.publish');
  });

  describe('reading', () => {
    it('lists the published plans to the public, with owners, endorsement and counts', async () => {
      const list = documented(await anon('/plans'), 'listPlans');
      assert.ok(list.data.every((p: { publicationState: string }) => p.publicationState === 'published'));
      const plan = list.data.find((p: { id: string }) => p.id === deliveryPlanId);
      assert.equal(plan.kind, 'delivery_plan');
      assert.equal(plan.title, 'Communities and Partnerships Committee Delivery Plan');
      assert.equal(plan.counts.actions, 43);
      assert.equal(plan.body.name.length > 0, true);
      assert.equal(plan.endorsement.minuteNumber, 53);
      assert.equal(plan.endorsement.meetingDate, '2018-04-17');
      const programme = list.data.find((p: { id: string }) => p.id === programmeId);
      assert.equal(programme.kind, 'work_programme');
      assert.equal(programme.counts.tasks, 18);
      assert.ok(programme.partnership.id);
    });

    it("reads seed 004's delivery plan: priorities, actions as printed, dependencies both ways", async () => {
      const plan = documented(await anon(`/plans/${deliveryPlanId}`), 'getPlan');
      assert.deepEqual(
        plan.priorities.map((p: { number: number }) => p.number),
        [1, 2, 3, 4],
      );
      assert.ok(plan.priorities[0].outcomes.length > 0);
      assert.equal(plan.actions.length, 43);
      assert.deepEqual(plan.tasks, []);
      assert.equal(plan.programme, null);
      assert.deepEqual(
        plan.actions.slice(0, 3).map((a: { reference: string }) => a.reference),
        ['1.1', '1.2', '1.3'],
      );
      assert.equal(
        plan.actions.findIndex((a: { reference: string }) => a.reference === '1.10'),
        9,
        '1.10 follows 1.9',
      );
      const a11 = actionOf(plan, '1.1');
      assert.deepEqual(a11.dependsOn, ['1.4']);
      assert.equal(a11.decisionRoute, 'Via action 1.4');
      assert.deepEqual(
        [a11.firstMilestone, a11.firstMilestoneText, a11.continuesUntil, a11.continuesUntilText],
        ['2018-04-01', 'April 2018', '2020-05-31', 'May 2020'],
      );
      assert.equal(a11.leadPerson, null, 'the public do not see who is reminded');
      assert.deepEqual(actionOf(plan, '1.4').neededBy.slice(0, 3), ['1.1', '1.2', '1.3']);
      const a13 = actionOf(plan, '1.3');
      assert.deepEqual([a13.recurrence, a13.recurrenceLabel, a13.continuesUntil, a13.nextReview], ['annual', 'Refreshed annually', null, '2019-06-01']);
      // Its review (June 2019) passed without an update, but the plan is closed: not overdue, and not assessed rather than red.
      assert.deepEqual([a13.overdue, a13.rag, a13.ragReason], [false, 'grey', 'Not assessed: no progress recorded before the plan was closed']);
      const a118 = actionOf(plan, '1.18');
      assert.deepEqual([a118.firstMilestone, a118.firstMilestoneText], [null, 'Reviewed yearly']);
      const counts = plan.ragCounts;
      assert.equal(counts.green + counts.amber + counts.red + counts.grey, 43);
    });

    it("reads seed 003's work programme: tasks with their levels, the matrix, heat map and shortlist", async () => {
      const plan = documented(await anon(`/plans/${programmeId}`), 'getPlan');
      assert.equal(plan.tasks.length, 18);
      assert.deepEqual(plan.actions, []);
      assert.deepEqual(plan.programme.levels, [
        { level: 1, count: 10 },
        { level: 2, count: 3 },
        { level: 3, count: 5 },
      ]);
      assert.equal(plan.programme.shortlist.length, 10);
      assert.deepEqual(plan.programme.matrix.levelMinimums, [15, 8]);
      assert.equal(plan.programme.heatMap.length, 5);
      assert.deepEqual(plan.programme.heatMap[0][4], { likelihood: 5, impact: 5, score: 25, level: 1, tasks: [] });
      const task = (n: number) => plan.tasks.find((x: { number: number }) => x.number === n);
      assert.deepEqual(task(10).dependsOn, [11]);
      assert.deepEqual(task(11).neededBy, [10, 13]);
      assert.deepEqual(task(2).incorporates, [3]);
      assert.deepEqual([task(1).score, task(1).level, task(1).levelOverride, task(1).overridden], [null, 3, 3, true]);
      assert.ok(task(1).levelOverrideReason.length > 0);
      assert.deepEqual(
        plan.programme.shortlist,
        plan.tasks.filter((x: { level: number }) => x.level === 1).map((x: { number: number }) => x.number),
      );
    });

    it('reads an action with its updates and links', async () => {
      const plan = json(await anon(`/plans/${deliveryPlanId}`));
      const a41 = actionOf(plan, '4.1');
      const action = documented(await anon(`/plans/${deliveryPlanId}/actions/${a41.id}`), 'getPlanAction');
      assert.equal(action.reference, '4.1');
      assert.equal(action.continuesUntilText, 'Reviewed biannually');
      assert.equal(action.recurrence, 'six_monthly');
      assert.deepEqual(action.plan, { id: deliveryPlanId, title: plan.title, publicationState: 'published' });
      assert.ok(Array.isArray(action.updates));
      assert.ok(action.links.every((l: { published: boolean }) => l.published));
      problemOf(await anon(`/plans/${deliveryPlanId}/actions/${NOWHERE}`), 404);
      problemOf(await anon(`/plans/${programmeId}/actions/${a41.id}`), 404);
      problemOf(await anon(`/plans/${deliveryPlanId}/actions/not-a-uuid`), 400);
    });

    it("gives the demo plan's period and close: its final position as at 30 June 2020, and nothing overdue", async () => {
      const plan = documented(await anon(`/plans/${deliveryPlanId}`), 'getPlan');
      assert.deepEqual(
        [plan.periodLabel, plan.startsOn, plan.endsOn, plan.stage, plan.closedOn, plan.closingNote, plan.assessedOn],
        ['2018–2020', '2018-04-01', '2020-05-31', 'closed', '2020-06-30', '', '2020-06-30'],
      );
      // Judged against today, as before, it was 43 red: none of it is red or overdue as at its close.
      assert.deepEqual(plan.ragCounts, { green: 0, amber: 0, red: 0, grey: 43 });
      assert.ok(plan.actions.every((a: { overdue: boolean; milestoneOverdue: boolean }) => !a.overdue && !a.milestoneOverdue));
      assert.equal(actionOf(plan, '1.2').ragReason, 'Not assessed: last reported on 31 May 2018, before it was due');
      assert.equal(actionOf(plan, '2.3').ragReason, 'Not assessed: no progress recorded before the plan was closed');
      const listed = documented(await anon('/plans'), 'listPlans').data;
      const programme = listed.find((p: { id: string }) => p.id === programmeId);
      assert.deepEqual([programme.stage, programme.endsOn, programme.assessedOn, programme.closedOn], ['ended', '2008-03-31', '2008-03-31', null]);
    });

    it('lists overdue actions and late starts to staff only, none of them from a closed plan', async () => {
      const overdue = documented(await call('councillor', 'GET', '/plans/overdue'), 'listOverduePlanActions');
      assert.ok(![...overdue.overdue, ...overdue.lateStarts].some((a: { plan: { id: string } }) => a.plan.id === deliveryPlanId));
      assert.ok(overdue.overdue.every((a: { overdue: boolean }) => a.overdue));
      assert.ok(overdue.lateStarts.every((a: { overdue: boolean; milestoneOverdue: boolean }) => !a.overdue && a.milestoneOverdue));
      problemOf(await anon('/plans/overdue'), 401);
    });

    it('answers 400 for an id that is not one and 404 for an unknown plan', async () => {
      problemOf(await anon('/plans/not-a-uuid'), 400);
      problemOf(await anon(`/plans/${NOWHERE}`), 404);
    });
  });

  describe('a new plan, its priority and actions', () => {
    it('refuses a plan with bad input, changing nothing', async () => {
      const before = await stored();
      const bad = problemOf(await po('POST', '/plans', { kind: 'nonsense', title: '' }), 422);
      assert.deepEqual(pointers(bad), ['/kind', '/title']);
      assert.equal(errorAt(bad, '/kind'), 'Select whether this is a delivery plan or a work programme');
      assert.equal(errorAt(bad, '/title'), 'Enter the title of the plan');
      const ownerless = problemOf(await po('POST', '/plans', { kind: 'delivery_plan', title: 'Zanzibar plan' }), 422);
      assert.deepEqual(pointers(ownerless), ['/partnershipId']);
      assert.equal(errorAt(ownerless, '/partnershipId'), 'Select the partnership or the committee that owns the plan');
      const nowhere = problemOf(await po('POST', '/plans', { kind: 'delivery_plan', title: 'Zanzibar plan', bodyId: 'x' }), 422);
      assert.deepEqual(pointers(nowhere), ['/bodyId']);
      assert.deepEqual(await stored(), before);
    });

    it('adds a draft plan the public cannot see and staff can', async () => {
      const created = await po('POST', '/plans', { kind: 'delivery_plan', title: 'Zanzibar delivery plan', periodLabel: '2026–2028', bodyId });
      const plan = documented(created, 'createPlan');
      const draftId = plan.id;
      assert.equal(created.headers.location, `/api/v1/plans/${draftId}`);
      assert.deepEqual([plan.publicationState, plan.periodLabel, plan.body.id, plan.partnership, plan.endorsement], ['draft', '2026–2028', bodyId, null, null]);
      assert.deepEqual([plan.priorities, plan.actions, plan.counts], [[], [], { actions: 0, tasks: 0 }]);

      problemOf(await anon(`/plans/${draftId}`), 404);
      assert.ok(!json(await anon('/plans')).data.some((p: { id: string }) => p.id === draftId));
      const seen = documented(await call('councillor', 'GET', `/plans/${draftId}`), 'getPlan');
      assert.equal(seen.title, 'Zanzibar delivery plan');
      assert.ok(documented(await call('councillor', 'GET', '/plans'), 'listPlans').data.some((p: { id: string }) => p.id === draftId));
    });

    it('changes the plan, refusing a stale version', async () => {
      const draftId = await newDraft();
      const { version } = json(await po('GET', `/plans/${draftId}`));
      const body = { kind: 'delivery_plan', title: 'Zanzibar delivery plan 2026–2028', bodyId };
      const saved = documented(await po('PUT', `/plans/${draftId}`, { ...body, version }), 'updatePlan');
      assert.equal(saved.title, 'Zanzibar delivery plan 2026–2028');
      assert.equal(saved.version, version + 1);
      problemOf(await po('PUT', `/plans/${draftId}`, { ...body, title: 'Stale', version }), 409);
      assert.equal(json(await po('GET', `/plans/${draftId}`)).title, 'Zanzibar delivery plan 2026–2028');
      problemOf(await po('PUT', `/plans/${NOWHERE}`, { ...body, version }), 404);
    });

    it('adds a priority, with JSON numbers or strings, refusing bad input', async () => {
      const draftId = await newDraft();
      const before = await stored();
      const bad = problemOf(await po('POST', `/plans/${draftId}/priorities`, { number: 'one', title: '' }), 422);
      assert.deepEqual(pointers(bad), ['/number', '/title']);
      assert.equal(errorAt(bad, '/number'), 'Priority number must be a whole number from 1 to 99');
      problemOf(await po('POST', `/plans/${draftId}/priorities`, { number: 1.5, title: 'Safety' }), 422);
      problemOf(await po('POST', `/plans/${NOWHERE}/priorities`, { number: 1, title: 'Safety' }), 404);
      assert.deepEqual(await stored(), before);

      const priority = documented(
        await po('POST', `/plans/${draftId}/priorities`, { number: 1, title: 'Safety', outcomes: ['Streets are safe', 'People feel safe'] }),
        'createPlanPriority',
      );
      assert.deepEqual([priority.number, priority.title, priority.outcomes], [1, 'Safety', ['Streets are safe', 'People feel safe']]);
      const again = problemOf(await po('POST', `/plans/${draftId}/priorities`, { number: '1', title: 'Again' }), 422);
      assert.deepEqual(pointers(again), ['/number']);
      assert.equal(again.detail, 'The plan already has a priority 1');
      const second = documented(await po('POST', `/plans/${draftId}/priorities`, { number: '2', title: 'Homes' }), 'createPlanPriority');
      const renamed = documented(
        await po('PUT', `/plans/${draftId}/priorities/${second.id}`, { number: 2, title: 'Housing', version: second.version }),
        'updatePlanPriority',
      );
      assert.deepEqual([renamed.title, renamed.version], ['Housing', second.version + 1]);
      problemOf(await po('PUT', `/plans/${draftId}/priorities/${second.id}`, { number: 2, title: 'Stale', version: second.version }), 409);
    });

    it('refuses actions with bad input, with pointers to the fields, storing nothing', async () => {
      const { planId: draftId, priorityId } = await draftWithPriority();
      const before = await stored();
      const url = `/plans/${draftId}/actions`;
      const empty = problemOf(await po('POST', url, {}), 422);
      assert.deepEqual(pointers(empty), ['/description', '/priorityId', '/reference']);
      const wrong = problemOf(await po('POST', url, action(priorityId, '2.1')), 422);
      assert.deepEqual(pointers(wrong), ['/reference']);
      assert.match(errorAt(wrong, '/reference'), /Actions under priority 1 are numbered 1\.1, 1\.2/);
      const dates = problemOf(await po('POST', url, action(priorityId, '1.1', { firstMilestone: 'Aprill 2026', continuesUntil: 'whenever' })), 422);
      assert.deepEqual(pointers(dates), ['/continuesUntil', '/firstMilestone']);
      assert.match(errorAt(dates, '/firstMilestone'), /First milestone date must be a month or a date/);
      assert.match(errorAt(dates, '/continuesUntil'), /how often it recurs/);
      const unknown = problemOf(await po('POST', url, action(priorityId, '1.1', { dependsOn: ['1.9'] })), 422);
      assert.deepEqual(pointers(unknown), ['/dependsOn']);
      assert.equal(errorAt(unknown, '/dependsOn'), 'The plan has no action 1.9');
      const notList = problemOf(await po('POST', url, action(priorityId, '1.1', { dependsOn: '1.2' })), 422);
      assert.deepEqual(pointers(notList), ['/dependsOn']);
      const link = problemOf(await po('POST', url, action(priorityId, '1.1', { indicatorIds: [NOWHERE] })), 422);
      assert.deepEqual(pointers(link), ['/indicatorIds']);
      problemOf(await po('POST', `/plans/${NOWHERE}/actions`, action(priorityId, '1.1')), 404);
      assert.deepEqual(await stored(), before);
    });

    it('adds actions with dependencies, dates as printed or ISO, and links', async () => {
      const { planId: draftId, priorityId } = await draftWithPriority();
      const indicatorIds = await someIndicators();
      const created = await po('POST', `/plans/${draftId}/actions`, action(priorityId, '1.1', { firstMilestone: '2026-04-15', indicatorIds }));
      const a11 = documented(created, 'createPlanAction');
      assert.equal(created.headers.location, `/api/v1/plans/${draftId}/actions/${a11.id}`);
      assert.deepEqual(
        [a11.firstMilestone, a11.firstMilestoneText, a11.continuesUntil, a11.continuesUntilText],
        ['2026-04-15', '15 April 2026', '2027-03-31', 'March 2027'],
      );
      assert.deepEqual([a11.status, a11.percentComplete, a11.updates, a11.dependsOn], ['not_started', null, [], []]);
      assert.equal(a11.links.length, indicatorIds.length);
      const _a12 = documented(await po('POST', `/plans/${draftId}/actions`, action(priorityId, '1.2', { dependsOn: ['1.1'] })), 'createPlanAction');
      const a13 = documented(
        await po('POST', `/plans/${draftId}/actions`, action(priorityId, '1.3', { dependsOn: ['1.2'], continuesUntil: 'Refreshed quarterly' })),
        'createPlanAction',
      );
      assert.deepEqual(
        [a13.recurrence, a13.recurrenceLabel, a13.nextReview, a13.continuesUntilText],
        ['quarterly', 'Refreshed quarterly', '2026-07-01', 'Refreshed quarterly'],
      );
      const dup = problemOf(await po('POST', `/plans/${draftId}/actions`, action(priorityId, '1.3')), 422);
      assert.equal(errorAt(dup, '/reference'), 'The plan already has an action 1.3');
      const plan = documented(await po('GET', `/plans/${draftId}`), 'getPlan');
      assert.deepEqual(
        plan.actions.map((a: { reference: string; dependsOn: string[]; neededBy: string[] }) => [a.reference, a.dependsOn, a.neededBy]),
        [
          ['1.1', [], ['1.2']],
          ['1.2', ['1.1'], ['1.3']],
          ['1.3', ['1.2'], []],
        ],
      );
    });

    it('refuses a dependency that would make a circle, with the message, changing nothing', async () => {
      const { planId: draftId, priorityId, actionIds } = await draftWithActions();
      const id = actionIds.get('1.1')!;
      const current = json(await po('GET', `/plans/${draftId}/actions/${id}`));
      const before = await stored();
      const cycle = problemOf(
        await po('PUT', `/plans/${draftId}/actions/${id}`, { ...action(priorityId, '1.1', { dependsOn: ['1.3'] }), version: current.version }),
        422,
      );
      const message = 'Action 1.1 cannot depend on 1.3: that would make a circle (1.1 → 1.3 → 1.2 → 1.1)';
      assert.equal(cycle.detail, message);
      assert.deepEqual(pointers(cycle), ['/dependsOn']);
      assert.equal(errorAt(cycle, '/dependsOn'), message);
      const itself = problemOf(
        await po('PUT', `/plans/${draftId}/actions/${id}`, { ...action(priorityId, '1.1', { dependsOn: ['1.1'] }), version: current.version }),
        422,
      );
      assert.equal(itself.detail, 'Action 1.1 cannot depend on 1.1: that would make a circle (1.1 → 1.1)');
      assert.deepEqual(await stored(), before);
      assert.deepEqual(json(await po('GET', `/plans/${draftId}/actions/${id}`)).dependsOn, []);
    });

    it('changes an action, refusing a stale version with 409 and saving nothing', async () => {
      const { planId: draftId, priorityId, actionIds } = await draftWithActions();
      const id = actionIds.get('1.2')!;
      const current = json(await po('GET', `/plans/${draftId}/actions/${id}`));
      const saved = documented(
        await po('PUT', `/plans/${draftId}/actions/${id}`, {
          ...action(priorityId, '1.2', { description: 'Walk the streets with residents' }),
          version: current.version,
        }),
        'updatePlanAction',
      );
      assert.equal(saved.description, 'Walk the streets with residents');
      assert.equal(saved.version, current.version + 1);
      assert.deepEqual(saved.dependsOn, [], 'dependsOn left out empties it');
      const before = await stored();
      problemOf(await po('PUT', `/plans/${draftId}/actions/${id}`, { ...action(priorityId, '1.2', { description: 'Stale' }), version: current.version }), 409);
      assert.equal(json(await po('GET', `/plans/${draftId}/actions/${id}`)).description, 'Walk the streets with residents');
      const versionless = problemOf(await po('PUT', `/plans/${draftId}/actions/${id}`, action(priorityId, '1.2')), 422);
      assert.deepEqual(pointers(versionless), ['/version']);
      problemOf(await po('PUT', `/plans/${draftId}/actions/${NOWHERE}`, { ...action(priorityId, '1.2'), version: 1 }), 404);
      assert.deepEqual(await stored(), before);
    });
  });

  describe('closing a plan', () => {
    it('closes a plan as at a date, refusing bad dates, then refuses changes until it is reopened', async () => {
      const { planId, priorityId, actionIds } = await draftWithActions();
      const today = todayInEngland();
      const before = await stored();
      const bad = problemOf(await po('POST', `/plans/${planId}/close`, { closedOn: '2026-02-30', closingNote: 'x'.repeat(1001) }), 422);
      assert.deepEqual(pointers(bad), ['/closedOn', '/closingNote']);
      const future = problemOf(await po('POST', `/plans/${planId}/close`, { closedOn: addMonths(today, 1) }), 422);
      assert.equal(errorAt(future, '/closedOn'), 'The date closed must be today or in the past');
      problemOf(await po('POST', `/plans/${NOWHERE}/close`, { closedOn: today }), 404);
      problemOf(await call('councillor', 'POST', `/plans/${planId}/close`, { closedOn: today }), 403);
      problemOf(await po('POST', `/plans/${planId}/reopen`), 422);
      assert.deepEqual(await stored(), before);

      const closed = documented(await po('POST', `/plans/${planId}/close`, { closedOn: today, closingNote: 'Superseded' }), 'closePlan');
      const detailOf = (problem: { detail?: string }) => problem.detail ?? '';
      assert.deepEqual([closed.stage, closed.closedOn, closed.closingNote, closed.assessedOn], ['closed', today, 'Superseded', today]);
      const again = problemOf(await po('POST', `/plans/${planId}/close`, { closedOn: today }), 422);
      assert.match(detailOf(again), /The plan was already closed on/);
      const a11 = actionIds.get('1.1')!;
      const frozen = problemOf(await po('POST', `/plans/${planId}/actions/${a11}/progress`, { updateOn: today, narrative: 'Late', status: 'on_track' }), 422);
      assert.match(detailOf(frozen), /The plan was closed on .*: reopen it before changing it/);
      problemOf(await po('POST', `/plans/${planId}/actions`, action(priorityId, '1.9')), 422);
      problemOf(await po('POST', `/plans/${planId}/priorities`, { number: 2, title: 'More' }), 422);

      const reopened = documented(await po('POST', `/plans/${planId}/reopen`), 'reopenPlan');
      assert.deepEqual([reopened.stage, reopened.closedOn, reopened.closingNote], ['live', null, '']);
      documented(
        await po('POST', `/plans/${planId}/actions/${a11}/progress`, { updateOn: today, narrative: 'Late', status: 'on_track' }),
        'recordPlanActionProgress',
      );
    });

    it('takes a period: an end before the start is refused, and a plan whose period ended is judged at its end', async () => {
      const wrong = problemOf(
        await po('POST', '/plans', { kind: 'delivery_plan', title: 'Backwards', bodyId, startsOn: '2020-05-31', endsOn: '2018-04-01' }),
        422,
      );
      assert.deepEqual(pointers(wrong), ['/endsOn']);
      const planId = created(await po('POST', '/plans', { kind: 'delivery_plan', title: 'Old plan', bodyId, startsOn: '2018-04-01', endsOn: '2020-05-31' }));
      const priorityId = created(await po('POST', `/plans/${planId}/priorities`, { number: 1, title: 'Safety' }));
      created(await po('POST', `/plans/${planId}/actions`, action(priorityId, '1.1', { firstMilestone: 'April 2018', continuesUntil: 'March 2019' })));
      const plan = documented(await po('GET', `/plans/${planId}`), 'getPlan');
      assert.deepEqual([plan.stage, plan.assessedOn, plan.startsOn, plan.endsOn], ['ended', '2020-05-31', '2018-04-01', '2020-05-31']);
      assert.deepEqual(
        [plan.actions[0].rag, plan.actions[0].overdue, plan.actions[0].ragReason],
        ['grey', false, 'Not assessed: no progress recorded before the plan ended'],
      );
      const overdue = json(await po('GET', '/plans/overdue'));
      assert.ok(!overdue.overdue.some((a: { plan: { id: string } }) => a.plan.id === planId));
      // A close before the plan started is refused.
      const early = problemOf(await po('POST', `/plans/${planId}/close`, { closedOn: '2017-01-01' }), 422);
      assert.equal(errorAt(early, '/closedOn'), 'The date closed must be on or after the start of the plan, 1 April 2018');
    });
  });

  describe('progress', () => {
    const today = todayInEngland();

    // The demo plan is closed: reopened, and without the end of its period, it runs again as it did in 2018.
    before(async () => {
      documented(await po('POST', `/plans/${deliveryPlanId}/reopen`), 'reopenPlan');
      await t.db.query(`update plans set ends_on = null where id = $1`, [deliveryPlanId]);
    });

    it('refuses a bad update, storing nothing', async () => {
      const a13 = actionOf(json(await po('GET', `/plans/${deliveryPlanId}`)), '1.3');
      const url = `/plans/${deliveryPlanId}/actions/${a13.id}/progress`;
      const before = await stored();
      const bad = problemOf(await po('POST', url, { updateOn: '2026-02-30', narrative: '', status: 'fine', percentComplete: 140 }), 422);
      assert.deepEqual(pointers(bad), ['/narrative', '/percentComplete', '/status', '/updateOn']);
      assert.equal(errorAt(bad, '/percentComplete'), 'Percent complete must be a whole number from 0 to 100');
      const reasonless = problemOf(await po('POST', url, { updateOn: today, narrative: 'Going well', status: 'on_track', ragOverride: 'amber' }), 422);
      assert.deepEqual(pointers(reasonless), ['/ragOverrideReason']);
      assert.equal(errorAt(reasonless, '/ragOverrideReason'), 'Give the reason for setting the RAG by hand');
      const future = problemOf(await po('POST', url, { updateOn: addMonths(today, 1), narrative: 'Going well', status: 'on_track' }), 422);
      assert.deepEqual(pointers(future), ['/updateOn']);
      assert.equal(future.detail, 'The date of the update must be today or in the past');
      problemOf(await po('POST', `/plans/${deliveryPlanId}/actions/${NOWHERE}/progress`, { updateOn: today, narrative: 'x', status: 'on_track' }), 404);
      assert.deepEqual(await stored(), before);
    });

    it("works out the RAG and status, moves a recurring action's next review on a recurrence, and takes a set RAG with its reason", async () => {
      const a13 = actionOf(json(await po('GET', `/plans/${deliveryPlanId}`)), '1.3');
      assert.deepEqual([a13.rag, a13.overdue, a13.status], ['red', true, 'not_started']);
      const url = `/plans/${deliveryPlanId}/actions/${a13.id}/progress`;
      const updated = documented(
        await po('POST', url, { updateOn: today, narrative: 'Options menu refreshed for this year', status: 'on_track' }),
        'recordPlanActionProgress',
      );
      assert.deepEqual(
        [updated.status, updated.rag, updated.ragReason, updated.overdue, updated.nextReview, updated.lastUpdateOn],
        ['on_track', 'green', 'Reported on track', false, addMonths(today, 12), today],
      );
      assert.equal(updated.updates.length, 1);
      assert.deepEqual(
        [updated.updates[0].narrative, updated.updates[0].rag, updated.updates[0].nextReview],
        ['Options menu refreshed for this year', 'green', addMonths(today, 12)],
      );
      assert.match(updated.updates[0].author, /partnership\.officer@example\.org/);
      assert.equal(updated.version, a13.version + 1);
      const overdue = json(await po('GET', '/plans/overdue'));
      assert.ok(!overdue.overdue.some((a: { id: string }) => a.id === a13.id));

      const amber = documented(
        await po('POST', url, {
          updateOn: today,
          narrative: 'Partners slow to respond',
          status: 'on_track',
          ragOverride: 'amber',
          ragOverrideReason: 'Two districts have not replied',
        }),
        'recordPlanActionProgress',
      );
      assert.deepEqual(
        [amber.rag, amber.derivedRag, amber.ragReason, amber.ragOverride, amber.ragOverrideReason],
        ['amber', 'green', 'Set by hand', 'amber', 'Two districts have not replied'],
      );
      assert.deepEqual(amber.updates.map((u: { narrative: string }) => u.narrative).sort(), [
        'Options menu refreshed for this year',
        'Partners slow to respond',
      ]);
      // The public see the updates, not who recorded them.
      const seen = documented(await anon(`/plans/${deliveryPlanId}/actions/${a13.id}`), 'getPlanAction');
      assert.equal(seen.updates.length, 2);
      assert.ok(seen.updates.every((u: { author: string | null }) => u.author === null));
      // The progress moved the action's version on: a change made with the version read before is stale.
      const before = await stored();
      problemOf(
        await po('PUT', `/plans/${deliveryPlanId}/actions/${a13.id}`, {
          priorityId: a13.priorityId,
          reference: '1.3',
          description: a13.description,
          firstMilestone: a13.firstMilestoneText,
          continuesUntil: a13.continuesUntilText,
          version: a13.version,
        }),
        409,
      );
      assert.deepEqual(await stored(), before);
    });

    it('completes an overdue action: green, 100% and off the overdue list', async () => {
      const a23 = actionOf(json(await po('GET', `/plans/${deliveryPlanId}`)), '2.3');
      assert.deepEqual([a23.rag, a23.overdue], ['red', true]);
      const listed = json(await po('GET', '/plans/overdue')).overdue.find((a: { id: string }) => a.id === a23.id);
      assert.deepEqual([listed.continuesUntil, listed.rag], ['2020-05-31', 'red']);
      const done = documented(
        await po('POST', `/plans/${deliveryPlanId}/actions/${a23.id}/progress`, { updateOn: today, narrative: 'Delivered', status: 'completed' }),
        'recordPlanActionProgress',
      );
      assert.deepEqual([done.status, done.percentComplete, done.rag, done.overdue, done.completedOn], ['completed', 100, 'green', false, today]);
      const half = problemOf(
        await po('POST', `/plans/${deliveryPlanId}/actions/${a23.id}/progress`, {
          updateOn: today,
          narrative: 'x',
          status: 'completed',
          percentComplete: '50',
        }),
        422,
      );
      assert.deepEqual(pointers(half), ['/percentComplete']);
    });
  });

  describe('work programme tasks', () => {
    it('scores a task: the matrix gives its level, an override needs a reason, a stale version is refused', async () => {
      const plan = json(await po('GET', `/plans/${programmeId}`));
      const task = plan.tasks.find((x: { number: number }) => x.number === 4);
      assert.deepEqual([task.score, task.level, task.overridden], [null, 3, true]);
      const url = `/plans/${programmeId}/tasks/${task.id}/score`;
      const before = await stored();
      const off = problemOf(await po('PUT', url, { likelihood: 6, impact: 2, version: task.version }), 422);
      assert.deepEqual(pointers(off), ['/likelihood']);
      assert.equal(errorAt(off, '/likelihood'), 'Select the likelihood from the list');
      const reasonless = problemOf(await po('PUT', url, { likelihood: 4, impact: 4, levelOverride: 3, version: task.version }), 422);
      assert.deepEqual(pointers(reasonless), ['/levelOverrideReason']);
      assert.equal(reasonless.detail, 'Give the reason for level 3 when the matrix gives level 1');
      const words = problemOf(await po('PUT', url, { likelihood: 'likely', impact: 4, version: task.version }), 422);
      assert.deepEqual(pointers(words), ['/likelihood']);
      assert.deepEqual(await stored(), before);

      // 4 × 4 = 16: level 1 on the default matrix. The demo's agreed level 3 was an override; scoring clears it.
      const scored = documented(await po('PUT', url, { likelihood: 4, impact: '4', version: task.version }), 'scoreProgrammeTask');
      assert.deepEqual(
        [scored.likelihood, scored.impact, scored.score, scored.scoredLevel, scored.level, scored.levelOverride, scored.overridden],
        [4, 4, 16, 1, 1, null, false],
      );
      assert.equal(scored.version, task.version + 1);
      problemOf(await po('PUT', url, { likelihood: 2, impact: 2, version: task.version }), 409);
      const after = documented(await po('GET', `/plans/${programmeId}`), 'getPlan');
      assert.deepEqual(after.programme.levels, [
        { level: 1, count: 11 },
        { level: 2, count: 3 },
        { level: 3, count: 4 },
      ]);
      assert.ok(after.programme.shortlist.includes(4));
      // Likely (4) is the second row from the top; Major (4) the fourth cell.
      assert.deepEqual(after.programme.heatMap[1][3], { likelihood: 4, impact: 4, score: 16, level: 1, tasks: [4] });

      const overridden = documented(
        await po('PUT', url, { likelihood: 4, impact: 4, levelOverride: 2, levelOverrideReason: 'Waits for the LAA refresh', version: scored.version }),
        'scoreProgrammeTask',
      );
      assert.deepEqual(
        [overridden.scoredLevel, overridden.level, overridden.overridden, overridden.levelOverrideReason],
        [1, 2, true, 'Waits for the LAA refresh'],
      );
    });

    it('adds and changes tasks, refusing a circle of dependencies', async () => {
      const plan = json(await po('GET', `/plans/${programmeId}`));
      const before = await stored();
      const bad = problemOf(await po('POST', `/plans/${programmeId}/tasks`, { number: 0, title: '' }), 422);
      assert.deepEqual(pointers(bad), ['/number', '/title']);
      const taken = problemOf(await po('POST', `/plans/${programmeId}/tasks`, { number: 4, title: 'Again' }), 422);
      assert.equal(errorAt(taken, '/number'), 'The programme already has a task 4');
      const unknown = problemOf(await po('POST', `/plans/${programmeId}/tasks`, { number: 19, title: 'New', dependsOn: [40] }), 422);
      assert.equal(errorAt(unknown, '/dependsOn'), 'The programme has no task 40');
      problemOf(await po('POST', `/plans/${deliveryPlanId}/tasks`, { number: 1, title: 'Not here' }), 404);
      const t11 = plan.tasks.find((x: { number: number }) => x.number === 11);
      const cycle = problemOf(
        await po('PUT', `/plans/${programmeId}/tasks/${t11.id}`, {
          number: 11,
          title: t11.title,
          comments: t11.comments,
          dependsOn: [10],
          version: t11.version,
        }),
        422,
      );
      assert.equal(cycle.detail, 'Task 11 cannot depend on 10: that would make a circle (11 → 10 → 11)');
      assert.deepEqual(pointers(cycle), ['/dependsOn']);
      assert.deepEqual(await stored(), before);

      const added = documented(
        await po('POST', `/plans/${programmeId}/tasks`, { number: '19', title: 'Review the programme', dependsOn: [18, '17'] }),
        'createProgrammeTask',
      );
      assert.deepEqual([added.number, added.dependsOn, added.score, added.level], [19, [17, 18], null, null]);
      const changed = documented(
        await po('PUT', `/plans/${programmeId}/tasks/${added.id}`, {
          number: 19,
          title: 'Review the programme yearly',
          incorporates: [1],
          version: added.version,
        }),
        'updateProgrammeTask',
      );
      assert.deepEqual([changed.title, changed.dependsOn, changed.incorporates], ['Review the programme yearly', [], [1]]);
      problemOf(await po('PUT', `/plans/${programmeId}/tasks/${added.id}`, { number: 19, title: 'Stale', version: added.version }), 409);
      problemOf(await po('PUT', `/plans/${programmeId}/tasks/${NOWHERE}`, { number: 20, title: 'Nowhere', version: 1 }), 404);
    });
  });

  describe('publication', () => {
    it('refuses to publish a delivery plan without actions, then publishes and withdraws one', async () => {
      const { planId: draftId, actionIds } = await draftWithActions();
      const empty = documented(await po('POST', '/plans', { kind: 'delivery_plan', title: 'Empty plan', bodyId }), 'createPlan');
      const refused = problemOf(await po('POST', `/plans/${empty.id}/publish`), 422);
      assert.equal(refused.detail, 'Add at least one action before publishing the plan');
      assert.deepEqual(pointers(refused), []);
      problemOf(await call('performance_officer', 'POST', `/plans/${draftId}/publish`), 403);

      const published = documented(await po('POST', `/plans/${draftId}/publish`), 'publishPlan');
      assert.equal(published.publicationState, 'published');
      const seen = documented(await anon(`/plans/${draftId}`), 'getPlan');
      assert.equal(seen.actions.length, 3);
      assert.ok(documented(await anon('/plans'), 'listPlans').data.some((p: { id: string }) => p.id === draftId));
      // The public see the action's links to published records only.
      const id = actionIds.get('1.1')!;
      const staffLinks = json(await po('GET', `/plans/${draftId}/actions/${id}`)).links;
      const publicLinks = documented(await anon(`/plans/${draftId}/actions/${id}`), 'getPlanAction').links;
      assert.deepEqual(
        publicLinks,
        staffLinks.filter((l: { published: boolean }) => l.published),
      );
      assert.equal(publicLinks.length, 1);

      const withdrawn = documented(await po('POST', `/plans/${draftId}/withdraw`), 'withdrawPlan');
      assert.equal(withdrawn.publicationState, 'draft');
      problemOf(await anon(`/plans/${draftId}`), 404);
      problemOf(await anon(`/plans/${draftId}/actions/${id}`), 404);
      problemOf(await po('POST', `/plans/${NOWHERE}/publish`), 404);
    });
  });

  describe('who may write', () => {
    it('refuses a councillor (403) and an anonymous caller (401) every write, storing nothing', async () => {
      const { planId: draftId, priorityId, actionIds } = await draftWithActions();
      const before = await stored();
      const a11 = actionIds.get('1.1')!;
      const task = json(await po('GET', `/plans/${programmeId}`)).tasks[0];
      const writes: [Method, string, unknown][] = [
        ['POST', '/plans', { kind: 'delivery_plan', title: 'Nope', bodyId }],
        ['PUT', `/plans/${draftId}`, { kind: 'delivery_plan', title: 'Nope', bodyId, version: 1 }],
        ['POST', `/plans/${draftId}/publish`, undefined],
        ['POST', `/plans/${draftId}/withdraw`, undefined],
        ['POST', `/plans/${draftId}/close`, { closedOn: todayInEngland() }],
        ['POST', `/plans/${draftId}/reopen`, undefined],
        ['POST', `/plans/${draftId}/priorities`, { number: 3, title: 'Nope' }],
        ['PUT', `/plans/${draftId}/priorities/${priorityId}`, { number: 1, title: 'Nope', version: 1 }],
        ['POST', `/plans/${draftId}/actions`, { priorityId, reference: '1.9', description: 'Nope' }],
        ['PUT', `/plans/${draftId}/actions/${a11}`, { priorityId, reference: '1.1', description: 'Nope', version: 1 }],
        ['POST', `/plans/${draftId}/actions/${a11}/progress`, { updateOn: todayInEngland(), narrative: 'Nope', status: 'on_track' }],
        ['POST', `/plans/${programmeId}/tasks`, { number: 30, title: 'Nope' }],
        ['PUT', `/plans/${programmeId}/tasks/${task.id}`, { number: task.number, title: 'Nope', version: task.version }],
        ['PUT', `/plans/${programmeId}/tasks/${task.id}/score`, { likelihood: 1, impact: 1, version: task.version }],
      ];
      for (const [method, url, payload] of writes) {
        problemOf(await call('councillor', method, url, payload), 403);
        problemOf(await call(null, method, url, payload), 401);
      }
      assert.deepEqual(await stored(), before);
    });

    it('lets a performance officer record progress (action.edit) and edit plans, but not publish them', async () => {
      const { planId: draftId, actionIds } = await draftWithActions();
      const a12 = actionIds.get('1.2')!;
      documented(
        await call('performance_officer', 'POST', `/plans/${draftId}/actions/${a12}/progress`, {
          updateOn: todayInEngland(),
          narrative: 'Started',
          status: 'on_track',
          percentComplete: 5,
        }),
        'recordPlanActionProgress',
      );
      documented(await call('performance_officer', 'POST', `/plans/${draftId}/priorities`, { number: 3, title: 'Skills' }), 'createPlanPriority');
      problemOf(await call('performance_officer', 'POST', `/plans/${draftId}/withdraw`), 403);
    });
  });
});

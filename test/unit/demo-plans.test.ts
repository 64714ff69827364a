// The demo plans (seed 004's Communities and Partnerships Committee Delivery Plan and its Appendix 8
// P&C portfolio; seed 003's Communities of Cheshire Partnership work programme 2007/08) must be what
// the seeds print: every action with its printed dates and routes, dependencies that resolve and do not
// loop, the tasks' agreed levels, and the portfolio RAGs. See demo/plans-notes.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { actionDates, type DemoDeliveryPlan, type DemoPlans, type DemoWorkProgramme } from '../../src/demo/plans-demo.ts';
import { assessAction, compareReferences, dependencyCycle, nextReviewDate, planStage, routeReferences } from '../../src/plans/rules.ts';

const demoDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../demo');
const readJson = <T>(file: string) => JSON.parse(readFileSync(path.join(demoDir, file), 'utf8')) as T;

interface Register {
  partnerships: { key: string }[];
  organisations: { key: string }[];
  people: { key: string }[];
}
interface DemoMeetings {
  people: { key: string }[];
  bodies: { key: string }[];
  meetings: { bodyKey: string; date: string; kind: string }[];
}
interface DemoMinutes {
  meetings: { bodyKey: string; date: string; minutes: { number: number; resolutions: { text: string }[] }[] }[];
}

const data = readJson<DemoPlans>('plans.json');
const register = readJson<Register>('register.json');
const meetings = readJson<DemoMeetings>('meetings.json');
const minutes = readJson<DemoMinutes>('minutes.json');

const partnershipKeys = new Set(register.partnerships.map((p) => p.key));
const bodyKeys = new Set(meetings.bodies.map((b) => b.key));
const personKeys = new Set([...register.people, ...meetings.people].map((p) => p.key));

const deliveryPlans = data.plans.filter((p): p is DemoDeliveryPlan => p.kind === 'delivery_plan');
const workProgrammes = data.plans.filter((p): p is DemoWorkProgramme => p.kind === 'work_programme');
assert.equal(deliveryPlans.length, 1);
assert.equal(workProgrammes.length, 1);
const plan = deliveryPlans[0]!;
const programme = workProgrammes[0]!;
const actions = plan.priorities.flatMap((p) => p.actions);
const action = (reference: string) => {
  const found = actions.find((a) => a.reference === reference);
  assert.ok(found, `action ${reference} is missing`);
  return found;
};

/** Every string anywhere in a value, with the path to it. */
function* strings(value: unknown, at = '$'): Generator<[string, string]> {
  if (typeof value === 'string') yield [at, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, `${at}[${i}]`);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* strings(v, `${at}.${k}`);
}

test('keys are unique and every owner, person and body key resolves', () => {
  const keys = [...data.plans.map((p) => p.key), ...data.portfolio.map((i) => i.key)];
  assert.equal(new Set(keys).size, keys.length);
  for (const key of keys) assert.match(key, /^[a-z0-9]+(-[a-z0-9]+)*$/, key);
  for (const p of data.plans) {
    assert.ok(p.partnershipKey !== null || p.bodyKey !== null, `${p.key} has no owner`);
    if (p.bodyKey) assert.ok(bodyKeys.has(p.bodyKey), `${p.key}: body ${p.bodyKey}`);
    if (p.partnershipKey) assert.ok(partnershipKeys.has(p.partnershipKey), `${p.key}: partnership ${p.partnershipKey}`);
  }
  for (const a of actions) if (a.leadOfficerKey) assert.ok(personKeys.has(a.leadOfficerKey), `${a.reference}: ${a.leadOfficerKey}`);
  for (const i of data.portfolio) {
    if (i.bodyKey) assert.ok(bodyKeys.has(i.bodyKey), `${i.key}: body ${i.bodyKey}`);
    if (i.partnershipKey) assert.ok(partnershipKeys.has(i.partnershipKey), `${i.key}: partnership ${i.partnershipKey}`);
  }
  for (const [at, s] of strings(data)) assert.doesNotMatch(s, /<\/?[a-z][^>]*>/i, `HTML left in ${at}`);
});

test('the delivery plan: the committee, published, 2018–2020, four priorities with their outcomes', () => {
  assert.equal(plan.title, 'Communities and Partnerships Committee Delivery Plan');
  assert.equal(plan.periodLabel, '2018–2020');
  assert.equal(plan.bodyKey, 'communities-and-partnership-committee');
  assert.equal(plan.publicationState, 'published');
  assert.deepEqual(
    plan.priorities.map((p) => [p.number, p.title]),
    [
      [1, 'Community Resilience'],
      [2, 'Tackling Deprivation'],
      [3, 'Economy and Skills'],
      [4, 'Partnership Working'],
    ],
  );
  assert.deepEqual(
    plan.priorities.map((p) => p.outcomes.length),
    [5, 4, 4, 4],
  );
  assert.equal(
    plan.priorities[3]!.outcomes[0],
    'Powerful, meaningful and relevant partnerships, both for agreeing strategy and policy and for delivering services in new and innovative ways.',
  );
  for (const p of plan.priorities) for (const o of p.outcomes) assert.doesNotMatch(o, /^[-·•]|·/, `priority ${p.number}: ${o}`);
});

test('the plan was endorsed by resolution a) of minute 53 on 17 April 2018, which the demo minutes hold', () => {
  const e = plan.endorsement;
  assert.ok(e);
  assert.deepEqual([e.bodyKey, e.meetingDate, e.minuteNumber, e.resolutionPosition], ['communities-and-partnership-committee', '2018-04-17', 53, 1]);
  const meeting = minutes.meetings.find((m) => m.bodyKey === e.bodyKey && m.date === e.meetingDate);
  const minute = meeting?.minutes.find((m) => m.number === e.minuteNumber);
  assert.ok(minute, 'minute 53 is not in the demo minutes');
  assert.ok(minute.resolutions[e.resolutionPosition - 1]!.text.startsWith(e.resolutionStartsWith));
  assert.ok(meetings.meetings.some((m) => m.bodyKey === e.bodyKey && m.date === e.meetingDate && m.kind === 'formal'));
});

test('actions per priority as printed: 18, 7, 11 and 7, numbered in order', () => {
  assert.deepEqual(
    plan.priorities.map((p) => p.actions.length),
    [18, 7, 11, 7],
  );
  for (const p of plan.priorities) {
    assert.deepEqual(
      p.actions.map((a) => a.reference),
      p.actions.map((_, k) => `${p.number}.${k + 1}`),
    );
  }
  assert.equal(new Set(actions.map((a) => a.reference)).size, 43);
  assert.deepEqual(
    [...actions.map((a) => a.reference)].sort(compareReferences),
    actions.map((a) => a.reference),
  );
  for (const a of actions) {
    for (const field of ['description', 'leadOfficer', 'firstMilestone', 'continuesUntil', 'resources', 'outputs', 'decisionRoute'] as const) {
      assert.ok(a[field].trim().length > 0, `${a.reference}: ${field} is empty`);
      assert.equal(a[field], a[field].trim(), `${a.reference}: ${field} has stray spaces`);
    }
  }
  // Eight actions print no key risks.
  assert.deepEqual(
    actions.filter((a) => a.keyRisks === '').map((a) => a.reference),
    ['1.3', '1.5', '1.7', '2.2', '2.5', '3.7', '3.10', '4.7'],
  );
});

test('cells keep the printed text, list items run together without invented separators', () => {
  assert.equal(action('1.1').resources, 'Communications Transformation Team (Citizen Participation) Strengthening Communities');
  assert.equal(action('1.1').leadOfficer, 'Sarah Ferguson');
  assert.equal(action('1.1').leadOfficerKey, 'sarah-ferguson');
  assert.equal(action('1.10').decisionRoute, 'Via action 1.4 In close co-operation with Service Committees');
  assert.equal(action('2.2').resources, 'N/A');
  assert.equal(action('4.6').outputs, 'Further Devo dels submitted');
  assert.equal(action('1.16').leadOfficer, 'Julia Cullum');
  assert.equal(action('1.16').leadOfficerKey, null);
});

test('dates: a month starts on its first day, "continues until" a month runs to its last', () => {
  assert.deepEqual(actionDates(action('1.1')), {
    firstMilestone: '2018-04-01',
    firstMilestoneNote: '',
    continuesUntil: '2020-05-31',
    recurrence: null,
    recurrenceLabel: '',
    nextReview: null,
  });
  assert.equal(action('1.6').firstMilestone, 'May-18');
  assert.equal(actionDates(action('1.6')).firstMilestone, '2018-05-01');
  assert.equal(actionDates(action('1.15')).continuesUntil, '2019-03-31');
  assert.equal(actionDates(action('3.8')).continuesUntil, '2018-08-31');
  assert.equal(actionDates(action('3.6')).continuesUntil, '2019-04-30');
  // Every action reads: a first milestone or a note, and an end or a recurrence, never both.
  for (const a of actions) {
    const d = actionDates(a);
    assert.ok((d.firstMilestone === null) !== (d.firstMilestoneNote === ''), a.reference);
    assert.ok((d.continuesUntil === null) !== (d.recurrence === null), a.reference);
    if (d.firstMilestone && d.continuesUntil) assert.ok(d.firstMilestone < d.continuesUntil, a.reference);
  }
});

test('1.18 prints "Reviewed yearly" as its first milestone', () => {
  const d = actionDates(action('1.18'));
  assert.equal(d.firstMilestone, null);
  assert.equal(d.firstMilestoneNote, 'Reviewed yearly');
  assert.equal(d.continuesUntil, '2020-05-31');
  assert.equal(d.recurrence, null);
  assert.equal(d.nextReview, null);
});

test('recurrences: annually, biannually (six-monthly) and quarterly, next review one recurrence after the first milestone', () => {
  const d13 = actionDates(action('1.3'));
  assert.equal(action('1.3').continuesUntil, 'Refreshed annually');
  assert.deepEqual([d13.recurrence, d13.recurrenceLabel, d13.continuesUntil, d13.nextReview], ['annual', 'Refreshed annually', null, '2019-06-01']);
  const d41 = actionDates(action('4.1'));
  assert.equal(action('4.1').continuesUntil, 'Reviewed biannually');
  assert.deepEqual([d41.recurrence, d41.nextReview], ['six_monthly', '2019-03-01']);
  assert.deepEqual([actionDates(action('1.11')).recurrence, actionDates(action('1.11')).nextReview], ['quarterly', '2018-12-01']);
  assert.deepEqual([actionDates(action('1.6')).recurrence, actionDates(action('1.6')).nextReview], ['annual', '2019-05-01']);
  const recurring = Object.fromEntries(actions.filter((a) => actionDates(a).recurrence).map((a) => [a.reference, actionDates(a).recurrence]));
  assert.deepEqual(recurring, {
    '1.3': 'annual',
    '1.4': 'annual',
    '1.5': 'annual',
    '1.6': 'annual',
    '1.11': 'quarterly',
    '2.1': 'six_monthly',
    '2.2': 'six_monthly',
    '2.4': 'annual',
    '2.5': 'quarterly',
    '3.11': 'annual',
    '4.1': 'six_monthly',
    '4.4': 'annual',
    '4.5': 'annual',
  });
});

test('every "Via action" reference resolves to an action in the plan, and the dependencies make no cycle', () => {
  const references = new Set(actions.map((a) => a.reference));
  const edges: [string, string][] = [];
  for (const a of actions) {
    for (const on of routeReferences(a.decisionRoute)) {
      assert.ok(references.has(on), `${a.reference} goes via unknown action ${on}`);
      assert.equal(dependencyCycle(edges, a.reference, on), null, `${a.reference} → ${on} closes a cycle`);
      edges.push([a.reference, on]);
    }
    // Nothing that looks like a reference escapes routeReferences.
    if (/via action/i.test(a.decisionRoute)) assert.ok(routeReferences(a.decisionRoute).length > 0, a.reference);
  }
  assert.equal(edges.length, 19);
  const byTarget = (on: string) => edges.filter(([, to]) => to === on).map(([from]) => from);
  assert.deepEqual(byTarget('1.4'), ['1.1', '1.2', '1.3', '1.8', '1.9', '1.10', '1.11', '1.12', '1.13', '1.14', '4.3', '4.7']);
  assert.deepEqual(byTarget('2.6'), ['2.2', '2.3', '2.4', '2.5']);
  assert.deepEqual(byTarget('3.6'), ['3.9']);
  assert.deepEqual(byTarget('4.1'), ['4.4', '4.5']);
});

test('the work programme: 18 tasks with the levels of the 17 May 2007 risk assessment, no scores', () => {
  assert.equal(programme.title, 'Improving Partnership Working in Cheshire – Work Programme 2007/08');
  assert.equal(programme.periodLabel, '2007/08');
  assert.equal(programme.leadOrganisationKey, null);
  assert.ok(programme.introduction.startsWith('In December 2006, the Partnership received a report'));
  assert.deepEqual(
    programme.tasks.map((t) => t.number),
    Array.from({ length: 18 }, (_, k) => k + 1),
  );
  assert.deepEqual(
    programme.tasks.map((t) => t.levelOverride),
    [3, 1, 1, 3, 1, 3, 1, 1, 1, 1, 1, 1, 2, 3, 2, 2, 1, 3],
  );
  for (const t of programme.tasks) {
    assert.equal(t.likelihood, null);
    assert.equal(t.impact, null);
    assert.doesNotMatch(t.title, /^\d|\(Audit Commission\)/, `task ${t.number}`);
    assert.ok(t.comments.trim().length > 0, `task ${t.number}`);
  }
  assert.match(programme.levelOverrideReason, /17 May 2007/);
  // The level 1 tasks behind the paper's shortlist of six (2 with 3, 8, 9, 11 with 10, 12, 17; 5 and 7 are already in hand).
  assert.deepEqual(
    programme.tasks.filter((t) => t.levelOverride === 1).map((t) => t.number),
    [2, 3, 5, 7, 8, 9, 10, 11, 12, 17],
  );
  assert.deepEqual(
    programme.tasks.filter((t) => t.source === 'Audit Commission recommendation').map((t) => t.number),
    [7, 9, 10, 11, 13, 15, 17, 18],
  );
  for (const t of programme.tasks) assert.ok(['', 'Audit Commission recommendation'].includes(t.source));
  // Task 11's comment continues over the page break.
  assert.equal(
    programme.tasks[10]!.comments,
    'High priority but needs to be measured against achievement of LAA outcomes. Could also be influenced by ' +
      'the LGR announcement expected at the end of July. CCP agreed at April meeting to defer review until the autumn. Suggested that project / ' +
      'programme plan incorporates 10 above.',
  );
});

test('the work programme dependencies are the ones its comments state, once each and without a cycle', () => {
  assert.deepEqual(
    programme.taskDependencies.map((d) => [d.task, d.kind, d.other]),
    [
      [10, 'depends_on', 11],
      [2, 'incorporates', 3],
      [11, 'incorporates', 10],
      [13, 'depends_on', 11],
    ],
  );
  for (const d of programme.taskDependencies) {
    assert.ok(programme.tasks[d.task - 1]!.comments.includes(d.printed), `task ${d.task}: "${d.printed}" is not in its comments`);
  }
  const edges: [string, string][] = [];
  for (const d of programme.taskDependencies.filter((x) => x.kind === 'depends_on')) {
    assert.equal(dependencyCycle(edges, String(d.task), String(d.other)), null);
    edges.push([String(d.task), String(d.other)]);
  }
});

test('the work programme belongs to the Communities of Cheshire Partnership, with no lead partner and no endorsement yet', () => {
  assert.equal(programme.partnershipKey, 'communities-of-cheshire-partnership');
  assert.ok(partnershipKeys.has(programme.partnershipKey));
  assert.equal(programme.bodyKey, null);
  assert.equal(programme.endorsement, null);
  assert.equal(programme.publicationState, 'published');
});

test('Appendix 8: six programmes and projects at the end of March 2018, RAG as printed (5 green, 1 amber)', () => {
  assert.deepEqual(
    data.portfolio.map((i) => [i.title, i.leadDirector, i.kind, i.assessments.map((a) => a.rag)]),
    [
      ['Building Community Resilience Programme', 'Sarah Ferguson / Elaine Matthews', 'programme', ['green']],
      ["Children's Centres", 'Helen Freeman / Sarah-Jane Smedmor', 'project', ['green']],
      ['Change for Children', 'Sarah-Jane Smedmor / James Gemmell', 'project', ['green']],
      ['0-19 Commissioning', 'Janet Dullaghan', 'project', ['green']],
      ['Mosaic', 'Sue Grace / Joanne Hopkins', 'project', ['green']],
      ['Accelerating Achievement', 'Jon Lewis', 'project', ['amber']],
    ],
  );
  for (const i of data.portfolio) {
    assert.equal(i.bodyKey, 'communities-and-partnership-committee');
    assert.equal(i.publicationState, 'published');
    assert.equal(i.assessments.length, 1);
    const [a] = i.assessments;
    assert.equal(a!.asAt, '2018-03-31');
    assert.equal(a!.rag, a!.printedRag.toLowerCase());
    // The description is the first paragraph of the key issues.
    assert.ok(a!.keyIssues.startsWith(i.description), i.key);
    assert.equal(i.description.split('\n\n')[0], i.description, i.key);
  }
  const change = data.portfolio.find((i) => i.title === 'Change for Children')!.assessments[0]!.keyIssues;
  assert.equal(change.split('\n').filter((line) => line.startsWith('• ')).length, 8);
  assert.equal(data.portfolio[0]!.assessments[0]!.keyIssues.split('\n\n').length, 3);
});

test('the progress heard on 31 May 2018 is on actions of the plan, quoted from the report', () => {
  const plan = deliveryPlans[0]!;
  const refs = new Set(plan.priorities.flatMap((p) => p.actions.map((a) => a.reference)));
  assert.deepEqual(
    (plan.progress ?? []).map((u) => u.reference),
    ['1.2', '1.4', '1.13', '3.1'],
  );
  for (const u of plan.progress ?? []) {
    assert.ok(refs.has(u.reference), u.reference);
    assert.equal(u.date, '2018-05-31');
    assert.match(u.source, /^Cambridgeshire County Council, .*report to the Communities and Partnership Committee, 31 May 2018, paragraph/);
  }
});

test('the delivery plan covers April 2018 to May 2020 and is closed, so read on 6 December 2026 nothing is red or overdue', () => {
  const plan = deliveryPlans[0]!;
  assert.deepEqual([plan.startsOn, plan.endsOn, plan.closedOn], ['2018-04-01', '2020-05-31', '2020-06-30']);
  assert.deepEqual(planStage(plan, '2026-12-06'), { stage: 'closed', asAt: '2020-06-30' });
  const actions = plan.priorities.flatMap((p) => p.actions);
  // The last action runs to the end of the period; the close comes after it and after the last progress report.
  assert.equal(
    actions
      .map((a) => actionDates(a).continuesUntil ?? '')
      .sort()
      .at(-1),
    plan.endsOn,
  );
  assert.ok((plan.progress ?? []).every((u) => u.date <= plan.closedOn!));
  const reported = new Map((plan.progress ?? []).map((u) => [u.reference, u]));
  const judged = actions.map((a) => {
    const d = actionDates(a);
    const u = reported.get(a.reference);
    const progress = {
      status: u ? u.status : ('not_started' as const),
      percentComplete: null,
      ...d,
      nextReview: u && d.recurrence ? nextReviewDate(u.date, d.recurrence) : d.nextReview,
      ragOverride: null,
      lastUpdateOn: u?.date ?? null,
    };
    return assessAction(progress, plan, '2026-12-06');
  });
  assert.equal(judged.length, 43);
  assert.ok(judged.every((j) => j.rag === 'grey' && !j.overdue && !j.milestoneOverdue));
});

test('the work programme covers the financial year 2007/08 and is left for staff to close', () => {
  const programme = workProgrammes[0]!;
  assert.deepEqual([programme.startsOn, programme.endsOn, programme.closedOn], ['2007-04-01', '2008-03-31', null]);
  assert.deepEqual(planStage(programme, '2026-12-06'), { stage: 'ended', asAt: '2008-03-31' });
});

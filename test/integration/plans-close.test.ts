// Plans judged against their period (issue 18, item 6), through the pages: seed 004's 2018–2020 plan is
// closed in the demo data, so read today it shows its final position as at its close, with nothing red or
// overdue, to staff and public alike; staff are asked to close a plan whose period ended (seed 003's
// 2007/08 programme); closing needs a date and a confirmation (every problem at once, nothing changed),
// is audited, freezes the plan's actions and progress, and can be undone by reopening.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { anonymousAgent, buildTestApp, signIn, type Agent, type TestApp } from '../helper.ts';
import { errorSummaryOf, mainTextOf, okPage, redirectedTo, textOf } from '../pages.ts';
import { sendPlanReminders } from '../../src/plans/plan-actions.service.ts';
import { todayInEngland } from '../../src/calendar/today.ts';
import { addMonths } from '../../src/plans/rules.ts';

describe('plans judged against their period, and closing a plan', () => {
  let t: TestApp;
  let officer: Agent;
  let councillor: Agent;
  let visitor: Agent;
  let deliveryPlanId = '';
  let programmeId = '';
  const today = todayInEngland();

  before(async () => {
    t = await buildTestApp();
    officer = await signIn(t.app, 'partnership_officer');
    councillor = await signIn(t.app, 'councillor');
    visitor = anonymousAgent(t.app);
    const planOf = async (kind: string) =>
      (await t.db.query<{ id: string }>(`select id from plans where kind = $1 and tenant_id = $2`, [kind, t.tenantId]))[0]!.id;
    deliveryPlanId = await planOf('delivery_plan');
    programmeId = await planOf('work_programme');
  });
  after(async () => t?.close());

  const refused = (res: LightMyRequestResponse, ...messages: RegExp[]) => {
    assert.equal(res.statusCode, 400, res.body.slice(0, 300));
    for (const m of messages) assert.match(errorSummaryOf(res.body), m);
  };
  const dateFields = (field: string, iso: string) => ({
    [`${field}-day`]: iso.slice(8, 10),
    [`${field}-month`]: iso.slice(5, 7),
    [`${field}-year`]: iso.slice(0, 4),
  });

  it('shows the demo plan of 2018–2020 closed, with its final position and nothing red or overdue, to staff and public', async () => {
    for (const [agent, url] of [
      [officer, `/plans/${deliveryPlanId}`],
      [visitor, `/delivery-plans/${deliveryPlanId}`],
    ] as const) {
      // The main content: the section navigation's "Overdue actions" link is not the plan saying so.
      const text = mainTextOf(await okPage(agent, url));
      assert.match(text, /2018–2020: 1 April 2018 to 31 May 2020/);
      assert.match(text, /Closed on Tuesday 30 June 2020\. The position shown is the plan's final position, as at that date\./);
      assert.match(text, /Final position as at Tuesday 30 June 2020: 43 actions: 0 green, 0 amber, 0 red, 43 not assessed\./);
      assert.doesNotMatch(text, /Overdue|Late to start| Red /);
    }
    const [a] = await t.db.query<{ id: string }>(`select id from plan_actions where plan_id = $1 and reference = '1.2'`, [deliveryPlanId]);
    const action = textOf(await okPage(visitor, `/delivery-plans/${deliveryPlanId}/actions/${a!.id}`));
    assert.match(action, /Not assessed On track\. Not assessed: last reported on 31 May 2018, before it was due\./);
    assert.match(action, /The plan was closed on Tuesday 30 June 2020: this is the action's final position, as at that date\./);
    assert.doesNotMatch(textOf(await okPage(officer, `/plans/${deliveryPlanId}/actions/${a!.id}`)), /Record progress/);
    // Not on the overdue list, and nobody is reminded.
    const overdue = textOf(await okPage(officer, '/plans/overdue'));
    assert.match(overdue, /Overdue actions \(0\)/);
    assert.doesNotMatch(overdue, /Communities and Partnerships Committee Delivery Plan/);
    await t.db.query(
      `update plan_actions set lead_person_id = (select id from people where email is not null and tenant_id = $2 order by name limit 1) where plan_id = $1`,
      [deliveryPlanId, t.tenantId],
    );
    assert.equal(await sendPlanReminders(t.db, t.tenantId), 0);
    // The export prints the final position as the page does: "Not assessed", never "Red" or "Grey".
    const csv = (await visitor.get(`/delivery-plans/${deliveryPlanId}/plan.csv`)).body;
    assert.equal(csv.match(/,Not assessed,/g)?.length, 43);
    assert.doesNotMatch(csv, /,(Red|Grey),/);
    assert.match(textOf(await okPage(officer, '/plans')), /Communities and Partnerships Committee Delivery Plan 2018–2020 Closed/);
    assert.match(textOf(await okPage(visitor, '/delivery-plans')), /Delivery plan, 2018–2020, Communities and Partnership Committee, closed on 30 June 2020/);
  });

  it("refuses changes to a closed plan's actions and progress, with the reason, changing nothing", async () => {
    const [a] = await t.db.query<{ id: string; version: number }>(`select id, version from plan_actions where plan_id = $1 and reference = '1.3'`, [
      deliveryPlanId,
    ]);
    const updates = async () => (await t.db.query<{ n: number }>(`select count(*)::int as n from plan_action_updates`))[0]!.n;
    const before = await updates();
    refused(
      await officer.post(`/plans/${deliveryPlanId}/actions/${a!.id}/progress`, {
        ...dateFields('updateOn', today),
        narrative: 'Late news',
        status: 'on_track',
      }),
      /The plan was closed on Tuesday 30 June 2020: reopen it before changing it/,
    );
    refused(await officer.post(`/plans/${deliveryPlanId}/priorities`, { number: '5', title: 'More' }), /reopen it before changing it/);
    assert.equal(await updates(), before);
  });

  it('asks staff to close a plan whose period has ended, and judges it at its end; the public are told it ended', async () => {
    const staff = textOf(await okPage(officer, `/plans/${programmeId}`));
    assert.match(staff, /The period of this plan ended on Monday 31 March 2008\. .* close the plan to freeze its final position\. Close the plan/);
    assert.match(textOf(await okPage(officer, '/plans')), /Work Programme 2007\/08 2007\/08 Period ended: close it/);
    const publicText = textOf(await okPage(visitor, `/delivery-plans/${programmeId}`));
    assert.match(publicText, /The period of this plan ended on Monday 31 March 2008\. Its actions are shown as they stood at the end of the plan/);
    assert.doesNotMatch(publicText, /Close the plan|Record any last progress/);
  });

  it('closes a plan only with a date and a confirmation, every problem at once, audited; then reopens it', async () => {
    const bodyId = (await t.db.query<{ id: string }>(`select id from bodies where tenant_id = $1 limit 1`, [t.tenantId]))[0]!.id;
    // A period ending before it starts is refused with the other problems of the form.
    refused(
      await officer.post('/plans/new', {
        kind: 'delivery_plan',
        title: '',
        bodyId,
        ...dateFields('startsOn', '2026-04-01'),
        ...dateFields('endsOn', '2025-03-31'),
      }),
      /Enter the title of the plan/,
      /The end of the period must be on or after its start/,
    );
    refused(
      await officer.post('/plans/new', { kind: 'delivery_plan', title: '', bodyId, 'startsOn-day': '31', 'startsOn-month': '2', 'startsOn-year': '2026' }),
      /Enter the title of the plan/,
      /Start of the period must be a real date/,
    );
    const location = redirectedTo(
      await officer.post('/plans/new', { kind: 'delivery_plan', title: 'Safer streets plan', bodyId, ...dateFields('startsOn', '2025-04-01') }),
      /done=created/,
    );
    const id = location.slice(7, 43);
    assert.match(textOf(await okPage(officer, `/plans/${id}`)), /from 1 April 2025/);
    const priority = redirectedTo(await officer.post(`/plans/${id}/priorities`, { number: '1', title: 'Safety' }), /done=priority/);
    assert.ok(priority);
    const [p] = await t.db.query<{ id: string }>(`select id from plan_priorities where plan_id = $1`, [id]);
    redirectedTo(
      await officer.post(`/plans/${id}/actions/new`, {
        priorityId: p!.id,
        reference: '1.1',
        description: 'Walk the streets',
        firstMilestone: 'April 2025',
        continuesUntil: 'March 2026',
      }),
      /done=action/,
    );
    const form = textOf(await okPage(officer, `/plans/${id}/close`));
    assert.match(form, /Close the plan .* Freeze the final position of the plan as at the date closed/);
    assert.equal((await councillor.post(`/plans/${id}/close`, { ...dateFields('closedOn', today), confirmed: 'yes' })).statusCode, 403);

    const closedOn = async () => (await t.db.query<{ d: string | null }>(`select to_char(closed_on, 'YYYY-MM-DD') as d from plans where id = $1`, [id]))[0]!.d;
    refused(await officer.post(`/plans/${id}/close`, {}), /Enter date closed/, /Confirm that the final position of the plan is to be frozen/);
    refused(
      await officer.post(`/plans/${id}/close`, { ...dateFields('closedOn', addMonths(today, 1)), confirmed: 'yes' }),
      /The date closed must be today or in the past/,
    );
    refused(
      await officer.post(`/plans/${id}/close`, { ...dateFields('closedOn', '2025-03-31') }),
      /on or after the start of the plan, 1 April 2025/,
      /Confirm/,
    );
    refused(
      await officer.post(`/plans/${id}/close`, { 'closedOn-day': '30', 'closedOn-month': '2', 'closedOn-year': '2026', confirmed: 'yes' }),
      /Date closed must be a real date/,
    );
    assert.equal(await closedOn(), null);

    redirectedTo(
      await officer.post(`/plans/${id}/close`, { ...dateFields('closedOn', today), closingNote: 'Superseded by the 2026–2028 plan', confirmed: 'yes' }),
      new RegExp(`^/plans/${id}\\?done=closed$`),
    );
    assert.equal(await closedOn(), today);
    const [audit] = await t.db.query<{ actor: string; closed: string }>(
      `select actor, after->>'closed_on' as closed from audit_log where entity_type = 'plans' and entity_id = $1 and action = 'update' order by id desc limit 1`,
      [id],
    );
    assert.match(audit!.actor, /partnership\.officer@example\.org/);
    assert.equal(audit!.closed, today);
    const page = textOf(await okPage(officer, `/plans/${id}?done=closed`));
    assert.match(page, /Plan closed: its final position is frozen as at the date closed/);
    assert.match(page, /Superseded by the 2026–2028 plan/);
    assert.match(page, /Final position as at .*: 1 action: /);
    refused(await officer.post(`/plans/${id}/close`, { ...dateFields('closedOn', today), confirmed: 'yes' }), /The plan was already closed on/);

    redirectedTo(await officer.post(`/plans/${id}/reopen`, {}), /done=reopened/);
    assert.equal(await closedOn(), null);
    assert.doesNotMatch(textOf(await okPage(officer, `/plans/${id}`)), /Closed on/);
    refused(await officer.post(`/plans/${id}/reopen`, {}), /The plan is not closed/);
  });
});

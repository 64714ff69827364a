// Self-assessments (seed 000) through the pages, on the demo data: the demo regenerates the seed's sign-off route
// with its dates and deadlines and nothing reads overdue (the assessment is submitted); an officer builds a new
// assessment form by form (every error at once, nothing saved on an error, never a 500, Post/Redirect/Get,
// audited); a step's overdue judgement follows today only while the assessment is open; councillors and partner
// editors read but do not change, and the public see nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anonymousAgent, buildTestApp, signIn, type Agent, type TestApp } from '../helper.ts';
import { errorSummaryOf, okPage, redirectedTo, textOf } from '../pages.ts';

describe('Self-assessments', () => {
  let t: TestApp;
  let officer: Agent;
  let councillor: Agent;
  let partner: Agent;
  let seedId: string;
  const one = async <T>(sql: string, params: unknown[] = []) => (await t.db.query<T>(sql, params))[0]!;
  const count = async (table: string, id: string) =>
    (await one<{ n: number }>(`select count(*)::int as n from ${table} where assessment_id = $1 and deleted_at is null`, [id])).n;

  before(async () => {
    t = await buildTestApp();
    officer = await signIn(t.app, 'partnership_officer');
    councillor = await signIn(t.app, 'councillor');
    partner = await signIn(t.app, 'partner_editor');
    seedId = (await one<{ id: string }>(`select id from assessments where title like 'Comprehensive Area Assessment%'`)).id;
  });
  after(async () => t?.close());

  it("regenerates seed 000's sign-off route with its dates, deadlines from the meetings, and nothing overdue", async () => {
    const list = textOf(await okPage(officer, '/assessments'));
    assert.match(list, /Comprehensive Area Assessment: Cambridgeshire's self-assessment 2009 Cambridgeshire Together Audit Commission Submitted/);
    const html = await okPage(officer, `/assessments/${seedId}`);
    const text = textOf(html);
    // Paragraph 7: the Public Service Board on 14 July, the Cambridgeshire Together Board on 23 July for sign-off, then submission.
    assert.match(text, /1\. Consider the draft .*Cambridgeshire Public Service Board 14 July 2009 1 July 2009 6 July 2009 Version 1 Considered/);
    assert.match(text, /2\. Sign off .*Cambridgeshire Together Board 23 July 2009 10 July 2009 15 July 2009 Version 1 Signed off/);
    assert.match(text, /3\. Formal submission Audit Commission Not set – – – Paper sent/);
    assert.ok(text.indexOf('Consider the draft') < text.indexOf('Sign off') && text.indexOf('Sign off') < text.indexOf('Formal submission'));
    assert.doesNotMatch(text, /Overdue/);
    assert.match(text, /nothing on its route is judged overdue/);
    // Questions A–G, G's four sub-queries from the Audit Commission.
    for (const letter of 'ABCDEF') assert.match(text, new RegExp(` ${letter}\\. `));
    assert.match(text, /A\. Does the current draft give the right feel and impression/);
    assert.match(
      text,
      /E\. The other key area of focus for the Audit Commission is on how we are working together to provide better outcomes for Gypsies and Travellers/,
    );
    assert.match(text, /G\. The Audit Commission has also raised .* G\(i\)\. The partnership approach to tackling homelessness/);
    assert.match(text, /G\(iv\)\. How partners are working together to join-up community engagement activity/);
    // Evidence links show their target's title and go to its page.
    assert.match(html, /<a class="govuk-link" href="\/performance\/indicators\/[0-9a-f-]{36}">NI 16 Serious acquisitive crime rate<\/a>/);
    assert.match(text, /Stephen Moir/);
    assert.match(text, /Adrian Smith/);
    // The draft as version 1, and the LSP Board's consideration on 17 July 2009.
    assert.match(text, /Version 1, 6 July 2009/);
    assert.match(text, /South Cambridgeshire Local Strategic Partnership Board ?, 17 July 2009: Board members were invited to challenge/);
  });

  it('councillors and partner editors read but do not change; the public see nothing', async () => {
    assert.match(textOf(await okPage(councillor, `/assessments/${seedId}`)), /Sign-off route/);
    const partnerPage = await okPage(partner, `/assessments/${seedId}`);
    assert.doesNotMatch(partnerPage, /Add a step to the route/);
    assert.equal((await councillor.post(`/assessments/${seedId}/questions`, { question: 'x' })).statusCode, 403);
    assert.equal((await partner.post('/assessments', { title: 'x' })).statusCode, 403);
    assert.equal((await councillor.get('/assessments/new')).statusCode, 403);
    const anonymous = anonymousAgent(t.app);
    for (const url of ['/assessments', `/assessments/${seedId}`]) {
      const res = await anonymous.get(url);
      assert.notEqual(res.statusCode, 200, url);
      assert.doesNotMatch(res.body, /Comprehensive Area Assessment/);
    }
  });

  it('an officer builds an assessment form by form; bad input says why, saves nothing and is never a 500', async () => {
    // New: every error at once.
    const before = (await one<{ n: number }>('select count(*)::int as n from assessments')).n;
    const bad = await officer.post('/assessments', { title: ' ', partnershipId: 'not-an-id' });
    assert.equal(bad.statusCode, 400);
    assert.match(errorSummaryOf(bad.body), /Enter the title.*Select the partnership from the list/);
    assert.equal((await one<{ n: number }>('select count(*)::int as n from assessments')).n, before);
    const created = redirectedTo(
      await officer.post('/assessments', { title: 'Area assessment 2026', submittedTo: 'The inspectorate', partnershipId: '' }),
      /\/assessments\/[0-9a-f-]{36}\?done=created/,
    );
    const id = /assessments\/([0-9a-f-]{36})/.exec(created)![1]!;
    assert.match(textOf(await okPage(officer, created)), /The self-assessment was created/);

    // Questions, lettered from their order, with a sub-query.
    assert.equal((await officer.post(`/assessments/${id}/questions`, { question: '' })).statusCode, 400);
    redirectedTo(await officer.post(`/assessments/${id}/questions`, { question: 'How are we doing?' }), /done=question/);
    redirectedTo(await officer.post(`/assessments/${id}/questions`, { question: 'What next?', raisedBy: 'the inspectorate' }), /done=question/);
    const a = (await one<{ id: string }>('select id from assessment_questions where assessment_id = $1 and position = 1 and parent_id is null', [id])).id;
    redirectedTo(await officer.post(`/assessments/${id}/questions`, { question: 'On crime', parentId: a }), /done=question/);
    const sub = (await one<{ id: string }>('select id from assessment_questions where assessment_id = $1 and parent_id is not null', [id])).id;
    const underSub = await officer.post(`/assessments/${id}/questions`, { question: 'Too deep', parentId: sub });
    assert.equal(underSub.statusCode, 400);
    assert.match(errorSummaryOf(underSub.body), /Select the question this sits under from the list/);
    let text = textOf(await okPage(officer, `/assessments/${id}`));
    assert.match(text, /A\. How are we doing\? .*A\(i\)\. On crime .*B\. What next\? Raised by the inspectorate/);

    // Evidence: a record picked from its capability, or refused.
    const ni16 = (await one<{ id: string }>(`select id from indicators where code = 'NI 16'`)).id;
    const noLink = await officer.post(`/assessments/${id}/evidence`, { questionId: a, note: '', link: `indicator:${seedId}` });
    assert.equal(noLink.statusCode, 400);
    assert.match(errorSummaryOf(noLink.body), /Select the record from the list/);
    const empty = await officer.post(`/assessments/${id}/evidence`, { questionId: 'x', note: '' });
    assert.match(errorSummaryOf(empty.body), /Select the question this is evidence for.*Enter the evidence, or select a record it links to/);
    assert.equal(await count('assessment_evidence', id), 0);
    redirectedTo(await officer.post(`/assessments/${id}/evidence`, { questionId: sub, note: 'Falling', link: `indicator:${ni16}` }), /done=evidence/);

    // A decision, a paper and a plan action (of a closed plan too) link the same way: their titles, to their pages.
    const decision = await one<{ id: string; meetingId: string; number: number }>(
      `select r.id, mi.meeting_id as "meetingId", mi.number from resolutions r join minutes mi on mi.id = r.minute_id where r.deleted_at is null order by mi.number limit 1`,
    );
    const paper = await one<{ id: string; meetingId: string }>(
      `select i.id, i.meeting_id as "meetingId" from agenda_items i join reports r on r.agenda_item_id = i.id and r.deleted_at is null where i.deleted_at is null limit 1`,
    );
    const action = await one<{ id: string; planId: string }>(`select a.id, a.plan_id as "planId" from plan_actions a where a.deleted_at is null limit 1`);
    for (const link of [`decision:${decision.id}`, `paper:${paper.id}`, `action:${action.id}`]) {
      redirectedTo(await officer.post(`/assessments/${id}/evidence`, { questionId: a, note: '', link }), /done=evidence/);
    }
    const linked = await okPage(officer, `/assessments/${id}`);
    assert.match(
      linked,
      new RegExp(`Decision <a class="govuk-link" href="/meetings/${decision.meetingId}/minutes#minute-${decision.number}">[^<]+, minute ${decision.number}: `),
    );
    assert.match(linked, new RegExp(`Paper <a class="govuk-link" href="/meetings/${paper.meetingId}/items/${paper.id}/report">`));
    assert.match(linked, new RegExp(`Plan action <a class="govuk-link" href="/plans/${action.planId}/actions/${action.id}">[^<]+, action `));

    // The editing group, from the directory; no one twice.
    const moir = (await one<{ id: string }>(`select id from people where name = 'Stephen Moir'`)).id;
    redirectedTo(await officer.post(`/assessments/${id}/editors`, { personId: moir, role: 'Author' }), /done=editor/);
    const twice = await officer.post(`/assessments/${id}/editors`, { personId: moir });
    assert.match(errorSummaryOf(twice.body), /already in the editing group/);
    assert.equal((await officer.post(`/assessments/${id}/editors`, { personId: ['a', 'b'] })).statusCode, 400);

    // Drafts in numbered versions, and a board's comments on one.
    const badDraft = await officer.post(`/assessments/${id}/drafts`, { 'draftedOn-day': '31', 'draftedOn-month': '2', 'draftedOn-year': '2026', content: '' });
    assert.match(errorSummaryOf(badDraft.body), /Date of the draft must be a real date.*Enter the text of the draft/);
    const draft = (n: string) => ({ 'draftedOn-day': n, 'draftedOn-month': '11', 'draftedOn-year': '2026', content: `Draft of ${n} November` });
    redirectedTo(await officer.post(`/assessments/${id}/drafts`, draft('2')), /done=draft/);
    redirectedTo(await officer.post(`/assessments/${id}/drafts`, draft('20')), /done=draft/);
    const v2 = (await one<{ id: string }>('select id from assessment_drafts where assessment_id = $1 and number = 2', [id])).id;
    const noBoard = await officer.post(`/assessments/${id}/comments`, { draftId: v2, comment: 'Fine' });
    assert.match(errorSummaryOf(noBoard.body), /Enter the board, or select its meeting.*Enter date of the comments/);
    redirectedTo(
      await officer.post(`/assessments/${id}/comments`, {
        draftId: v2,
        board: 'Scrutiny panel',
        'saidOn-day': '25',
        'saidOn-month': '11',
        'saidOn-year': '2026',
        comment: 'Say more about housing',
      }),
      /done=comment/,
    );
    text = textOf(await okPage(officer, `/assessments/${id}`));
    assert.match(text, /Version 2, 20 November 2026 .*Scrutiny panel, 25 November 2026: Say more about housing.*Version 1, 2 November 2026/);

    // The route: a step at a meeting takes its board, date and deadlines from it; outside one it needs who and may have a date.
    const ctItem = (
      await one<{ id: string }>(
        `select i.id from agenda_items i join meetings m on m.id = i.meeting_id join bodies b on b.id = m.body_id where b.name = 'Cambridgeshire Together Board' and m.meeting_date = '2009-07-23'`,
      )
    ).id;
    const badStep = await officer.post(`/assessments/${id}/steps`, { purpose: '', agendaItemId: '', status: 'done' });
    assert.match(errorSummaryOf(badStep.body), /Enter what the step is for.*Enter who the step is with.*Select the status from the list/);
    assert.equal(await count('assessment_steps', id), 0);
    redirectedTo(await officer.post(`/assessments/${id}/steps`, { purpose: 'Sign off', agendaItemId: ctItem, status: 'planned' }), /done=step/);
    redirectedTo(
      await officer.post(`/assessments/${id}/steps`, {
        purpose: 'Submit',
        board: 'The inspectorate',
        'stepDate-day': '',
        'stepDate-month': '',
        'stepDate-year': '',
      }),
      /done=step/,
    );
    // Open, and today is long after 23 July 2009: the planned step is overdue; the undated one is not.
    text = textOf(await okPage(officer, `/assessments/${id}`));
    assert.match(text, /1 overdue/);
    assert.match(
      text,
      /1\. Sign off .*Cambridgeshire Together Board 23 July 2009 10 July 2009 15 July 2009 None Planned Overdue The paper was due by 15 July 2009/,
    );
    assert.match(text, /Waiting on Sign off \(Cambridgeshire Together Board\)/);

    // Status changes carry the version read: a stale or garbled one is a conflict, not a 500.
    const step = await one<{ id: string; version: number }>('select id, version from assessment_steps where assessment_id = $1 and position = 1', [id]);
    const garbled = await officer.post(`/assessments/${id}/steps/${step.id}`, { status: 'considered', version: 'NaN' });
    assert.equal(garbled.statusCode, 409);
    assert.equal((await officer.post(`/assessments/${id}/steps/${step.id}`, { status: 'nonsense', version: String(step.version) })).statusCode, 400);
    redirectedTo(await officer.post(`/assessments/${id}/steps/${step.id}`, { status: 'signed_off', version: String(step.version) }), /done=status/);
    assert.equal((await officer.post(`/assessments/${id}/steps/${step.id}`, { status: 'planned', version: String(step.version) })).statusCode, 409);
    text = textOf(await okPage(officer, `/assessments/${id}`));
    assert.doesNotMatch(text, /Overdue/);

    // Submitted: nothing is judged overdue, even a step still planned.
    const s2 = await one<{ id: string; version: number }>('select id, version from assessment_steps where assessment_id = $1 and position = 2', [id]);
    await officer.post(`/assessments/${id}/steps/${s2.id}`, { status: 'planned', version: String(s2.version) });
    const v = (await one<{ version: number }>('select version from assessments where id = $1', [id])).version;
    assert.equal((await officer.post(`/assessments/${id}/state`, { state: 'gone', version: String(v) })).statusCode, 400);
    redirectedTo(
      await officer.post(`/assessments/${id}/state`, {
        state: 'submitted',
        version: String(v),
        'submittedOn-day': '1',
        'submittedOn-month': '12',
        'submittedOn-year': '2026',
      }),
      /done=state/,
    );
    text = textOf(await okPage(officer, `/assessments/${id}`));
    assert.match(text, /State Submitted on 1 December 2026/);
    assert.doesNotMatch(text, /Overdue/);

    // Every change is in the audit trail.
    const audited = await one<{ n: number }>(`select count(*)::int as n from audit_log where entity_type like 'assessment%'`);
    assert.ok(audited.n >= 12, `${audited.n} audit entries`);
  });

  it('an unknown or malformed address is a 404, never a 500', async () => {
    const nobody = '00000000-0000-4000-8000-000000000000';
    assert.equal((await officer.get(`/assessments/${nobody}`)).statusCode, 404);
    assert.equal((await officer.get('/assessments/not-an-id')).statusCode, 404);
    assert.equal((await officer.post(`/assessments/${nobody}/questions`, { question: 'x' })).statusCode, 404);
    assert.equal((await officer.post(`/assessments/${seedId}/steps/not-an-id`, { status: 'planned', version: '1' })).statusCode, 404);
    // A step that is not this assessment's is not found (its status cannot be changed at all, so it is not a conflict).
    assert.equal((await officer.post(`/assessments/${seedId}/steps/${nobody}`, { status: 'planned', version: '1' })).statusCode, 404);
  });

  it('garbage in every field of every form, from an administrator and a councillor, is never a 500 and never echoed as markup', async () => {
    const admin = await signIn(t.app, 'administrator');
    const step = (await one<{ id: string }>('select id from assessment_steps where assessment_id = $1 limit 1', [seedId])).id;
    const fields = [
      'title',
      'partnershipId',
      'submittedTo',
      'question',
      'parentId',
      'raisedBy',
      'personId',
      'role',
      'questionId',
      'note',
      'link',
      'summary',
      'content',
      'draftId',
      'meetingId',
      'board',
      'comment',
      'purpose',
      'agendaItemId',
      'status',
      'state',
      'version',
    ];
    const dates = ['draftedOn', 'saidOn', 'stepDate', 'submittedOn'];
    const fill = (v: string) => ({
      ...Object.fromEntries(fields.map((f) => [f, v])),
      ...Object.fromEntries(
        dates.flatMap((d) => [
          [`${d}-day`, v],
          [`${d}-month`, v],
          [`${d}-year`, v],
        ]),
      ),
    });
    const bodies: Record<string, string | string[]>[] = [
      {},
      fill('<script>alert(1)</script>'),
      fill('99999999999999999999999'),
      fill('-1e308'),
      fill(''),
      { ...fill('x'), link: 'indicator:not-a-uuid', status: ['planned', 'skipped'] },
    ];
    const urls = [
      '/assessments',
      ...['questions', 'editors', 'evidence', 'drafts', 'comments', 'steps', `steps/${step}`, 'state'].map((p) => `/assessments/${seedId}/${p}`),
    ];
    for (const url of urls) {
      for (const body of bodies) {
        const res = await admin.post(url, body);
        assert.ok(res.statusCode < 500, `${url}: ${res.statusCode}`);
        assert.doesNotMatch(res.body, /<script>alert/, url);
        assert.equal((await councillor.post(url, body)).statusCode, 403, url);
      }
    }
  });
});

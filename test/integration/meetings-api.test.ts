// The meetings JSON API through the HTTP layer: bodies and members, meetings with their derived
// deadlines and rule flags, agenda items, reports and their clearance, and what the public see.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { createDemoUsers } from '../../src/accounts/accounts.service.ts';
import { meetingOperations } from '../../src/meetings/meetings.api.ts';
import { todayInEngland } from '../../src/meetings/meetings.service.ts';
import { IMPLICATIONS } from '../../src/meetings/report-template.ts';
import { apiToken, buildTestApp, countRows, json, type TestApp } from '../helper.ts';
import { documentedBy, pointers, problemOf } from '../api-support.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
type Who = 'democratic_services' | 'councillor' | null;

const CLEARED_ALL = {
  resource: { status: 'cleared', officer: 'Tom Kelly', note: '' },
  procurement: { status: 'cleared', officer: 'Paul White', note: '' },
  legal: { status: 'cleared', officer: 'Fiona McMillan', note: '' },
  equality: { status: 'not_applicable', officer: '', note: '' },
  engagement: { status: 'not_applicable', officer: '', note: '' },
  localism: { status: 'cleared', officer: 'Sue Grace', note: 'No local member issues' },
  publicHealth: { status: 'not_applicable', officer: '', note: 'No implications at this stage' },
};

function reportContent(clearances: Record<string, { status: string; officer?: string; note?: string }>) {
  return {
    title: 'Library services review',
    from: 'Executive Director, Place and Economy',
    electoralDivisions: 'All',
    purpose: 'To consider the outcome of the review of library services.',
    recommendations: ['Note the findings of the review', 'Approve the consultation'],
    officerContacts: [{ name: 'Christine May', post: 'Head of Community and Cultural Services', email: 'christine.may@example.org', phone: '01223 703521' }],
    background: ['The review began in 2018.'],
    mainIssues: ['Opening hours', 'Mobile libraries'],
    alignment: ['', 'Libraries help people live healthy and independent lives.', ''],
    implications: Object.fromEntries(IMPLICATIONS.map((i) => [i.key, ''])),
    clearances,
  };
}

describe('meetings JSON API', () => {
  let t: TestApp;
  const tokens = new Map<string, string>();

  before(async () => {
    // No demo data: the test builds its committee from nothing. It needs the demo users for their API tokens.
    t = await buildTestApp({ demo: false });
    await createDemoUsers(t.db, t.tenantId);
    for (const role of ['democratic_services', 'councillor']) tokens.set(role, await apiToken(t, role));
  });
  after(async () => t?.close());

  const call = (who: Who, method: Method, url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: who ? { authorization: `Bearer ${tokens.get(who)}` } : {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const ds = (method: Method, url: string, payload?: unknown) => call('democratic_services', method, url, payload);
  const anon = (url: string) => call(null, 'GET', url);

  const documented = (res: LightMyRequestResponse, operationId: string) => documentedBy(meetingOperations, res, operationId);

  const bodyFields = {
    name: 'Communities and Partnership Committee',
    kind: 'committee',
    draftReportClearDays: 8,
    despatchClearDays: 5,
    defaultVenue: 'Kreis Viersen Room, Shire Hall, Cambridge',
    defaultStartTime: '2pm',
    clerkName: 'Daniel Snowdon',
    clerkPhone: '01223 699177',
    clerkEmail: 'daniel.snowdon@example.org',
    publicNotes: ['Members of the public are welcome to attend.'],
  };
  const meetingFields = {
    meetingDate: '2019-04-25',
    startTime: '14:00',
    endTime: null,
    venue: 'Kreis Viersen Room',
    kind: 'formal',
    isPublic: true,
    title: null,
    plannedDraftDeadline: '2019-04-12',
    plannedDespatch: '2019-04-17',
  };

  let bodyId = '';
  let meetingId = '';
  let laterMeetingId = '';
  let privateMeetingId = '';
  const items: string[] = [];

  it('creates a body (201 with its address); a councillor may not (403); bad rules are refused and nothing is saved', async () => {
    problemOf(await call('councillor', 'POST', '/bodies', bodyFields), 403);
    problemOf(await call(null, 'POST', '/bodies', bodyFields), 401);

    const tooFew = problemOf(await ds('POST', '/bodies', { ...bodyFields, despatchClearDays: 3, draftReportClearDays: 'eight' }), 422);
    assert.deepEqual(pointers(tooFew), ['/despatchClearDays', '/draftReportClearDays']);
    assert.match(tooFew.errors!.find((e) => e.pointer === '/despatchClearDays')!.detail, /at least 5 clear working days.*section 100B/);
    assert.equal(await countRows(t.db, 'bodies'), 0);

    const res = await ds('POST', '/bodies', bodyFields);
    const body = documented(res, 'createBody');
    bodyId = body.id;
    assert.equal(res.headers.location, `/api/v1/bodies/${bodyId}`);
    assert.equal(body.type, 'body');
    assert.equal(body.publicationState, 'draft');
    assert.equal(body.version, 1);
    assert.equal(body.defaultStartTime, '14:00');
    assert.match(body.created, /^\d{4}-\d{2}-\d{2}T/);
    assert.deepEqual([body.members, body.roles, body.currentMembers], [[], [], []]);

    const again = problemOf(await ds('POST', '/bodies', { ...bodyFields, name: 'communities and partnership committee' }), 422);
    assert.deepEqual(pointers(again), ['/name']);
  });

  it('adds members (a person made through the people API) and a vacant role; currentMembers is who serves today', async () => {
    const person = json(await ds('POST', '/people', { name: 'Steve Criswell', honorificPrefix: 'Councillor', kind: 'councillor', party: 'Conservative' }));
    const former = json(await ds('POST', '/people', { name: 'Kevin Cuffley', honorificPrefix: 'Councillor', kind: 'councillor' }));
    problemOf(await call('councillor', 'POST', `/bodies/${bodyId}/members`, { personId: person.id, role: 'chair' }), 403);

    const chair = documented(
      await ds('POST', `/bodies/${bodyId}/members`, {
        personId: person.id,
        role: 'chair',
        politicalGroup: 'Conservative',
        startDate: '2017-05-23',
        appointedBy: 'Full Council',
      }),
      'addBodyMember',
    );
    assert.deepEqual(
      { ...chair, id: undefined, version: undefined },
      {
        id: undefined,
        version: undefined,
        role: 'chair',
        person: { id: person.id, name: 'Steve Criswell', honorificPrefix: 'Councillor' },
        politicalGroup: 'Conservative',
        startDate: '2017-05-23',
        endDate: null,
        appointedBy: 'Full Council',
      },
    );
    documented(
      await ds('POST', `/bodies/${bodyId}/members`, { personId: former.id, role: 'member', startDate: '2017-05-23', endDate: '2018-05-22' }),
      'addBodyMember',
    );
    documented(await ds('POST', `/bodies/${bodyId}/roles`, { title: 'Area Champion' }), 'addBodyRole');

    const impossible = problemOf(await ds('POST', `/bodies/${bodyId}/members`, { personId: person.id, role: 'member', startDate: '2019-02-29' }), 422);
    assert.deepEqual(impossible.errors, [{ pointer: '/startDate', detail: 'Start date must be a real date in the format YYYY-MM-DD' }]);
    const backwards = problemOf(
      await ds('POST', `/bodies/${bodyId}/members`, { personId: person.id, role: 'member', startDate: '2019-01-01', endDate: '2018-01-01' }),
      422,
    );
    assert.deepEqual(backwards.errors, [{ pointer: '/endDate', detail: 'End date must be the same as or after the start date' }]);
    const nobody = problemOf(await ds('POST', `/bodies/${bodyId}/members`, { personId: '00000000-0000-4000-8000-000000000000', role: 'member' }), 422);
    assert.deepEqual(pointers(nobody), ['/personId']);
    problemOf(await ds('POST', '/bodies/00000000-0000-4000-8000-000000000000/members', { personId: person.id, role: 'member' }), 404);

    const body = documented(await ds('GET', `/bodies/${bodyId}`), 'getBody');
    assert.deepEqual(
      body.members.map((m: { person: { name: string } }) => m.person.name),
      ['Steve Criswell', 'Kevin Cuffley'],
    );
    assert.deepEqual(
      body.currentMembers.map((m: { person: { name: string }; role: string }) => `${m.person.name} (${m.role})`),
      ['Steve Criswell (chair)'],
    );
    assert.deepEqual(
      body.roles.map((r: { title: string; person: unknown; area: unknown }) => [r.title, r.person, r.area]),
      [['Area Champion', null, null]],
    );
  });

  it('updates a body with a version check: 409 for a stale version, and nothing changes', async () => {
    const current = json(await ds('GET', `/bodies/${bodyId}`));
    const ok = documented(await ds('PUT', `/bodies/${bodyId}`, { ...bodyFields, quorum: 3, version: current.version }), 'updateBody');
    assert.equal(ok.version, current.version + 1);
    assert.equal(ok.quorum, 3);
    problemOf(await ds('PUT', `/bodies/${bodyId}`, { ...bodyFields, quorum: 9, version: current.version }), 409);
    problemOf(await ds('PUT', `/bodies/${bodyId}`, { ...bodyFields, quorum: 9 }), 422);
    assert.equal(json(await ds('GET', `/bodies/${bodyId}`)).quorum, 3);
  });

  it('creates a meeting over Easter 2019 and derives its deadlines, flagging an unlawful despatch date', async () => {
    problemOf(await call('councillor', 'POST', '/meetings', { bodyId, ...meetingFields }), 403);
    const res = await ds('POST', '/meetings', { bodyId, ...meetingFields });
    const meeting = documented(res, 'createMeeting');
    meetingId = meeting.id;
    assert.equal(res.headers.location, `/api/v1/meetings/${meetingId}`);
    assert.equal(meeting.meetingDate, '2019-04-25');
    assert.equal(meeting.agendaPublished, false);

    // Thursday 25 April 2019. Working days before it, counting back: Wed 24, Tue 23 (Mon 22 is Easter Monday, Sat 20 and Sun 21
    // the weekend, Fri 19 Good Friday), Thu 18, Wed 17, Tue 16, Mon 15, Fri 12, Thu 11, Wed 10.
    // 5 clear working days (24, 23, 18, 17, 16) leave Monday 15 April as the latest despatch; 8 (... 15, 12, 11) leave Wednesday 10 April
    // for draft reports; public speakers register by noon 3 working days before (18 April); a key decision needs 28 clear days (27 March).
    assert.deepEqual(meeting.derivedDates, {
      draftReportsDue: '2019-04-10',
      agendaDespatch: '2019-04-15',
      publicSpeakingDeadline: { date: '2019-04-18', time: '12:00' },
      forwardPlanEntryBy: '2019-03-27',
    });
    const despatch = meeting.flags.filter((f: { field: string }) => f.field === 'plannedDespatch');
    assert.deepEqual(
      despatch.map((f: { rule: string; severity: string }) => `${f.rule} ${f.severity}`),
      ['despatch breach'],
    );
    assert.match(despatch[0].message, /Wednesday 17 April 2019 leaves 3 clear working days.*latest lawful despatch: Monday 15 April 2019/);
    const draft = meeting.flags.filter((f: { field: string }) => f.field === 'plannedDraftDeadline');
    assert.deepEqual(
      draft.map((f: { rule: string; severity: string }) => `${f.rule} ${f.severity}`),
      ['draft_reports warning'],
    );
    assert.match(draft[0].message, /leaves 6 clear working days/);

    const again = documented(await ds('GET', `/meetings/${meetingId}`), 'getMeeting');
    assert.deepEqual(again.derivedDates, meeting.derivedDates);

    laterMeetingId = documented(
      await ds('POST', '/meetings', { bodyId, ...meetingFields, meetingDate: '2019-05-23', plannedDraftDeadline: null, plannedDespatch: '2019-05-14' }),
      'createMeeting',
    ).id;
    privateMeetingId = documented(
      await ds('POST', '/meetings', { bodyId, ...meetingFields, meetingDate: '2019-06-06', kind: 'workshop', isPublic: false, title: 'Budget workshop' }),
      'createMeeting',
    ).id;
  });

  it('refuses bad input with problems naming each field, and changes nothing', async () => {
    const before = await countRows(t.db, 'meetings');
    const badPath = problemOf(await ds('GET', '/meetings/not-a-uuid'), 400);
    assert.deepEqual(badPath.errors, [{ pointer: '/id', detail: 'must be a UUID' }]);
    problemOf(await ds('GET', `/meetings/${meetingId}/items/42/report`), 400);
    problemOf(await ds('GET', '/meetings/00000000-0000-4000-8000-000000000000'), 404);
    const badQuery = problemOf(await anon('/meetings?from=2019-02-30&bodyId=nope'), 400);
    assert.deepEqual(pointers(badQuery), ['/bodyId', '/from']);
    assert.match(badQuery.errors!.find((e) => e.pointer === '/from')!.detail, /from must be a real date/);
    assert.deepEqual(pointers(problemOf(await anon('/meetings?from=2019-05-01&to=2019-04-01'), 400)), ['/to']);

    const impossible = problemOf(await ds('POST', '/meetings', { bodyId, ...meetingFields, meetingDate: '2019-02-29', startTime: '25:00' }), 422);
    assert.deepEqual(pointers(impossible), ['/meetingDate', '/startTime']);
    assert.equal(impossible.errors![0]!.detail, 'Meeting date must be a real date in the format YYYY-MM-DD');
    const noBody = problemOf(await ds('POST', '/meetings', { ...meetingFields, bodyId: '00000000-0000-4000-8000-000000000000' }), 422);
    assert.deepEqual(pointers(noBody), ['/bodyId']);
    const notUuid = problemOf(await ds('POST', '/meetings', { ...meetingFields, bodyId: 'Communities' }), 422);
    assert.deepEqual(pointers(notUuid), ['/bodyId']);
    const current = json(await ds('GET', `/bodies/${bodyId}`));
    const three = problemOf(await ds('PUT', `/bodies/${bodyId}`, { ...bodyFields, despatchClearDays: 3, version: current.version }), 422);
    assert.deepEqual(pointers(three), ['/despatchClearDays']);
    const stale = problemOf(await ds('PUT', `/meetings/${meetingId}`, { ...meetingFields, meetingDate: '2019-13-01', version: 1 }), 422);
    assert.deepEqual(pointers(stale), ['/meetingDate']);

    assert.equal(await countRows(t.db, 'meetings'), before);
    assert.equal(json(await ds('GET', `/bodies/${bodyId}`)).version, current.version);
    assert.equal(json(await ds('GET', `/meetings/${meetingId}`)).version, 1);
  });

  it('adds three items, numbered in order', async () => {
    const add = async (item: Record<string, unknown>) => documented(await ds('POST', `/meetings/${meetingId}/items`, item), 'addAgendaItem');
    const minutes = await add({ title: 'Minutes of the meeting on 21 March 2019', purpose: 'standing' });
    const review = await add({
      title: 'Library services review',
      purpose: 'decision',
      leadOfficers: 'Christine May',
      keyDecisionRef: 'KD2019/012',
      description: 'The outcome of the review and a proposed consultation.',
    });
    const land = await add({
      title: 'Disposal of land at Histon Road',
      purpose: 'decision',
      leadOfficers: 'Chris Malyon',
      exemptParagraph: 3,
      description: 'Terms of the sale.',
    });
    items.push(minutes.id, review.id, land.id);
    assert.deepEqual(
      [minutes, review, land].map((i) => i.number),
      [1, 2, 3],
    );
    assert.equal(review.keyDecisionNoticedOn, todayInEngland());
    assert.equal(land.exemptParagraph, 3);
    assert.equal(minutes.report, null);
    problemOf(await call('councillor', 'POST', `/meetings/${meetingId}/items`, { title: 'x', purpose: 'decision' }), 403);
    assert.deepEqual(pointers(problemOf(await ds('POST', `/meetings/${meetingId}/items`, { title: ' ', purpose: 'vote', exemptParagraph: 8 }), 422)), [
      '/exemptParagraph',
      '/purpose',
      '/title',
    ]);

    const meeting = documented(await ds('GET', `/meetings/${meetingId}`), 'getMeeting');
    assert.deepEqual(
      meeting.items.map((i: { title: string }) => i.title),
      ['Minutes of the meeting on 21 March 2019', 'Library services review', 'Disposal of land at Histon Road'],
    );
    // The key decision first appeared on the Forward Plan today, long after the meeting.
    assert.ok(
      meeting.flags.some(
        (f: { rule: string; itemRef?: string; severity: string }) => f.rule === 'forward_plan' && f.itemRef === 'KD2019/012' && f.severity === 'breach',
      ),
    );

    const updated = documented(
      await ds('PUT', `/meetings/${meetingId}/items/${minutes.id}`, { title: 'Minutes – 21 March 2019', purpose: 'standing', version: minutes.version }),
      'updateAgendaItem',
    );
    assert.equal(updated.title, 'Minutes – 21 March 2019');
    problemOf(await ds('PUT', `/meetings/${meetingId}/items/${minutes.id}`, { title: 'Overwritten', purpose: 'standing', version: minutes.version }), 409);
    problemOf(
      await ds('PUT', `/meetings/${laterMeetingId}/items/${minutes.id}`, { title: 'Wrong meeting', purpose: 'standing', version: updated.version }),
      404,
    );
  });

  it('will not publish a report until every implication is cleared (422 naming each), then publishes it', async () => {
    const url = `/meetings/${meetingId}/items/${items[1]}/report`;
    problemOf(await call('councillor', 'PUT', url, { version: null, content: reportContent(CLEARED_ALL) }), 403);
    const uncleared = reportContent({
      ...CLEARED_ALL,
      legal: { status: 'cleared', officer: ' ' },
      equality: { status: 'pending' },
      publicHealth: { status: 'pending' },
    });
    const saved = documented(await ds('PUT', url, { version: null, content: uncleared }), 'saveReport');
    assert.equal(saved.status, 'draft');
    assert.equal(saved.kind, 'template');
    assert.equal(saved.file, null);
    assert.deepEqual(
      saved.clearanceProblems.map((p: { key: string }) => p.key),
      ['legal', 'equality', 'publicHealth'],
    );
    problemOf(await ds('PUT', url, { version: null, content: uncleared }), 409);

    const refused = problemOf(await ds('POST', `${url}/publish`, { version: saved.version }), 422);
    assert.match(refused.detail!, /cannot be published until every implication is cleared.*\(3 to do\)/);
    assert.deepEqual(pointers(refused), ['/clearance-equality', '/clearance-legal', '/clearance-publicHealth']);
    assert.match(
      refused.errors!.find((e) => e.pointer === '/clearance-legal')!.detail,
      /Statutory, Legal and Risk implications are marked cleared but no officer is named/,
    );
    assert.match(refused.errors!.find((e) => e.pointer === '/clearance-equality')!.detail, /Equality and Diversity implications have not been cleared/);
    assert.equal(json(await ds('GET', url)).status, 'draft');

    const cleared = documented(await ds('PUT', url, { version: saved.version, content: reportContent(CLEARED_ALL) }), 'saveReport');
    assert.equal(cleared.version, saved.version + 1);
    assert.deepEqual(cleared.clearanceProblems, []);
    assert.equal(cleared.content.clearances.localism.officer, 'Sue Grace');
    problemOf(await ds('POST', `${url}/publish`, { version: saved.version }), 409);
    problemOf(await call('councillor', 'POST', `${url}/publish`, { version: cleared.version }), 403);
    const published = documented(await ds('POST', `${url}/publish`, { version: cleared.version }), 'publishReport');
    assert.equal(published.status, 'published');
    assert.match(published.publishedAt, /^\d{4}-\d{2}-\d{2}T/);

    // A draft report on the first item, and a published one on the exempt item.
    documented(
      await ds('PUT', `/meetings/${meetingId}/items/${items[0]}/report`, { version: null, content: { ...reportContent(CLEARED_ALL), title: 'Minutes' } }),
      'saveReport',
    );
    const exempt = documented(
      await ds('PUT', `/meetings/${meetingId}/items/${items[2]}/report`, {
        version: null,
        content: { ...reportContent(CLEARED_ALL), title: 'Disposal of land at Histon Road' },
      }),
      'saveReport',
    );
    documented(await ds('POST', `/meetings/${meetingId}/items/${items[2]}/report/publish`, { version: exempt.version }), 'publishReport');
    problemOf(await ds('GET', `/meetings/${laterMeetingId}/items/${items[1]}/report`), 404);
  });

  it('shows the public nothing of a body or meeting until the body is published', async () => {
    problemOf(await anon(`/meetings/${meetingId}`), 404);
    problemOf(await anon(`/bodies/${bodyId}`), 404);
    problemOf(await anon(`/meetings/${meetingId}/items/${items[1]}/report`), 404);
    assert.deepEqual(documented(await anon('/bodies'), 'listBodies').data, []);
    assert.deepEqual(documented(await anon('/meetings'), 'listMeetings').data, []);
    // Staff, even those who may not edit, see drafts.
    const seen = documented(await call('councillor', 'GET', `/meetings/${meetingId}`), 'getMeeting');
    assert.equal(seen.items.length, 3);
    assert.equal(json(await call('councillor', 'GET', '/bodies')).data.length, 1);
  });

  it('after the body and the agenda are published, shows the items, masks the exempt one and hides draft reports', async () => {
    const body = json(await ds('GET', `/bodies/${bodyId}`));
    problemOf(await call('councillor', 'POST', `/bodies/${bodyId}/publish`, { version: body.version }), 403);
    const published = documented(await ds('POST', `/bodies/${bodyId}/publish`, { version: body.version }), 'publishBody');
    assert.equal(published.publicationState, 'published');

    const before = documented(await anon(`/meetings/${meetingId}`), 'getMeeting');
    assert.equal(before.agendaPublished, false);
    assert.deepEqual(before.items, []);
    assert.ok(!before.flags.some((f: { field: string }) => f.field === 'keyDecision'), 'no hint of the unpublished items');
    problemOf(await anon(`/meetings/${meetingId}/items/${items[1]}/report`), 404);

    const meeting = json(await ds('GET', `/meetings/${meetingId}`));
    problemOf(await ds('POST', `/meetings/${meetingId}/publish-agenda`, { version: meeting.version + 1 }), 409);
    const agenda = documented(await ds('POST', `/meetings/${meetingId}/publish-agenda`, { version: meeting.version }), 'publishAgenda');
    assert.equal(agenda.agendaPublished, true);
    assert.equal(agenda.agendaPublishedOn, todayInEngland());
    assert.ok(
      agenda.flags.some((f: { field: string; severity: string }) => f.field === 'agendaPublished' && f.severity === 'breach'),
      'publishing today is years after the meeting',
    );

    const shown = documented(await anon(`/meetings/${meetingId}`), 'getMeeting');
    assert.equal(shown.items.length, 3);
    const [minutes, review, land] = shown.items;
    assert.deepEqual(land, { id: items[2], number: 3, title: 'Exempt item', exemptParagraph: 3 });
    assert.equal(minutes.report, null, 'a draft report is not shown to the public');
    assert.deepEqual(review.report, { id: review.report.id, kind: 'template', status: 'published', title: 'Library services review' });
    assert.equal(review.leadOfficers, 'Christine May');
    assert.doesNotMatch(JSON.stringify(shown), /Histon Road|Chris Malyon|Terms of the sale/);

    const report = documented(await anon(`/meetings/${meetingId}/items/${items[1]}/report`), 'getReport');
    assert.equal(report.content.title, 'Library services review');
    problemOf(await anon(`/meetings/${meetingId}/items/${items[0]}/report`), 404);
    problemOf(await anon(`/meetings/${meetingId}/items/${items[2]}/report`), 404);
    assert.equal(json(await call('councillor', 'GET', `/meetings/${meetingId}/items/${items[0]}/report`)).status, 'draft');
    assert.equal(json(await call('councillor', 'GET', `/meetings/${meetingId}/items/${items[2]}/report`)).status, 'published');

    // The private workshop stays hidden; the public meetings are listed.
    problemOf(await anon(`/meetings/${privateMeetingId}`), 404);
    const list = documented(await anon(`/meetings?bodyId=${bodyId}`), 'listMeetings');
    assert.deepEqual(
      list.data.map((m: { meetingDate: string }) => m.meetingDate),
      ['2019-04-25', '2019-05-23'],
    );
    assert.equal(list.pagination.total, 2);
    const april = json(await ds('GET', `/meetings?bodyId=${bodyId}&from=2019-04-01&to=2019-04-30`));
    assert.deepEqual(
      april.data.map((m: { id: string }) => m.id),
      [meetingId],
    );
    assert.equal(json(await ds('GET', '/meetings?limit=1&offset=1')).data[0].id, laterMeetingId);
    const bodies = documented(await anon('/bodies'), 'listBodies');
    assert.deepEqual(
      bodies.data.map((b: { id: string; currentMemberCount: number }) => [b.id, b.currentMemberCount]),
      [[bodyId, 1]],
    );
    documented(await anon(`/bodies/${bodyId}`), 'getBody');

    // Withdrawing the report hides it again.
    const current = json(await ds('GET', `/meetings/${meetingId}/items/${items[1]}/report`));
    documented(await ds('POST', `/meetings/${meetingId}/items/${items[1]}/report/withdraw`, { version: current.version }), 'withdrawReport');
    problemOf(await anon(`/meetings/${meetingId}/items/${items[1]}/report`), 404);
    assert.equal(json(await anon(`/meetings/${meetingId}`)).items[1].report, null);
  });

  it('gives what changed since a time, with tombstones for deleted meetings', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    await t.db.query('update meetings set deleted_at = clock_timestamp() where id = $1', [laterMeetingId]);
    const changes = documented(await ds('GET', `/meetings?modifiedSince=${encodeURIComponent(since)}`), 'listMeetings');
    const gone = changes.data.find((m: { id: string }) => m.id === laterMeetingId);
    assert.deepEqual(Object.keys(gone).sort(), ['deleted', 'id', 'modified', 'type']);
    assert.equal(gone.deleted, true);
    problemOf(await ds('GET', `/meetings/${laterMeetingId}`), 410);
    await t.db.query('update meetings set deleted_at = null where id = $1', [laterMeetingId]);
    // To the public, a meeting they may not see is, in a sync, as good as deleted.
    const everything = documented(await anon(`/meetings?modifiedSince=${encodeURIComponent('2000-01-01T00:00:00Z')}`), 'listMeetings');
    const deleted = new Map(everything.data.map((m: { id: string; deleted: boolean }) => [m.id, m.deleted]));
    assert.deepEqual(
      [meetingId, privateMeetingId, laterMeetingId].map((id) => deleted.get(id)),
      [false, true, false],
    );
    const bodies = documented(await ds('GET', `/bodies?modifiedSince=${encodeURIComponent('2000-01-01T00:00:00Z')}`), 'listBodies');
    assert.deepEqual(
      bodies.data.map((b: { id: string }) => b.id),
      [bodyId],
    );
  });

  it('moves an item to another meeting of the body, renumbering what is left', async () => {
    const item = json(await ds('GET', `/meetings/${meetingId}`)).items[0];
    problemOf(
      await ds('POST', `/meetings/${meetingId}/items/${item.id}/move`, { toMeetingId: laterMeetingId, reason: 'Deferred', version: item.version + 1 }),
      409,
    );
    assert.deepEqual(
      pointers(problemOf(await ds('POST', `/meetings/${meetingId}/items/${item.id}/move`, { toMeetingId: meetingId, version: item.version }), 422)),
      ['/toMeetingId'],
    );
    const moved = documented(
      await ds('POST', `/meetings/${meetingId}/items/${item.id}/move`, { toMeetingId: laterMeetingId, reason: 'Deferred to May', version: item.version }),
      'moveAgendaItem',
    );
    assert.equal(moved.meetingId, laterMeetingId);
    assert.equal(moved.number, 1);
    const left = json(await ds('GET', `/meetings/${meetingId}`)).items;
    assert.deepEqual(
      left.map((i: { id: string; number: number }) => [i.id, i.number]),
      [
        [items[1], 1],
        [items[2], 2],
      ],
    );
  });

  it('deletes an item only with its current version: 409 for a stale one, and nothing changes', async () => {
    const [review] = json(await ds('GET', `/meetings/${meetingId}`)).items;
    problemOf(await ds('DELETE', `/meetings/${meetingId}/items/${review.id}?version=${review.version + 5}`), 409);
    problemOf(await ds('DELETE', `/meetings/${meetingId}/items/${review.id}`), 400);
    problemOf(await call('councillor', 'DELETE', `/meetings/${meetingId}/items/${review.id}?version=${review.version}`), 403);
    assert.equal(json(await ds('GET', `/meetings/${meetingId}`)).items.length, 2);
    const res = await ds('DELETE', `/meetings/${meetingId}/items/${review.id}?version=${review.version}`);
    assert.equal(res.statusCode, 204);
    const left = json(await ds('GET', `/meetings/${meetingId}`)).items;
    assert.deepEqual(
      left.map((i: { id: string; number: number }) => [i.id, i.number]),
      [[items[2], 1]],
    );
    problemOf(await ds('DELETE', `/meetings/${meetingId}/items/${review.id}?version=${review.version}`), 404);
    problemOf(await ds('GET', `/meetings/${meetingId}/items/${review.id}/report`), 404);
  });

  it('describes every operation in the OpenAPI document', async () => {
    const doc = json(await anon('/openapi.json'));
    for (const op of meetingOperations) {
      const described = doc.paths[op.path]?.[op.method.toLowerCase()];
      assert.equal(described?.operationId, op.operationId);
      assert.ok(['Meetings', 'Bodies'].includes(described.tags[0]));
    }
  });
});

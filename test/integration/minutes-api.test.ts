// The minutes JSON API through the HTTP layer: the minutes of a meeting (and what the public see of
// them, exempt items masked), recording attendance, declarations and resolutions, starting,
// publishing and approving minutes, the decisions register, the action log and action progress;
// who may write, stale versions, and bad input as problem documents.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { todayInEngland } from '../../src/calendar/today.ts';
import { minutesOperations } from '../../src/minutes/minutes.api.ts';
import { addAction } from '../../src/minutes/actions.service.ts';
import type { RequestContext } from '../../src/web/context.ts';
import { apiToken, buildTestApp, countRows, json, type TestApp } from '../helper.ts';
import { documentedBy, documentedResponse, errorAt, pointers, problemOf, validateAgainstOpenApi, documentUnderTag } from '../api-support.ts';

type Method = 'GET' | 'POST' | 'PUT';
type Who = 'democratic_services' | 'councillor' | null;

const plusDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

describe('minutes JSON API', () => {
  let t: TestApp;
  let ctx: RequestContext;
  const tokens = new Map<string, string>();
  let bodyId = '';
  let april = '';
  let may = '';
  let july = '';
  const today = todayInEngland();

  const q = <T = any>(sql: string, params: unknown[] = []) => t.db.query<T>(sql, params);
  const formalMeeting = async (date: string) =>
    (await q<{ id: string }>(`select id from meetings where body_id = $1 and meeting_date = $2 and kind = 'formal' and deleted_at is null`, [bodyId, date]))[0]!
      .id;
  const person = async (name: string) => (await q<{ id: string }>(`select id from people where name = $1 and tenant_id = $2`, [name, t.tenantId]))[0]!.id;

  before(async () => {
    t = await buildTestApp();
    ctx = { tenantId: t.tenantId, actor: 'test', requestId: 'test' };
    for (const role of ['democratic_services', 'councillor']) tokens.set(role, await apiToken(t, role));
    bodyId = (await q<{ id: string }>(`select id from bodies where name = 'Communities and Partnership Committee'`))[0]!.id;
    april = await formalMeeting('2018-04-17');
    may = await formalMeeting('2018-05-31');
    july = await formalMeeting('2018-07-05');
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

  const documented = (res: LightMyRequestResponse, operationId: string) => documentedBy(minutesOperations, res, operationId);

  it('describes every operation in the OpenAPI document under the Minutes tag', () => {
    const { doc, ids } = documentUnderTag(minutesOperations, 'Minutes');
    assert.deepEqual(ids, [
      'addResolution',
      'approveMinutes',
      'getCouncillor',
      'getMinutes',
      'listBodyActions',
      'listDecisions',
      'publishMinutes',
      'recordAttendance',
      'recordDeclaration',
      'startMinutes',
      'updateAction',
    ]);
    assert.ok(doc.paths['/meetings/{id}/minutes']?.get);
    const publish = doc.paths['/meetings/{id}/minutes/publish']?.post as unknown as {
      description: string;
      responses: Record<string, unknown>;
      requestBody: { content: Record<string, { schema: { properties: Record<string, unknown> } }> };
    };
    assert.ok(publish.responses['422'], 'publishing documents its 422 problem');
    assert.match(publish.description, /noDiscussionRecorded/);
    assert.ok(publish.requestBody.content['application/json']?.schema.properties.noDiscussionRecorded);
    assert.ok(doc.paths['/actions/{id}']?.put);
  });

  describe('reading minutes', () => {
    it('shows the public the approved 17 April 2018 minutes, numbered 50 to 58, with votes and decisions', async () => {
      const m = documented(await anon(`/meetings/${april}/minutes`), 'getMinutes');
      assert.equal(m.state, 'approved');
      assert.equal(m.meetingDate, '2018-04-17');
      assert.match(m.approval.statement, /^Agreed as a correct record at the meeting of Thursday 31 May 2018 and signed by the Chairman$/);
      assert.equal(m.approval.approvedOn, '2018-05-31');
      assert.deepEqual(
        m.minutes.map((x: { number: number }) => x.number),
        [50, 51, 52, 53, 54, 55, 56, 57, 58],
      );
      assert.equal(m.votingMembersPresent, 8);
      assert.equal(m.quorumWarning, null);
      assert.ok(m.attendance.some((a: { category: string; substituteFor: unknown }) => a.category === 'substitute' && a.substituteFor !== null));
      const appointments = m.minutes.find((x: { number: number }) => x.number === 56);
      const majority = appointments.resolutions.find((r: { outcome: string }) => r.outcome === 'majority');
      assert.deepEqual(majority.votes, { for: 7, against: 0, abstentions: 1 });
      assert.equal(majority.decision, 'by a majority (7 votes in favour, 0 against, 1 abstention)');
      assert.deepEqual(
        appointments.resolutions.map((r: { letter: string }) => r.letter),
        ['a', 'b'],
      );
    });

    it('shows the public nothing of minutes not yet published, nor of a private meeting; staff see them', async () => {
      problemOf(await anon(`/meetings/${may}/minutes`), 404);
      const staff = documented(await ds('GET', `/meetings/${may}/minutes`), 'getMinutes');
      assert.equal(staff.state, 'none');
      assert.deepEqual(staff.minutes, []);
      await q(`update meetings set is_public = false where id = $1`, [april]);
      problemOf(await anon(`/meetings/${april}/minutes`), 404);
      documented(await ds('GET', `/meetings/${april}/minutes`), 'getMinutes');
      await q(`update meetings set is_public = true where id = $1`, [april]);
      problemOf(await anon('/meetings/not-a-uuid/minutes'), 400);
      problemOf(await anon('/meetings/00000000-0000-4000-8000-000000000000/minutes'), 404);
    });
  });

  describe('recording a meeting', () => {
    it('records attendance, refusing bad bodies with a pointer to each field', async () => {
      for (const name of ['Steve Criswell', 'Kevin Cuffley', 'Adela Costello', 'Lorna Dupre', 'Lis Every']) {
        const a = documented(await ds('POST', `/meetings/${may}/attendance`, { personId: await person(name), category: 'present' }), 'recordAttendance');
        assert.equal(a.name, name);
      }
      const sub = documented(
        await ds('POST', `/meetings/${may}/attendance`, {
          personId: await person('Claire Richards'),
          category: 'substitute',
          substituteForPersonId: await person('Ian Manning'),
        }),
        'recordAttendance',
      );
      assert.deepEqual(sub.substituteFor, { personId: await person('Ian Manning'), name: 'Ian Manning' });
      documented(
        await ds('POST', `/meetings/${may}/attendance`, { name: 'Sarah Ferguson', category: 'officer', note: 'Assistant Director' }),
        'recordAttendance',
      );

      const before = await countRows(t.db, 'attendance');
      const bad = problemOf(await ds('POST', `/meetings/${may}/attendance`, { category: 'substitute' }), 422);
      assert.deepEqual(pointers(bad), ['/personId', '/substituteForPersonId']);
      const category = problemOf(await ds('POST', `/meetings/${may}/attendance`, { name: 'Someone', category: 'spectator' }), 422);
      assert.equal(errorAt(category, '/category'), 'Select how they attended');
      const twice = problemOf(await ds('POST', `/meetings/${may}/attendance`, { personId: await person('Lis Every'), category: 'present' }), 422);
      assert.match(errorAt(twice, '/personId'), /already recorded/);
      const unknown = problemOf(
        await ds('POST', `/meetings/${may}/attendance`, { personId: '00000000-0000-4000-8000-000000000000', category: 'present' }),
        422,
      );
      assert.equal(errorAt(unknown, '/personId'), 'Select the person from the list');
      problemOf(await ds('POST', '/meetings/00000000-0000-4000-8000-000000000000/attendance', { name: 'X', category: 'other' }), 404);
      problemOf(await ds('POST', '/meetings/nope/attendance', { name: 'X', category: 'other' }), 400);
      assert.equal(await countRows(t.db, 'attendance'), before);
    });

    it('records a declaration of interest', async () => {
      const item = (await q<{ id: string }>(`select id from agenda_items where meeting_id = $1 and position = 6`, [may]))[0]!.id;
      const d = documented(
        await ds('POST', `/meetings/${may}/declarations`, {
          personId: await person('Lis Every'),
          agendaItemId: item,
          kind: 'non_registerable',
          description: 'Trustee of a local community association',
        }),
        'recordDeclaration',
      );
      assert.equal(d.itemNumber, 6);
      const bad = problemOf(await ds('POST', `/meetings/${may}/declarations`, { personId: await person('Lis Every'), kind: 'other', description: '' }), 422);
      assert.deepEqual(pointers(bad), ['/description']);
      const otherItem = (await q<{ id: string }>(`select id from agenda_items where meeting_id = $1 limit 1`, [july]))[0]!.id;
      const wrongItem = problemOf(
        await ds('POST', `/meetings/${may}/declarations`, {
          personId: await person('Lis Every'),
          agendaItemId: otherItem,
          kind: 'other',
          description: 'Interest',
        }),
        422,
      );
      assert.deepEqual(pointers(wrongItem), ['/agendaItemId']);
    });

    it('starts the minutes, numbered on from 58, and refuses to start them twice', async () => {
      const m = documented(await ds('POST', `/meetings/${may}/minutes/start`), 'startMinutes');
      assert.equal(m.state, 'draft');
      assert.deepEqual(
        m.minutes.map((x: { number: number }) => x.number),
        Array.from({ length: 12 }, (_, i) => 59 + i),
      );
      assert.equal(m.votingMembersPresent, 6);
      const again = problemOf(await ds('POST', `/meetings/${may}/minutes/start`), 422);
      assert.equal(again.detail, 'The minutes of this meeting have already been started');
      assert.deepEqual(again.errors ?? [], []);
      problemOf(await ds('POST', '/meetings/00000000-0000-4000-8000-000000000000/minutes/start'), 404);
    });

    it('refuses more votes than voting members present, and accepts a consistent vote', async () => {
      const minute = (await q<{ id: string }>(`select id from minutes where meeting_id = $1 and number = 63`, [may]))[0]!.id;
      const before = await countRows(t.db, 'resolutions');
      const tooMany = problemOf(
        await ds('POST', `/meetings/${may}/minutes/${minute}/resolutions`, {
          text: 'To approve the strategy',
          outcome: 'majority',
          votesFor: 6,
          votesAgainst: 1,
        }),
        422,
      );
      assert.equal(errorAt(tooMany, '/votesFor'), 'The votes recorded (7) are more than the 6 voting members present');
      const empty = problemOf(await ds('POST', `/meetings/${may}/minutes/${minute}/resolutions`, { text: ' ', outcome: 'unanimous' }), 422);
      assert.deepEqual(pointers(empty), ['/text']);
      const outcome = problemOf(await ds('POST', `/meetings/${may}/minutes/${minute}/resolutions`, { text: 'To agree', outcome: 'carried' }), 422);
      assert.deepEqual(pointers(outcome), ['/outcome']);
      const negative = problemOf(
        await ds('POST', `/meetings/${may}/minutes/${minute}/resolutions`, { text: 'To agree', outcome: 'majority', votesFor: -1 }),
        422,
      );
      assert.deepEqual(pointers(negative), ['/votesFor']);
      assert.equal(await countRows(t.db, 'resolutions'), before);

      const r = documented(
        await ds('POST', `/meetings/${may}/minutes/${minute}/resolutions`, {
          text: 'To approve the strategy',
          outcome: 'majority',
          votesFor: 4,
          votesAgainst: 1,
          abstentions: 1,
          keyDecisionRef: '2018/052',
        }),
        'addResolution',
      );
      assert.equal(r.letter, 'a');
      assert.deepEqual(r.votes, { for: 4, against: 1, abstentions: 1 });
      assert.equal(r.decision, 'by a majority (4 votes in favour, 1 against, 1 abstention)');
      assert.equal(r.keyDecisionRef, '2018/052');
      const second = documented(
        await ds('POST', `/meetings/${may}/minutes/${minute}/resolutions`, { text: 'To note the consultation', outcome: 'noted' }),
        'addResolution',
      );
      assert.equal(second.letter, 'b');
      assert.equal(second.decision, 'noted');
      problemOf(await ds('POST', `/meetings/${may}/minutes/00000000-0000-4000-8000-000000000000/resolutions`, { text: 'To agree', outcome: 'unanimous' }), 404);
      problemOf(await ds('POST', `/meetings/${july}/minutes/${minute}/resolutions`, { text: 'To agree', outcome: 'unanimous' }), 404);
    });

    it('publishes the draft minutes, refusing a stale version, and then shows them to the public', async () => {
      const { version } = json(await ds('GET', `/meetings/${may}/minutes`));
      const stale = problemOf(await ds('POST', `/meetings/${may}/minutes/publish`, { version: version + 5 }), 409);
      assert.match(stale.detail ?? '', /changed/);
      problemOf(await ds('POST', `/meetings/${may}/minutes/publish`, {}), 422);
      problemOf(await ds('POST', `/meetings/${may}/minutes/publish`, { version, noDiscussionRecorded: ['not an id'] }), 422);

      // 11 of the 12 minutes have no discussion and no resolution: publishing lists them and is refused.
      const draft = json(await ds('GET', `/meetings/${may}/minutes`));
      const unwritten = (draft.minutes as { id: string; number: number; title: string; resolutions: unknown[] }[]).filter((x) => x.resolutions.length === 0);
      assert.equal(unwritten.length, 11);
      const refused = problemOf(await ds('POST', `/meetings/${may}/minutes/publish`, { version }), 422);
      assert.match(refused.detail ?? '', /^11 minutes are not written \(no discussion and no resolution\): 59\. /);
      for (const x of unwritten) assert.ok(refused.detail?.includes(`${x.number}. ${x.title}`), `minute ${x.number} in the detail`);
      assert.deepEqual(validateAgainstOpenApi('publishMinutes', 422, 'application/problem+json', refused), []);
      assert.ok(documentedResponse('publishMinutes', 422), 'the 422 is documented');
      assert.equal(refused.errors?.length, 11);
      assert.deepEqual([...new Set(pointers(refused))], ['/noDiscussionRecorded']);
      for (const x of unwritten)
        assert.ok(
          refused.errors?.some((e) => e.detail.includes(x.id)),
          `minute ${x.number} in the errors`,
        );
      const some = problemOf(
        await ds('POST', `/meetings/${may}/minutes/publish`, { version, noDiscussionRecorded: unwritten.slice(0, 10).map((x) => x.id) }),
        422,
      );
      assert.equal(some.errors?.length, 1);
      assert.match(some.detail ?? '', new RegExp(`^1 minute is not written \\(no discussion and no resolution\\): ${unwritten[10]!.number}\\. `));
      assert.equal(json(await ds('GET', `/meetings/${may}/minutes`)).state, 'draft');

      const m = documented(
        await ds('POST', `/meetings/${may}/minutes/publish`, { version, noDiscussionRecorded: unwritten.map((x) => x.id) }),
        'publishMinutes',
      );
      const marked = (m.minutes as { id: string; noDiscussionRecorded: boolean }[]).filter((x) => x.noDiscussionRecorded).map((x) => x.id);
      assert.deepEqual(marked.sort(), unwritten.map((x) => x.id).sort());
      assert.equal(m.state, 'published');
      assert.equal(m.publishedOn, today);
      const shown = documented(await anon(`/meetings/${may}/minutes`), 'getMinutes');
      assert.equal(shown.state, 'published');
      assert.equal(shown.approval, null);
      const again = problemOf(await ds('POST', `/meetings/${may}/minutes/publish`, { version: m.version }), 422);
      assert.equal(again.detail, 'The minutes have already been published');
    });

    it('approves the minutes at a later meeting, after which they are locked', async () => {
      const { version } = json(await ds('GET', `/meetings/${may}/minutes`));
      const earlier = problemOf(await ds('POST', `/meetings/${may}/minutes/approve`, { version, approvedAtMeetingId: april }), 422);
      assert.equal(errorAt(earlier, '/approvedAtMeetingId'), 'Select a later meeting of the same committee that was not cancelled');
      const notId = problemOf(await ds('POST', `/meetings/${may}/minutes/approve`, { version, approvedAtMeetingId: 'next week' }), 422);
      assert.deepEqual(pointers(notId), ['/approvedAtMeetingId']);
      problemOf(await ds('POST', `/meetings/${may}/minutes/approve`, { version: version + 1, approvedAtMeetingId: july }), 409);
      const m = documented(await ds('POST', `/meetings/${may}/minutes/approve`, { version, approvedAtMeetingId: july }), 'approveMinutes');
      assert.equal(m.state, 'approved');
      assert.deepEqual(m.approval, {
        approvedOn: '2018-07-05',
        approvedAtMeetingId: july,
        statement: 'Agreed as a correct record at the meeting of Thursday 5 July 2018 and signed by the Chairman',
      });
      const minute = (await q<{ id: string }>(`select id from minutes where meeting_id = $1 and number = 63`, [may]))[0]!.id;
      const locked = problemOf(await ds('POST', `/meetings/${may}/minutes/${minute}/resolutions`, { text: 'Afterthought', outcome: 'noted' }), 422);
      assert.equal(locked.detail, 'These minutes have been approved and signed: record an amendment instead');
      const attendance = problemOf(await ds('POST', `/meetings/${may}/attendance`, { personId: await person('Lina Joseph'), category: 'present' }), 422);
      assert.match(attendance.detail ?? '', /approved and signed/);
      problemOf(await ds('POST', `/meetings/${may}/minutes/approve`, { version: m.version, approvedAtMeetingId: july }), 422);
    });

    it('refuses to start minutes for a cancelled meeting', async () => {
      await q(`update meetings set status = 'cancelled' where id = $1`, [july]);
      const refused = problemOf(await ds('POST', `/meetings/${july}/minutes/start`), 422);
      assert.equal(refused.detail, 'This meeting was cancelled: it has no minutes');
      assert.equal((await q(`select 1 from minutes where meeting_id = $1`, [july])).length, 0);
      await q(`update meetings set status = 'scheduled' where id = $1`, [july]);
    });

    it('refuses every write to a councillor (403) and to someone not signed in (401), changing nothing', async () => {
      const minute = (await q<{ id: string }>(`select id from minutes where meeting_id = $1 and number = 63`, [may]))[0]!.id;
      const action = (
        await q<{ id: string; version: number }>(`select id, version from actions where body_id = $1 and status = 'ongoing' limit 1`, [bodyId])
      )[0]!;
      const writes: [Method, string, unknown][] = [
        ['POST', `/meetings/${july}/attendance`, { name: 'Someone', category: 'other' }],
        ['POST', `/meetings/${july}/declarations`, { personId: await person('Lis Every'), kind: 'other', description: 'Interest' }],
        ['POST', `/meetings/${july}/minutes/start`, undefined],
        ['POST', `/meetings/${may}/minutes/${minute}/resolutions`, { text: 'To agree', outcome: 'unanimous' }],
        ['POST', `/meetings/${july}/minutes/publish`, { version: 1 }],
        ['POST', `/meetings/${july}/minutes/approve`, { version: 1, approvedAtMeetingId: may }],
        ['PUT', `/actions/${action.id}`, { status: 'completed', comments: '', version: action.version }],
      ];
      const tables = ['attendance', 'declarations', 'minutes', 'resolutions', 'actions'];
      const before = await Promise.all(tables.map((table) => countRows(t.db, table)));
      for (const [method, url, payload] of writes) {
        problemOf(await call('councillor', method, url, payload), 403);
        problemOf(await call(null, method, url, payload), 401);
      }
      assert.deepEqual(await Promise.all(tables.map((table) => countRows(t.db, table))), before);
      assert.equal((await q(`select status from actions where id = $1`, [action.id]))[0]!.status, 'ongoing');
      // A councillor may read.
      documented(await call('councillor', 'GET', `/meetings/${may}/minutes`), 'getMinutes');
    });
  });

  describe('the decisions register', () => {
    it('finds decisions by words, body, dates and key decision reference', async () => {
      const all = documented(await anon('/decisions'), 'listDecisions');
      assert.ok(all.pagination.total >= 9);
      assert.equal(all.data[0].meeting.date, '2018-05-31', 'newest meeting first');
      const words = documented(await anon('/decisions?q=Delivery%20Plan'), 'listDecisions');
      assert.ok(words.data.length >= 1);
      assert.ok(words.data.every((d: { meeting: { date: string } }) => d.meeting.date === '2018-04-17'));
      assert.ok(words.data.some((d: { text: string; minute: { number: number } }) => /Delivery Plan/.test(d.text) && d.minute.number === 53));
      const ref = documented(await anon('/decisions?keyDecisionRef=2018%2F052'), 'listDecisions');
      assert.equal(ref.data.length, 1);
      assert.equal(ref.data[0].decision, 'by a majority (4 votes in favour, 1 against, 1 abstention)');
      assert.deepEqual(ref.data[0].body, { id: bodyId, name: 'Communities and Partnership Committee' });
      const april17 = documented(await anon(`/decisions?bodyId=${bodyId}&from=2018-04-17&to=2018-04-17`), 'listDecisions');
      assert.equal(april17.pagination.total, 9);
      const paged = documented(await anon(`/decisions?from=2018-04-17&to=2018-04-17&limit=4&offset=8`), 'listDecisions');
      assert.equal(paged.data.length, 1);
      assert.deepEqual(paged.pagination, { total: 9, limit: 4, offset: 8 });
    });

    it('refuses a bad query with 400', async () => {
      for (const query of ['from=2018-02-30', 'from=2018-05-01&to=2018-04-01', 'bodyId=committee', 'limit=0', 'limit=many', `q=${'x'.repeat(201)}`]) {
        const p = problemOf(await anon(`/decisions?${query}`), 400);
        assert.ok((p.errors ?? []).length >= 1, query);
      }
    });
  });

  describe('the action log', () => {
    /** A new action, due yesterday, from a new minute of the 5 July 2018 meeting, whose minutes are not published. */
    const newDraftAction = async () => {
      const minute = await t.db.transaction(
        { actor: 'test' },
        async (tx) =>
          (
            await tx.query<{ id: string; number: number }>(
              `insert into minutes (tenant_id, body_id, meeting_id, number, title)
         values ($1, $2, $3, (select coalesce(max(number), 999) + 1 from minutes where meeting_id = $3), 'Test minute') returning id, number`,
              [t.tenantId, bodyId, july],
            )
          )[0]!,
      );
      const id = await addAction(t.db, ctx, july, minute.id, {
        description: 'Report back on the draft',
        ownerPersonId: await person('Martin Curtis'),
        dueDate: plusDays(today, -1),
      });
      return { id, minuteNumber: minute.number };
    };

    it('shows the public the actions arising from public minutes, and staff every action, with their state', async () => {
      const publicLog = documented(await anon(`/bodies/${bodyId}/actions`), 'listBodyActions');
      assert.equal(publicLog.data.length, 5);
      assert.ok(publicLog.data.every((a: { minuteNumber: number }) => a.minuteNumber === 52));
      assert.deepEqual(publicLog.data.map((a: { state: string }) => a.state).sort(), ['completed', 'ongoing', 'ongoing', 'ongoing', 'ongoing']);
      // An action from minutes not yet published is for staff only, even of a public meeting.
      await q(`update meetings set is_public = true where id = $1`, [july]);
      const staffBefore = json(await ds('GET', `/bodies/${bodyId}/actions`)).data.length;
      assert.ok(staffBefore >= 5);
      const draftAction = await newDraftAction();
      assert.equal(json(await anon(`/bodies/${bodyId}/actions`)).data.length, 5);
      const staffLog = documented(await ds('GET', `/bodies/${bodyId}/actions`), 'listBodyActions');
      assert.equal(staffLog.data.length, staffBefore + 1);
      const overdue = staffLog.data.find((a: { id: string }) => a.id === draftAction.id);
      assert.equal(overdue.state, 'overdue');
      assert.equal(overdue.status, 'ongoing');
      assert.deepEqual(overdue.owner, { personId: await person('Martin Curtis'), name: 'Martin Curtis' });
      assert.equal(overdue.minuteNumber, draftAction.minuteNumber);
      problemOf(await anon('/bodies/not-a-uuid/actions'), 400);
      problemOf(await anon('/bodies/00000000-0000-4000-8000-000000000000/actions'), 404);
    });

    it("updates an action's progress, refusing a stale version and bad input", async () => {
      const { id: draftAction } = await newDraftAction();
      const { version } = json(await ds('GET', `/bodies/${bodyId}/actions`)).data.find((a: { id: string }) => a.id === draftAction);
      const badDate = problemOf(await ds('PUT', `/actions/${draftAction}`, { status: 'completed', dueDate: '2019-02-30', version }), 422);
      assert.deepEqual(pointers(badDate), ['/dueDate']);
      const badStatus = problemOf(await ds('PUT', `/actions/${draftAction}`, { status: 'finished', version }), 422);
      assert.equal(errorAt(badStatus, '/status'), 'Select whether the action is ongoing or completed');
      problemOf(await ds('PUT', `/actions/${draftAction}`, { status: 'completed' }), 422);
      problemOf(await ds('PUT', '/actions/00000000-0000-4000-8000-000000000000', { status: 'completed', version: 1 }), 404);
      problemOf(await ds('PUT', '/actions/nope', { status: 'completed', version: 1 }), 400);

      const done = documented(
        await ds('PUT', `/actions/${draftAction}`, { status: 'completed', comments: 'Reported on 1 June', dueDate: plusDays(today, -1), version }),
        'updateAction',
      );
      assert.equal(done.state, 'completed');
      assert.equal(done.completedOn, today);
      assert.equal(done.comments, 'Reported on 1 June');
      assert.equal(done.version, version + 1);
      const stale = problemOf(await ds('PUT', `/actions/${draftAction}`, { status: 'ongoing', version }), 409);
      assert.match(stale.detail ?? '', /changed/);
      assert.equal((await q(`select status from actions where id = $1`, [draftAction]))[0]!.status, 'completed');
      const reopened = documented(
        await ds('PUT', `/actions/${draftAction}`, { status: 'ongoing', dueDate: plusDays(today, 10), version: done.version }),
        'updateAction',
      );
      assert.equal(reopened.state, 'ongoing');
      assert.equal(reopened.completedOn, null);
      assert.equal(reopened.dueDate, plusDays(today, 10));
    });
  });

  describe('exempt items', () => {
    /** Runs fn with the item of minute 52 of 17 April 2018 exempt under paragraph 3, then makes it open again. */
    const withItem52Exempt = async (fn: (item: string) => Promise<void>) => {
      const { id: item, paragraph } = (
        await q<{ id: string; paragraph: number | null }>(
          `select i.id, i.exempt_paragraph as paragraph
        from minutes m join agenda_items i on i.id = m.agenda_item_id where m.meeting_id = $1 and m.number = 52`,
          [april],
        )
      )[0]!;
      assert.ok(item);
      await q(`update agenda_items set exempt_paragraph = 3 where id = $1`, [item]);
      try {
        await fn(item);
      } finally {
        await q(`update agenda_items set exempt_paragraph = $2 where id = $1`, [item, paragraph]);
      }
    };

    it("masks an exempt item's minute, decisions and actions for the public, not for staff", async () => {
      const staffActions = json(await ds('GET', `/bodies/${bodyId}/actions`)).data.length;
      await withItem52Exempt(async () => {
        const pub = documented(await anon(`/meetings/${april}/minutes`), 'getMinutes');
        const masked = pub.minutes.find((m: { number: number }) => m.number === 52);
        assert.deepEqual(masked, { number: 52, title: 'Exempt item', exemptParagraph: 3 });
        assert.doesNotMatch(JSON.stringify(pub), /Skills Bl/);
        const staff = documented(await ds('GET', `/meetings/${april}/minutes`), 'getMinutes');
        const full = staff.minutes.find((m: { number: number }) => m.number === 52);
        assert.equal(full.resolutions.length, 2);
        assert.match(full.title, /Adult Learning and Skills/);

        const publicDecisions = documented(await anon('/decisions?from=2018-04-17&to=2018-04-17'), 'listDecisions');
        assert.equal(publicDecisions.pagination.total, 7);
        assert.ok(!publicDecisions.data.some((d: { minute: { number: number } }) => d.minute.number === 52));
        assert.equal(documented(await ds('GET', '/decisions?from=2018-04-17&to=2018-04-17'), 'listDecisions').pagination.total, 9);

        assert.equal(documented(await anon(`/bodies/${bodyId}/actions`), 'listBodyActions').data.length, 0);
        assert.equal(documented(await ds('GET', `/bodies/${bodyId}/actions`), 'listBodyActions').data.length, staffActions);
      });
    });

    it('hides the description of a declaration about an exempt item from the public', async () => {
      await withItem52Exempt(async (item) => {
        const every = await person('Lis Every');
        await t.db.transaction({ actor: 'test' }, (tx) =>
          tx.query(
            `insert into declarations (tenant_id, meeting_id, agenda_item_id, person_id, kind, description) values ($1, $2, $3, $4, 'other', 'Director of the bidder')`,
            [t.tenantId, april, item, every],
          ),
        );
        const pub = documented(await anon(`/meetings/${april}/minutes`), 'getMinutes');
        const d = pub.declarations.find((x: { agendaItemId: string | null }) => x.agendaItemId === item);
        assert.equal(d.description, null);
        assert.doesNotMatch(JSON.stringify(pub), /Director of the bidder/);
        const staff = documented(await ds('GET', `/meetings/${april}/minutes`), 'getMinutes');
        assert.equal(staff.declarations.find((x: { agendaItemId: string | null }) => x.agendaItemId === item).description, 'Director of the bidder');
        await t.db.transaction({ actor: 'test' }, (tx) =>
          tx.query(`delete from declarations where agenda_item_id = $1 and description = 'Director of the bidder'`, [item]),
        );
      });
    });

    it("keeps the public from a draft body's action log", async () => {
      await q(`update bodies set publication_state = 'draft' where id = $1`, [bodyId]);
      problemOf(await anon(`/bodies/${bodyId}/actions`), 404);
      problemOf(await anon(`/meetings/${april}/minutes`), 404);
      // The demo's partnership boards have published decisions of their own: those of this body are the ones gone.
      assert.equal(documented(await anon(`/decisions?bodyId=${bodyId}`), 'listDecisions').pagination.total, 0);
      assert.ok(documented(await ds('GET', `/decisions?bodyId=${bodyId}`), 'listDecisions').pagination.total > 0, 'staff still see them');
      documented(await ds('GET', `/bodies/${bodyId}/actions`), 'listBodyActions');
      await q(`update bodies set publication_state = 'published' where id = $1`, [bodyId]);
    });
  });
});

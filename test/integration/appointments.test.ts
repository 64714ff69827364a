// Appointments of councillors to outside bodies through the HTTP layer: the demo list from seed 004
// (Appendix 3 to item 10), adding a body through the form (bad input first), appointing, vacancies,
// ending an appointment (a date before the start refused), the public list, and the JSON API.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { registerOperations } from '../../src/api/operations.ts';
import { API_OPERATIONS } from '../../src/app.ts';
import { loadDemoAppointments } from '../../src/demo/appointments-demo.ts';
import { appointmentOperations } from '../../src/appointments/appointments.api.ts';
import { appointmentsOfPerson } from '../../src/appointments/appointments.repository.ts';
import { registerAppointmentPages, registerPublicAppointmentPages } from '../../src/appointments/appointments.routes.ts';
import { anonymousAgent, apiToken, buildTestApp, countRows, json, signIn, type Agent, type TestApp } from '../helper.ts';

const idFrom = (location: unknown, prefix: string) => new RegExp(`${prefix}/([0-9a-f-]{36})`).exec(String(location))?.[1] ?? '';
const demoFile = (name: string) => new URL(`../../demo/${name}`, import.meta.url);

/** The demo's keys → database ids, rebuilt from names, for loading the appointments demo when demo.ts does not yet. */
async function demoIds(t: TestApp) {
  const ids = new Map<string, string>();
  const people = await t.db.query<{ id: string; name: string }>('select id, name from people where tenant_id = $1', [t.tenantId]);
  const byName = new Map(people.map((p) => [p.name, p.id]));
  for (const file of ['register.json', 'meetings.json']) {
    const data = JSON.parse(await readFile(demoFile(file), 'utf8')) as {
      people: { key: string; name: string }[];
      organisations?: { key: string; name: string }[];
      bodies?: { key: string; name: string }[];
    };
    for (const p of data.people) if (byName.has(p.name)) ids.set(p.key, byName.get(p.name)!);
    for (const o of data.organisations ?? []) {
      const row = await t.db.query<{ id: string }>('select id from organisations where tenant_id = $1 and name = $2', [t.tenantId, o.name]);
      if (row[0]) ids.set(o.key, row[0].id);
    }
    for (const b of data.bodies ?? []) {
      const row = await t.db.query<{ id: string }>('select id from bodies where tenant_id = $1 and name = $2', [t.tenantId, b.name]);
      if (row[0]) ids.set(b.key, row[0].id);
    }
  }
  return ids;
}

describe('appointments to outside bodies', () => {
  let t: TestApp;
  let clerk: Agent;
  let councillor: Agent;
  let visitor: Agent;
  let committeeId = '';
  let bodyId = '';
  let appointmentId = '';
  const outsideBodies = () => countRows(t.db, 'outside_bodies');

  before(async () => {
    t = await buildTestApp({
      // Until src/app.ts registers the appointment pages and operations, the test registers them itself.
      beforeReady: (app) => {
        if (!app.hasRoute({ method: 'GET', url: '/outside-bodies' })) void registerAppointmentPages(app, app.db);
        if (!app.hasRoute({ method: 'GET', url: '/representatives' })) void registerPublicAppointmentPages(app, app.db);
        if (!API_OPERATIONS.some((op) => op.operationId === 'getOutsideBody')) registerOperations(app, appointmentOperations);
      },
    });
    // Until demo/demo.ts loads the appointments demo, load it here, after the meetings demo as demo.ts would.
    if ((await outsideBodies()) === 0) {
      const ids = await demoIds(t);
      await t.db.transaction({ actor: 'demo' }, (tx) => loadDemoAppointments(tx, t.tenantId, ids));
    }
    committeeId = (await t.db.query<{ id: string }>(`select id from bodies where name = 'Communities and Partnership Committee'`))[0]!.id;
    clerk = await signIn(t.app, 'democratic_services');
    councillor = await signIn(t.app, 'councillor');
    visitor = anonymousAgent(t.app);
  });
  after(async () => t?.close());

  it('loads Appendix 3 of the 31 May 2018 report: six bodies, their representatives and no real contact details', async () => {
    assert.equal(await outsideBodies(), 6);
    assert.equal(await countRows(t.db, 'outside_body_appointments'), 18);
    const list = await clerk.get('/outside-bodies');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Outside bodies \(2\)/);
    assert.match(list.body, /Partnership liaison and advisory groups \(3\)/);
    assert.match(list.body, /Internal advisory groups and panels \(1\)/);
    assert.match(list.body, /Innovate and Cultivate Fund Bid Assessment Panel/);
    assert.match(list.body, /Vacancies: 0/);
    const pub = await visitor.get('/representatives');
    assert.equal(pub.statusCode, 200);
    assert.match(
      pub.body,
      /<caption[^>]*>Appointments to outside bodies, partnership liaison and advisory groups and other internal advisory groups and panels<\/caption>/,
    );
    for (const header of ['Name of body', 'Meetings per annum', 'Representatives appointed', 'Current representative\\(s\\)', 'Contact details']) {
      assert.match(pub.body, new RegExp(`<th scope="col" class="govuk-table__header[^"]*">${header}</th>`));
    }
    assert.match(pub.body, /Councillor Steve Criswell \(Con\)/);
    assert.match(pub.body, /Substitutes:/);
    assert.match(pub.body, /Councillor Ian Manning \(Lib Dem\)/);
    assert.match(pub.body, /4 – 6/);
    assert.match(pub.body, /1 Observer Status/);
    assert.match(pub.body, /href="mailto:elaine.matthews@example.org"/);
    assert.doesNotMatch(pub.body, /cambridgeshire\.gov\.uk|capalc\.org\.uk|cambridgecab|01223|0300 333/);
    // Only example.org addresses and Ofcom drama numbers in the demo file; new people are new.
    const raw = await readFile(demoFile('appointments.json'), 'utf8');
    for (const email of raw.match(/[\w.+-]+@[\w.-]+/g) ?? []) assert.match(email, /@example\.org$/, email);
    for (const phone of raw.match(/\b0\d{3,4}[ \d]{6,9}\b/g) ?? []) assert.match(phone.trim(), /^01632 960\d{3}$/, phone);
    const known = new Set<string>();
    for (const file of ['register.json', 'meetings.json']) for (const p of JSON.parse(await readFile(demoFile(file), 'utf8')).people) known.add(p.key);
    for (const p of (JSON.parse(raw) as { people: { key: string }[] }).people) assert.ok(!known.has(p.key), `${p.key} is already a demo person`);
    // The councillor's page can list every appointment: Cllr Costello sits on three.
    const costello = (await t.db.query<{ id: string }>(`select id from people where name = 'Adela Costello'`))[0]!.id;
    const hers = await appointmentsOfPerson(t.db, t.tenantId, costello);
    assert.deepEqual(hers.map((a) => a.outsideBodyName).sort(), [
      'Cambridgeshire and Peterborough Association of Local Councils (CAPALC) District Committees',
      'Community Safety Partnerships',
      'Hinchingbrooke Country Park Joint Group',
    ]);
    assert.ok(hers.every((a) => a.outsideBodyKind === 'liaison_group' && a.endDate === null));
  });

  it('adds an outside body through the form, refusing bad input with messages and changing nothing', async () => {
    const form = await clerk.get('/outside-bodies/new');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<label class="govuk-label govuk-label--s" for="name">/);
    const count = await outsideBodies();
    const bad = await clerk.post('/outside-bodies/new', {
      name: '',
      kind: 'club',
      places: 'five',
      committeeId: 'not-a-committee',
      observerStatus: 'false',
      publicationState: 'published',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /There is a problem/);
    assert.match(bad.body, /<title>Error: /);
    assert.match(bad.body, /href="#name">Enter the name of the body/);
    assert.match(bad.body, /Select whether it is an outside body/);
    assert.match(bad.body, /Places must be a whole number, like 5/);
    assert.match(bad.body, /Select the committee from the list/);
    assert.match(bad.body, /govuk-error-message/);
    assert.equal(await outsideBodies(), count);
    const taken = await clerk.post('/outside-bodies/new', {
      name: 'community safety partnerships',
      kind: 'liaison_group',
      observerStatus: 'false',
      publicationState: 'published',
    });
    assert.equal(taken.statusCode, 400);
    assert.match(taken.body, /already exists/);
    assert.equal((await councillor.post('/outside-bodies/new', { name: 'Nope', kind: 'outside_body' })).statusCode, 403);
    assert.equal(await outsideBodies(), count);

    const ok = await clerk.post('/outside-bodies/new', {
      name: 'Fenland Rural Transport Forum',
      kind: 'outside_body',
      purpose: 'To advise on rural transport in Fenland.',
      meetingsPerYear: '3-4',
      representatives: '2',
      places: '2',
      observerStatus: 'false',
      contact: 'Jo Bloggs\nForum Secretary\njo.bloggs@example.org\n01632 960599',
      committeeId,
      publicationState: 'published',
    });
    assert.equal(ok.statusCode, 303);
    bodyId = idFrom(ok.headers.location, '/outside-bodies');
    assert.ok(bodyId);
    const page = await clerk.get(String(ok.headers.location));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Outside body added/);
    assert.match(page.body, /Communities and Partnership Committee/);
    assert.match(page.body, /Vacancies: 2/);
    assert.match(page.body, /href="mailto:jo.bloggs@example.org"/);
  });

  it('appoints a councillor, refusing bad input, and counts the vacancy that is left', async () => {
    const criswell = (await t.db.query<{ id: string }>(`select id from people where name = 'Steve Criswell'`))[0]!.id;
    const bad = await clerk.post(`/outside-bodies/${bodyId}/appointments`, {
      personId: '',
      role: 'representative',
      'startDate-day': '31',
      'startDate-month': '2',
      'startDate-year': '2019',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Start date must be a real date/);
    assert.match(bad.body, /href="#startDate-day"/);
    const backwards = await clerk.post(`/outside-bodies/${bodyId}/appointments`, {
      personId: criswell,
      role: 'representative',
      'startDate-day': '1',
      'startDate-month': '6',
      'startDate-year': '2018',
      'endDate-day': '1',
      'endDate-month': '1',
      'endDate-year': '2018',
    });
    assert.equal(backwards.statusCode, 400);
    assert.match(backwards.body, /End date must be the same as or after the start date/);
    const unknown = await clerk.post(`/outside-bodies/${bodyId}/appointments`, { personId: '00000000-0000-4000-8000-000000000000', role: 'representative' });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.body, /Select the councillor from the list/);
    assert.equal((await t.db.query('select 1 from outside_body_appointments where outside_body_id = $1', [bodyId])).length, 0);

    const ok = await clerk.post(`/outside-bodies/${bodyId}/appointments`, {
      personId: criswell,
      role: 'representative',
      party: '',
      'startDate-day': '1',
      'startDate-month': '6',
      'startDate-year': '2018',
      appointedBy: 'Communities and Partnership Committee, 31 May 2018',
    });
    assert.equal(ok.statusCode, 303);
    const row = (
      await t.db.query<{ id: string; party: string | null }>('select id, party from outside_body_appointments where outside_body_id = $1', [bodyId])
    )[0]!;
    appointmentId = row.id;
    assert.equal(row.party, 'Con', 'the party comes from the directory when none is given');
    const page = await clerk.get(String(ok.headers.location));
    assert.match(page.body, /Appointment recorded/);
    assert.match(page.body, /Vacancies: 1/);
    assert.match(page.body, /Communities and Partnership Committee, 31 May 2018/);
    assert.match((await clerk.get('/outside-bodies')).body, /Fenland Rural Transport Forum[\s\S]*?Councillor Steve Criswell \(Con\)[\s\S]*?Vacancies: 1/);
  });

  it('shows the body and its current representative on the public site, and never a draft', async () => {
    const list = await visitor.get('/representatives');
    assert.match(list.body, /Fenland Rural Transport Forum/);
    assert.match(list.body, /To advise on rural transport in Fenland\./);
    const one = await visitor.get(`/representatives/${bodyId}`);
    assert.equal(one.statusCode, 200);
    assert.match(one.body, /Steve Criswell/);
    assert.match(one.body, /1 June 2018/);
    const draft = await clerk.post('/outside-bodies/new', { name: 'Draft Panel', kind: 'internal_panel', observerStatus: 'false', publicationState: 'draft' });
    const draftId = idFrom(draft.headers.location, '/outside-bodies');
    assert.doesNotMatch((await visitor.get('/representatives')).body, /Draft Panel/);
    assert.equal((await visitor.get(`/representatives/${draftId}`)).statusCode, 404);
    assert.match((await clerk.get('/outside-bodies')).body, /Draft Panel/);
  });

  it('ends an appointment, refusing an end date before its start', async () => {
    const form = await clerk.get(`/outside-bodies/${bodyId}/appointments/${appointmentId}/end`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /End Councillor Steve Criswell’s appointment/);
    const early = await clerk.post(`/outside-bodies/${bodyId}/appointments/${appointmentId}/end`, {
      'endDate-day': '31',
      'endDate-month': '5',
      'endDate-year': '2018',
    });
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /End date must be the same as or after the start of the appointment, 1 June 2018/);
    assert.match(early.body, /href="#endDate-day"/);
    const missing = await clerk.post(`/outside-bodies/${bodyId}/appointments/${appointmentId}/end`, {});
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Enter end date/);
    const still = async () =>
      (await t.db.query<{ endDate: string | null }>('select end_date as "endDate" from outside_body_appointments where id = $1', [appointmentId]))[0]!.endDate;
    assert.equal(await still(), null);
    const ok = await clerk.post(`/outside-bodies/${bodyId}/appointments/${appointmentId}/end`, {
      'endDate-day': '14',
      'endDate-month': '5',
      'endDate-year': '2019',
    });
    assert.equal(ok.statusCode, 303);
    assert.equal(await still(), '2019-05-14');
    const page = await clerk.get(`/outside-bodies/${bodyId}`);
    assert.match(page.body, /Vacancies: 2/);
    assert.match(page.body, /Past and future appointments \(1\)/);
    assert.match(page.body, /14 May 2019/);
    const pub = await visitor.get(`/representatives/${bodyId}`);
    assert.match(pub.body, /Nobody is appointed at present/);
    assert.match(pub.body, /Past representatives/);
  });

  it('changes a body with a version check', async () => {
    const version = (await t.db.query<{ version: number }>('select version from outside_bodies where id = $1', [bodyId]))[0]!.version;
    const fields = {
      name: 'Fenland Rural Transport Forum',
      kind: 'outside_body',
      places: '3',
      observerStatus: 'false',
      publicationState: 'published',
      committeeId,
    };
    const edit = await clerk.get(`/outside-bodies/${bodyId}/edit`);
    assert.equal(edit.statusCode, 200);
    assert.match(edit.body, new RegExp(`name="version" value="${version}"`));
    const ok = await clerk.post(`/outside-bodies/${bodyId}/edit`, { ...fields, version: String(version) });
    assert.equal(ok.statusCode, 303);
    const stale = await clerk.post(`/outside-bodies/${bodyId}/edit`, { ...fields, places: '9', version: String(version) });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone else changed this record/);
    assert.equal((await t.db.query<{ places: number }>('select places from outside_bodies where id = $1', [bodyId]))[0]!.places, 3);
    const bad = await clerk.post(`/outside-bodies/${bodyId}/edit`, { ...fields, places: '101', version: String(version + 1) });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Places must be 100 or fewer/);
  });

  it('answers 404 for unknown records and ids that are not UUIDs', async () => {
    for (const url of [
      '/outside-bodies/not-a-uuid',
      '/outside-bodies/00000000-0000-4000-8000-000000000000',
      '/outside-bodies/not-a-uuid/edit',
      `/outside-bodies/${bodyId}/appointments/not-a-uuid/end`,
      `/outside-bodies/${bodyId}/appointments/00000000-0000-4000-8000-000000000000/end`,
    ]) {
      const res = await clerk.get(url);
      assert.equal(res.statusCode, 404, url);
      assert.match(res.body, /Page not found/);
    }
    assert.equal((await clerk.post('/outside-bodies/not-a-uuid/appointments', { personId: '', role: 'representative' })).statusCode, 404);
    assert.equal((await visitor.get('/representatives/not-a-uuid')).statusCode, 404);
    assert.equal((await visitor.get('/representatives/00000000-0000-4000-8000-000000000000')).statusCode, 404);
    // The back office is for staff: the public are sent to sign in.
    const anon = await visitor.get('/outside-bodies');
    assert.equal(anon.statusCode, 303);
    assert.match(String(anon.headers.location), /^\/sign-in/);
  });

  describe('JSON API', () => {
    let ds = '';
    let cllr = '';
    const call = (token: string | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
      t.app.inject({
        method,
        url: `/api/v1${url}`,
        headers: token ? { authorization: `Bearer ${token}` } : {},
        ...(payload ? { payload } : {}),
      });
    /** Checks the answer matches the operation's documented status and response schema. */
    const documented = (res: { statusCode: number; body: string }, operationId: string) => {
      const op = appointmentOperations.find((o) => o.operationId === operationId)!;
      assert.equal(res.statusCode, op.response.status, `${operationId}: ${res.body}`);
      const parsed = op.response.schema!.safeParse(JSON.parse(res.body));
      assert.ok(parsed.success, `${operationId} answered outside its schema: ${parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 5))}`);
      return JSON.parse(res.body);
    };
    before(async () => {
      ds = await apiToken(t, 'democratic_services');
      cllr = await apiToken(t, 'councillor');
    });

    it('creates, gets, changes, appoints and ends through the API', async () => {
      const input = {
        name: 'Cambridgeshire ACRE Board',
        kind: 'outside_body',
        purpose: 'Rural community action.',
        meetingsPerYear: '4',
        representatives: '1',
        places: 1,
        observerStatus: false,
        contact: 'Jo Bloggs\njo.bloggs@example.org',
        committeeId,
      };
      assert.equal((await call(cllr, 'POST', '/outside-bodies', input)).statusCode, 403);
      assert.equal((await call(null, 'POST', '/outside-bodies', input)).statusCode, 401);
      const bad = await call(ds, 'POST', '/outside-bodies', { ...input, name: '', places: -1 });
      assert.equal(bad.statusCode, 422);
      const created = await call(ds, 'POST', '/outside-bodies', input);
      const body = documented(created, 'createOutsideBody');
      assert.equal(created.headers.location, `/api/v1/outside-bodies/${body.id}`);
      assert.equal(body.publicationState, 'published');
      assert.equal(body.vacancies, 1);
      assert.equal(body.committeeName, 'Communities and Partnership Committee');

      const person = (await t.db.query<{ id: string }>(`select id from people where name = 'Lorna Dupre'`))[0]!.id;
      const noPerson = await call(ds, 'POST', `/outside-bodies/${body.id}/appointments`, {
        personId: '00000000-0000-4000-8000-000000000000',
        role: 'representative',
      });
      assert.equal(noPerson.statusCode, 422);
      assert.equal((await call(cllr, 'POST', `/outside-bodies/${body.id}/appointments`, { personId: person, role: 'representative' })).statusCode, 403);
      const appointed = documented(
        await call(ds, 'POST', `/outside-bodies/${body.id}/appointments`, {
          personId: person,
          role: 'representative',
          startDate: '2018-05-31',
          appointedBy: 'Communities and Partnership Committee, 31 May 2018',
        }),
        'appointToOutsideBody',
      );
      assert.equal(appointed.party, 'Lib Dem');
      const early = await call(ds, 'POST', `/outside-bodies/${body.id}/appointments/${appointed.id}/end`, { endDate: '2018-01-01' });
      assert.equal(early.statusCode, 422);
      assert.match(early.body, /End date must be the same as or after the start of the appointment/);

      const got = documented(await call(ds, 'GET', `/outside-bodies/${body.id}`), 'getOutsideBody');
      assert.equal(got.currentAppointments.length, 1);
      assert.equal(got.vacancies, 0);
      const ended = documented(
        await call(ds, 'POST', `/outside-bodies/${body.id}/appointments/${appointed.id}/end`, { endDate: '2019-05-14' }),
        'endOutsideBodyAppointment',
      );
      assert.equal(ended.endDate, '2019-05-14');
      const after = documented(await call(null, 'GET', `/outside-bodies/${body.id}`), 'getOutsideBody');
      assert.equal(after.currentAppointments.length, 0);
      assert.equal(after.appointments.length, 1);
      assert.equal(after.vacancies, 1);

      const stale = await call(ds, 'PUT', `/outside-bodies/${body.id}`, { ...input, places: 2, version: got.version + 5 });
      assert.equal(stale.statusCode, 409);
      const changed = documented(
        await call(ds, 'PUT', `/outside-bodies/${body.id}`, { ...input, places: 2, publicationState: 'draft', version: got.version }),
        'updateOutsideBody',
      );
      assert.equal(changed.places, 2);
      assert.equal((await call(cllr, 'PUT', `/outside-bodies/${body.id}`, { ...input, version: changed.version })).statusCode, 403);

      // The public see published bodies only; a token holder sees the draft too.
      assert.equal((await call(null, 'GET', `/outside-bodies/${body.id}`)).statusCode, 404);
      const publicList = documented(await call(null, 'GET', '/outside-bodies?limit=500'), 'listOutsideBodies');
      assert.ok(!publicList.data.some((b: { id: string }) => b.id === body.id));
      assert.ok(
        publicList.data.some(
          (b: { name: string; currentAppointments: unknown[] }) =>
            b.name === 'Innovate and Cultivate Fund Bid Assessment Panel' && b.currentAppointments.length === 6,
        ),
      );
      const staffList = documented(await call(cllr, 'GET', '/outside-bodies?limit=500&kind=outside_body'), 'listOutsideBodies');
      assert.ok(staffList.data.some((b: { id: string }) => b.id === body.id));
      assert.ok(staffList.data.every((b: { kind: string }) => b.kind === 'outside_body'));
    });

    it('answers 404 for an unknown body and 400 for an id that is not a UUID', async () => {
      assert.equal((await call(ds, 'GET', '/outside-bodies/00000000-0000-4000-8000-000000000000')).statusCode, 404);
      assert.equal((await call(ds, 'GET', '/outside-bodies/not-a-uuid')).statusCode, 400);
      assert.equal(
        json(
          await call(ds, 'POST', '/outside-bodies/00000000-0000-4000-8000-000000000000/appointments', {
            personId: '00000000-0000-4000-8000-000000000000',
            role: 'representative',
          }),
        ).status,
        404,
      );
    });
  });
});

// The OParl 1.1 interface, as a client that builds on it sees it: from the System to the Body, its lists
// and every object, each answer checked by Ajv against JSON Schemas of the OParl 1.1 objects written from
// the specification (test/fixtures/oparl/). Only what is public appears: drafts, private meetings, exempt
// items, unpublished papers and people's contact details never do, and bad filters are refused with 400.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { LightMyRequestResponse } from 'fastify';
import { anonymousAgent, buildTestApp, type Agent, type TestApp } from '../helper.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: true });
addFormats(ajv);
ajv.addSchema(JSON.parse(readFileSync(new URL('../fixtures/oparl/oparl-1.1.schema.json', import.meta.url), 'utf8')), 'oparl');

const SCHEMA = 'https://schema.oparl.org/1.1/';
const LISTS = ['organization', 'person', 'meeting', 'paper', 'agendaItem', 'consultation', 'file', 'locationList', 'membership', 'legislativeTermList'];

type Json = Record<string, any>;

/** The problems Ajv finds with an object against the named definition; [] when it is valid. */
function problems(definition: string, value: unknown): string[] {
  const validate = ajv.getSchema(`oparl#/$defs/${definition}`);
  assert.ok(validate, definition);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${definition} ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

/** Checks an object (or tombstone) against its type's schema. */
function assertObject(value: Json, where: string) {
  assert.equal(typeof value.type, 'string', `${where}: a type`);
  assert.ok(value.type.startsWith(SCHEMA), `${where}: ${value.type}`);
  const definition = value.deleted === true && Object.keys(value).length <= 4 ? 'Tombstone' : value.type.slice(SCHEMA.length);
  assert.deepEqual(problems(definition, value), [], `${where}: ${JSON.stringify(value).slice(0, 400)}`);
}

/** Every address in an answer (values of id, links and properties that are URLs), once. */
function urlsIn(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value === 'string' && /^https?:\/\//.test(value)) found.add(value);
  else if (Array.isArray(value)) for (const v of value) urlsIn(v, found);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) urlsIn(v, found);
  return found;
}

describe('OParl 1.1 interface', () => {
  let t: TestApp;
  let visitor: Agent;
  const answers = new Map<string, string>();

  /** A GET as any client would make it: JSON, readable from any web page. */
  async function get(url: string): Promise<LightMyRequestResponse> {
    const path = url.replace(/^https?:\/\/[^/]+/, '');
    const res = await visitor.get(path);
    answers.set(path, res.body);
    return res;
  }
  async function getJson(url: string): Promise<Json> {
    const res = await get(url);
    assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`);
    assert.equal(res.headers['content-type'], 'application/json; charset=utf-8', url);
    assert.equal(res.headers['access-control-allow-origin'], '*', url);
    assert.equal(res.headers['cross-origin-resource-policy'], 'cross-origin', url);
    return JSON.parse(res.body) as Json;
  }
  async function getList(url: string): Promise<Json> {
    const page = await getJson(url);
    assert.deepEqual(problems('ListPage', page), [], url);
    for (const [i, object] of (page.data as Json[]).entries()) assertObject(object, `${url} data[${i}]`);
    return page;
  }
  /** Every object of a list, following `next` from the first page. */
  async function everything(url: string): Promise<Json[]> {
    const all: Json[] = [];
    for (let next: string | undefined = url; next; ) {
      const page = await getList(next);
      all.push(...page.data);
      next = page.links.next;
    }
    return all;
  }
  const sql = <T = Json>(text: string, params: unknown[] = []) => t.db.query<T>(text, params);

  before(async () => {
    t = await buildTestApp();
    visitor = anonymousAgent(t.app);
  });
  after(() => t.close());

  it('walks from the System to the Body, its lists and their objects, each as the OParl 1.1 schema says', async () => {
    const system = await getJson('/oparl/v1/system');
    assertObject(system, 'system');
    assert.equal(system.oparlVersion, 'https://schema.oparl.org/1.1/');
    assert.match(system.id, /\/oparl\/v1\/system$/);
    const bodies = await getList(system.body);
    assert.equal(bodies.data.length, 1);
    const body = await getJson(bodies.data[0].id);
    assertObject(body, 'body');
    assert.deepEqual(body, bodies.data[0]);
    assert.equal(body.system, system.id);
    assert.deepEqual(body.legislativeTerm, []);
    for (const list of LISTS) assert.equal(typeof body[list], 'string', list);

    const counts: Record<string, number> = {};
    for (const list of LISTS) {
      const objects = await everything(body[list]);
      counts[list] = objects.length;
      for (const object of objects.slice(0, 5)) {
        // Each object answers at its own address, the same as in its list.
        assert.deepEqual(await getJson(object.id), object, object.id);
      }
    }
    // The demo: committees and partnerships, their members, the 2018 meetings with agendas, papers and minutes.
    for (const list of ['organization', 'person', 'meeting', 'paper', 'agendaItem', 'consultation', 'file', 'locationList', 'membership']) {
      assert.ok(counts[list]! > 0, `${list}: ${counts[list]}`);
    }
    assert.equal(counts.paper, counts.consultation);
    assert.equal(counts.legislativeTermList, 0);
  });

  it('resolves every address on the first page of every list: each answers 200', async () => {
    const body = (await getJson('/oparl/v1/bodies')).data[0] as Json;
    const seen = new Set<string>();
    for (const list of LISTS) {
      const page = await getList(`${body[list]}?limit=20`);
      for (const url of urlsIn(page)) {
        if (url.startsWith(SCHEMA) || seen.has(url) || url.includes('open-government-licence')) continue;
        seen.add(url);
        const res = await get(url);
        assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 200)}`);
        if (url.includes('/oparl/v1/') && !url.includes('?')) assertObject(JSON.parse(res.body), url);
      }
    }
    assert.ok(seen.size > 40, `${seen.size} addresses`);
    // The papers, agenda packs and minutes are the public site's own documents.
    assert.ok([...seen].some((u) => /\/calendar\/[^/]+\/papers\/[^/]+$/.test(u)));
    assert.ok([...seen].some((u) => /\/calendar\/[^/]+\/minutes\.pdf$/.test(u)));
  });

  it('pages a list as OParl says: pagination, first/prev/self/next/last, the filters kept on every link', async () => {
    const all = await everything('/oparl/v1/organizations?limit=500');
    assert.ok(all.length >= 5, `${all.length}`);
    const first = await getList('/oparl/v1/organizations?limit=2&modified_since=1900-01-01T00:00:00Z');
    assert.deepEqual(first.pagination, { totalElements: all.length, elementsPerPage: 2, currentPage: 1, totalPages: Math.ceil(all.length / 2) });
    assert.equal(first.links.prev, undefined);
    for (const link of ['first', 'self', 'next', 'last']) {
      const url = new URL(first.links[link]);
      assert.equal(url.searchParams.get('limit'), '2', link);
      assert.equal(url.searchParams.get('modified_since'), '1900-01-01T00:00:00Z', link);
    }
    const walked = await everything(first.links.first);
    assert.deepEqual(
      walked.map((o) => o.id),
      all.map((o) => o.id),
    );
    assert.equal(new Set(walked.map((o) => o.id)).size, walked.length, 'no object twice');
    const last = await getList(first.links.last);
    assert.equal(last.links.next, undefined);
    assert.ok(last.links.prev);
    assert.equal(last.pagination.currentPage, first.pagination.totalPages);
    // A page beyond the last is empty, not an error.
    const beyond = await getList('/oparl/v1/organizations?limit=2&page=999');
    assert.deepEqual(beyond.data, []);
  });

  it("lists each committee's meetings at its Organization's meeting list, and only those", async () => {
    const meetings = await everything('/oparl/v1/meetings?limit=500');
    const committees = (await everything('/oparl/v1/organizations?limit=500')).filter((o) => o.meeting);
    assert.ok(committees.length > 0);
    const listed: string[] = [];
    for (const committee of committees) {
      const own = await everything(committee.meeting);
      for (const m of own) assert.deepEqual(m.organization, [committee.id], m.id);
      listed.push(...own.map((m) => m.id));
    }
    assert.deepEqual(listed.sort(), meetings.map((m) => m.id).sort());
    // A partnership's address has no meeting list, and neither has an unknown one.
    const partnership = (await everything('/oparl/v1/organizations?limit=500')).find((o) => !o.meeting)!;
    assert.equal((await get(`${partnership.id}/meetings`)).statusCode, 404);
    assert.equal((await get('/oparl/v1/organization/00000000-0000-4000-8000-000000000000/meetings')).statusCode, 404);
    assert.equal((await get(`${committees[0]!.meeting}?modified_since=soon`)).statusCode, 400);
    // omit_internal leaves out the agenda items a meeting embeds.
    const lean = await getList('/oparl/v1/meetings?limit=500&omit_internal=true');
    assert.ok(lean.data.every((m: Json) => m.agendaItem === undefined));
  });

  it('filters by created_since, created_until, modified_since and modified_until', async () => {
    const all = await everything('/oparl/v1/meetings?limit=500');
    assert.deepEqual((await getList('/oparl/v1/meetings?created_since=2100-01-01T00:00:00Z')).data, []);
    assert.deepEqual((await getList('/oparl/v1/meetings?created_until=1901-01-01T00:00:00%2B01:00')).data, []);
    assert.equal((await everything('/oparl/v1/meetings?modified_since=1900-01-01T00:00:00Z&limit=500')).length, all.length);
    // A change shows in modified_since from just before it, and only the changed object.
    const [target] = all;
    const before = new Date(Date.now() - 1000).toISOString();
    const id = target!.id.split('/').pop();
    await sql(`update meetings set venue = 'Council Chamber, Shire Hall' where id = $1`, [id]);
    const changed = await everything(`/oparl/v1/meetings?modified_since=${encodeURIComponent(before)}`);
    assert.deepEqual(
      changed.map((m) => m.id),
      [target!.id],
    );
    assert.equal(changed[0]!.location.description, 'Council Chamber, Shire Hall');
    const untilBefore = await everything(`/oparl/v1/meetings?modified_until=${encodeURIComponent(before)}&limit=500`);
    assert.ok(!untilBefore.some((m) => m.id === target!.id));
    // created_since and created_until together, on the created time of an object in the middle.
    const middle = all[Math.floor(all.length / 2)]!;
    const exact = await everything(
      `/oparl/v1/meetings?created_since=${encodeURIComponent(middle.created)}&created_until=${encodeURIComponent(middle.created)}`,
    );
    assert.ok(exact.some((m) => m.id === middle.id));
    assert.ok(exact.every((m) => m.created === middle.created));
  });

  it('refuses a bad filter with 400 and a JSON problem naming it, never a 500', async () => {
    const bad = [
      'created_since=yesterday',
      'created_since=2018-05-31',
      'modified_since=2018-05-31T10:00:00',
      'modified_until=2018-02-30T00:00:00Z',
      'created_since=2018-13-01T00:00:00Z',
      'created_since=3000-01-01T00:00:00Z',
      'created_since=2018-05-31T00:00:00Z&created_since=2018-06-01T00:00:00Z',
      'modified_since=2019-01-01T00:00:00Z&modified_until=2018-01-01T00:00:00Z',
      'limit=0',
      'limit=abc',
      'limit=100000',
      'page=0',
      'page=-1',
      'page=1.5',
      'omit_internal=yes',
    ];
    for (const list of ['bodies', 'organizations', 'persons', 'meetings', 'agenda-items', 'papers', 'files', 'legislative-terms']) {
      for (const query of bad) {
        const res = await get(`/oparl/v1/${list}?${query}`);
        assert.equal(res.statusCode, 400, `${list}?${query}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
        const problem = JSON.parse(res.body) as Json;
        assert.equal(problem.status, 400);
        assert.ok(problem.detail.length > 10, problem.detail);
      }
    }
    // An address that names no object is a JSON 404.
    for (const url of [
      '/oparl/v1/meeting/not-a-uuid',
      '/oparl/v1/meeting/00000000-0000-4000-8000-000000000000',
      '/oparl/v1/file/agenda-x',
      '/oparl/v1/body/x',
      '/oparl/v1/nothing',
    ]) {
      const res = await get(url);
      assert.equal(res.statusCode, 404, url);
      assert.match(String(res.headers['content-type']), /json/, url);
    }
  });

  it('never shows a draft body, a private meeting, an exempt item, an unpublished paper or anyone’s contact details', async () => {
    const [tenant] = await sql<{ id: string }>(`select id from tenants limit 1`);
    const tenantId = tenant!.id;
    const [published] = await sql<{ id: string; body_id: string }>(
      `select m.id, m.body_id from meetings m where m.agenda_published_on is not null and public_meeting(m.id) order by m.meeting_date desc limit 1`,
    );
    assert.ok(published);
    const [draftBody] = await sql<{ id: string }>(
      `insert into bodies (tenant_id, name, kind, publication_state) values ($1, 'OPARL-DRAFT-BODY', 'board', 'draft') returning id`,
      [tenantId],
    );
    const [draftMeeting] = await sql<{ id: string }>(
      `insert into meetings (tenant_id, body_id, meeting_date, venue, agenda_published_on) values ($1, $2, '2018-07-01', 'OPARL-DRAFT-VENUE', '2018-06-20') returning id`,
      [tenantId, draftBody!.id],
    );
    await sql(`insert into agenda_items (tenant_id, meeting_id, position, title) values ($1, $2, 1, 'OPARL-DRAFT-BODY-ITEM')`, [tenantId, draftMeeting!.id]);
    const [privateMeeting] = await sql<{ id: string }>(
      `insert into meetings (tenant_id, body_id, meeting_date, venue, is_public, agenda_published_on) values ($1, $2, '2018-07-02', 'OPARL-PRIVATE-VENUE', false, '2018-06-20') returning id`,
      [tenantId, published!.body_id],
    );
    await sql(`insert into agenda_items (tenant_id, meeting_id, position, title) values ($1, $2, 1, 'OPARL-PRIVATE-ITEM')`, [tenantId, privateMeeting!.id]);
    const [exempt] = await sql<{ id: string }>(
      `insert into agenda_items (tenant_id, meeting_id, position, title, description, exempt_paragraph) values ($1, $2, 90, 'OPARL-EXEMPT-TITLE', 'OPARL-EXEMPT-TEXT', 3) returning id`,
      [tenantId, published!.id],
    );
    await sql(
      `insert into reports (tenant_id, agenda_item_id, kind, document, status) values ($1, $2, 'template', '{"title": "OPARL-EXEMPT-PAPER"}', 'published')`,
      [tenantId, exempt!.id],
    );
    const [open] = await sql<{ id: string }>(
      `insert into agenda_items (tenant_id, meeting_id, position, title) values ($1, $2, 91, 'Item whose paper is still a draft') returning id`,
      [tenantId, published!.id],
    );
    await sql(
      `insert into reports (tenant_id, agenda_item_id, kind, document, status) values ($1, $2, 'template', '{"title": "OPARL-DRAFT-PAPER"}', 'draft')`,
      [tenantId, open!.id],
    );
    const [unpublishedAgenda] = await sql<{ id: string }>(
      `insert into meetings (tenant_id, body_id, meeting_date) values ($1, $2, '2018-07-03') returning id`,
      [tenantId, published!.body_id],
    );
    await sql(`insert into agenda_items (tenant_id, meeting_id, position, title) values ($1, $2, 1, 'OPARL-UNPUBLISHED-AGENDA-ITEM')`, [
      tenantId,
      unpublishedAgenda!.id,
    ]);

    answers.clear();
    const body = (await getJson('/oparl/v1/bodies')).data[0] as Json;
    for (const list of LISTS) for (const object of await everything(`${body[list]}?limit=500`)) await getJson(object.id);
    const text = [...answers.values()].join('\n');
    for (const mark of ['OPARL-DRAFT', 'OPARL-PRIVATE', 'OPARL-EXEMPT', 'OPARL-UNPUBLISHED']) assert.ok(!text.includes(mark), mark);
    for (const id of [draftBody!.id, draftMeeting!.id, privateMeeting!.id]) assert.ok(!text.includes(id), id);
    // The exempt item shows only that it exists and its paragraph, as on the public agenda.
    const item = await getJson(`/oparl/v1/agenda-item/${exempt!.id}`);
    assert.equal(item.public, false);
    assert.match(item.name, /paragraph 3 of Part 1 of Schedule 12A/);
    assert.equal(item.consultation, undefined);
    assert.equal((await get(`/oparl/v1/meeting/${privateMeeting!.id}`)).statusCode, 404);
    assert.equal((await get(`/oparl/v1/organization/${draftBody!.id}`)).statusCode, 404);
    // No person's e-mail address or telephone number, though the directory holds them.
    const contacts = await sql<{ email: string | null; phone: string | null }>(`select email, phone from people where email is not null or phone is not null`);
    assert.ok(contacts.length > 0);
    for (const { email, phone } of contacts) {
      if (email) assert.ok(!text.includes(email), email);
      if (phone) assert.ok(!text.includes(phone), phone);
    }
  });

  it('keeps a deleted object as a tombstone for a client syncing with modified_since, and leaves it out otherwise', async () => {
    const memberships = await everything('/oparl/v1/memberships?limit=500');
    const gone = memberships[0]!;
    const before = new Date(Date.now() - 1000).toISOString();
    await sql(`update body_members set deleted_at = now() where id = $1`, [gone.id.split('/').pop()]);
    assert.ok(!(await everything('/oparl/v1/memberships?limit=500')).some((m) => m.id === gone.id));
    const synced = await everything(`/oparl/v1/memberships?modified_since=${encodeURIComponent(before)}`);
    assert.deepEqual(
      synced.map((m) => [m.id, m.deleted]),
      [[gone.id, true]],
    );
    assert.deepEqual(problems('Tombstone', synced[0]), []);
    const person = await getJson(gone.person);
    assert.ok(!person.membership?.some((m: Json) => m.id === gone.id));
  });

  it('gives an agenda item its result and resolutions only once the minutes are public, and never those of an exempt item', async () => {
    const papers = await everything('/oparl/v1/papers?limit=500');
    const consultation = papers[0]!.consultation[0] as Json;
    const itemId = consultation.agendaItem.split('/').pop();
    const meetingId = consultation.meeting.split('/').pop();
    const [meeting] = await sql<{ tenant_id: string; body_id: string }>(`select tenant_id, body_id from meetings where id = $1`, [meetingId]);
    const [exempt] = await sql<{ id: string }>(
      `insert into agenda_items (tenant_id, meeting_id, position, title, exempt_paragraph) values ($1, $2, 95, 'OPARL-EXEMPT-ITEM', 1) returning id`,
      [meeting!.tenant_id, meetingId],
    );
    await sql(`update meetings set minutes_state = 'draft' where id = $1`, [meetingId]);
    for (const [number, item, text, outcome] of [
      [901, itemId, 'Agreed the refreshed Community Resilience Strategy principles', 'unanimous'],
      [902, exempt!.id, 'OPARL-EXEMPT-RESOLUTION', 'majority'],
    ] as const) {
      const [minute] = await sql<{ id: string }>(
        `insert into minutes (tenant_id, body_id, meeting_id, agenda_item_id, number, title) values ($1, $2, $3, $4, $5, 'Minute') returning id`,
        [meeting!.tenant_id, meeting!.body_id, meetingId, item, number],
      );
      await sql(`insert into resolutions (tenant_id, minute_id, position, text, outcome) values ($1, $2, 1, $3, $4)`, [
        meeting!.tenant_id,
        minute!.id,
        text,
        outcome,
      ]);
    }
    const draft = await getJson(`/oparl/v1/agenda-item/${itemId}`);
    assert.equal(draft.resolutionText, undefined);
    assert.equal(draft.result, undefined);
    assert.equal((await getJson(`/oparl/v1/meeting/${meetingId}`)).resultsProtocol, undefined);

    await sql(`update meetings set minutes_state = 'published' where id = $1`, [meetingId]);
    const published = await getJson(`/oparl/v1/agenda-item/${itemId}`);
    assert.equal(published.resolutionText, 'Agreed the refreshed Community Resilience Strategy principles');
    assert.equal(published.result, 'Unanimously');
    const meetingNow = await getJson(`/oparl/v1/meeting/${meetingId}`);
    assert.match(meetingNow.resultsProtocol.accessUrl, new RegExp(`/calendar/${meetingId}/minutes\\.pdf$`));
    const text = JSON.stringify([meetingNow, await everything('/oparl/v1/agenda-items?limit=500')]);
    assert.ok(!text.includes('OPARL-EXEMPT'));
    const exemptItem = await getJson(`/oparl/v1/agenda-item/${exempt!.id}`);
    assert.equal(exemptItem.resolutionText, undefined);
    assert.equal(exemptItem.result, undefined);
  });
});

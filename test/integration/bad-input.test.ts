// Bad input, generated: a few thousand hostile values (fast-check, fixed seed) sent to every form
// and every API operation. Whatever arrives, the service must never fail (no 5xx), must say what
// is wrong when it refuses (a GOV.UK error summary, field message or error page for pages; a
// problem document with a detail or field errors for the API), must keep what it shows escaped,
// and must change nothing when it refuses (the audit trail, which every change writes to through
// a trigger, gains no rows).
//
// Most inputs are a valid form or body with one or two fields spoilt (replaced by something hostile,
// made slightly wrong, left out or sent twice), so they get past the first check and reach the
// database; the rest are anything at all. Each form and operation is its own test, so one bug does
// not hide another. A failure prints fast-check's seed, path and shrunk counterexample, and the
// request as sent ('@current' in a counterexample stands for the record's version at the time),
// the answer, and the server's own error for a 5xx.
//
// BAD_INPUT_SEED=n  another seed (default 42)    BAD_INPUT_SCALE=x  more or fewer runs
// BAD_INPUT_SURVEY=1  list every kind of problem found, one example each, instead of stopping at the first
import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import fc from 'fast-check';
import { z } from 'zod';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { API_OPERATIONS } from '../../src/app.ts';
import type { Operation } from '../../src/api/operations.ts';
import { LABELS } from '../../src/web/labels.ts';
import { ROLES } from '../../src/access/permissions.ts';
import { anonymousAgent, apiToken, buildTestApp, signIn, type Agent, type TestApp } from '../helper.ts';

const SEED = Number(process.env.BAD_INPUT_SEED ?? 42);
/** Multiplies every property's number of runs (the defaults send about 4,200 requests, more when a failure is shrunk). */
const SCALE = Number(process.env.BAD_INPUT_SCALE ?? 1);
/** List every kind of problem found (one example each) instead of stopping at the first. */
const SURVEY = process.env.BAD_INPUT_SURVEY === '1';
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

type Res = LightMyRequestResponse;
type FormValue = string | string[];
type Fields = Record<string, FormValue | undefined>;

// ---- Hostile values ------------------------------------------------------------------------------

const SCRIPTS = [
  '<script>alert("bad-input")</script>',
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  '</textarea><script>alert(document.cookie)</script>',
  '<svg onload=alert(1)>',
];
/** What must never come back unescaped in a page. */
const RAW_SCRIPT = /<script>alert|<img src=x onerror|<svg onload/i;

const controlChars = fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 8 });

/** Values known to trip services up: NUL and other control characters, markup, SQL, numbers and dates out of range. */
const NASTY = [
  '',
  ' ',
  '   \t ',
  '\r\n\r\n',
  '\u00a0',
  '\u200b',
  '\ufeff',
  '\u202e',
  '\u0000',
  'a\u0000b',
  'Bad input \u0000 name',
  '\u0007\u001b[2J',
  '\ud83d',
  ...SCRIPTS,
  '<b>bold</b>',
  '{{ 7 * 7 }}',
  '{% include "x" %}',
  '${7*7}',
  '&amp;&lt;',
  '%00',
  '%',
  '\\',
  '../../etc/passwd',
  "'; drop table partnerships; --",
  "1' or '1'='1",
  '1; select pg_sleep(1)',
  "Robert'); --",
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '0',
  '-1',
  '-0',
  '1.5',
  '1e3',
  '1e10',
  '1e309',
  '-1e309',
  'NaN',
  'Infinity',
  '0x1F',
  '2147483647',
  '2147483648',
  '-2147483649',
  '9007199254740993',
  '99999999999999999999',
  '00001',
  ' 12 ',
  '1,000',
  '£-5',
  '£1e5',
  '31/02/2020',
  '2020-02-31',
  '2020-02-30',
  '2023-02-29',
  '0000-01-01',
  '0001-01-01',
  '9999-12-31',
  '10000-01-01',
  '-0001-01-01',
  '2020-13-01',
  '1899-12-31',
  '2020-1-1',
  '2020-01-01T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '2020-01-01T00:00:00+99:00',
  'yesterday',
  'javascript:alert(1)',
  'http://',
  'https://',
  'https://example.org/<x>',
  'ftp://example.org',
  'x@y',
  '@',
  'a@b.c',
  'mailto:x@example.org',
  'a\u0000b@example.net',
  'x@example.net\u0000',
  '//evil.example',
  '/\\evil.example',
  'https://evil.example',
];

/** Text a person, a tampered form or a broken client might send in place of any single value. */
const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: controlChars },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 10 }), fc.oneof(fc.constantFrom('\u0000', '\u0000\u0000', '\u007f', '\u0008'), controlChars), fc.string({ maxLength: 10 }))
      .map(([a, b, c]) => `${a}${b}${c}`),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom('a', 'é', '😀', '<', ' ', '漢', '\u0301'), fc.integer({ min: 100, max: 5000 })).map(([c, n]) => c.repeat(n)),
  },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.double()).map(String) },
);

/** Anything JSON can carry, where the API expects one particular type. */
const jsonJunk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -1, 1.5, 1e20, -1e20, 2147483648, Number.MAX_SAFE_INTEGER, 1e308, 5e-324),
  fc.constant({}),
  fc.constant([]),
  fc.array(hostileText, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), hostileText, { maxKeys: 2 }),
  fc.constant({ toString: 'x', valueOf: 1 }),
  fc.constant([[[]]]),
);

/** Field names that were never on the form. */
const extraNames = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'id',
  'tenantId',
  'tenant_id',
  'deletedAt',
  'createdBy',
  'version',
  'publicationState',
  'roles',
  'isAdmin',
  'name[]',
  'a[b]',
  'a.b',
  '',
  ' ',
  '😀',
);
const extraFields = fc.dictionary(extraNames, hostileText, { maxKeys: 3 });

/** The objects' own fields merged, later ones winning; '__proto__' stays an ordinary field (as JSON.parse makes it). */
function own<V>(...objects: Record<string, V>[]): Record<string, V> {
  const out: Record<string, V> = {};
  for (const o of objects)
    for (const [k, v] of Object.entries(o)) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

const ALL_CODES = [...new Set(Object.values(LABELS).flatMap((l) => Object.keys(l)))];
const codes = (group: string) => Object.keys(LABELS[group] ?? {});

// ---- The app ------------------------------------------------------------------------------------

describe('bad input: generated hostile values for every form and API operation', () => {
  let t: TestApp;
  let admin: Agent;
  let adminSession: { cookie: string; csrf: string };
  let anonymous: { cookie: string; csrf: string };
  let token: string;
  const ids = {
    partnerships: [] as string[],
    organisations: [] as string[],
    people: [] as string[],
    areas: [] as string[],
    bodies: [] as string[],
    meetings: [] as string[],
    indicators: [] as string[],
    reportItems: [] as { id: string; partId: string }[],
    approvedMinutes: [] as { id: string; partId: string }[],
    minutes: [] as { id: string; partId: string }[],
    actions: [] as { id: string; partId: string }[],
    membership: { partnershipId: '', id: '' },
    /** Seed 004's delivery plan and its priorities and actions; seed 003's work programme and its tasks. */
    deliveryPlan: '',
    planPriorities: [] as string[],
    planActions: [] as { id: string; partId: string }[],
    programme: '',
    tasks: [] as { id: string; partId: string }[],
    /** A partnership, organisation and person of our own that the DELETE operations may remove. */
    spare: { partnership: '', organisation: '', person: '' },
  };
  const sent = new Map<string, number>();
  const faults = new Map<string, string>();
  /** Answers by area and status, to show how deep the generated input got. */
  const statuses = new Map<string, Map<number, number>>();
  const survey = new Map<string, { count: number; example: string }>();

  before(async () => {
    // The app's own error log is off in tests; keep each fault's message, by request id, to say why a request failed.
    t = await buildTestApp({
      beforeReady: (app) =>
        app.addHook('onError', async (request, _reply, error) => {
          faults.set(String(request.id), `${(error as { code?: string }).code ?? error.name}: ${error.message}`);
        }),
    });
    admin = await signIn(t.app, 'administrator');
    adminSession = await sessionOf(admin);
    anonymous = await sessionOf(anonymousAgent(t.app));
    token = await apiToken(t, 'administrator');
    const q = (sql: string) => t.db.query<{ id: string }>(sql, [t.tenantId]).then((rows) => rows.map((r) => r.id));
    ids.partnerships = await q(`select id from partnerships where tenant_id = $1 and deleted_at is null order by name limit 8`);
    ids.organisations = await q(`select id from organisations where tenant_id = $1 and deleted_at is null order by name limit 8`);
    ids.people = await q(`select id from people where tenant_id = $1 and deleted_at is null order by name limit 8`);
    ids.areas = await q(`select id from areas where tenant_id = $1 and deleted_at is null order by name`);
    ids.bodies = await q(`select id from bodies where tenant_id = $1 and deleted_at is null order by name`);
    ids.indicators = await q(`select id from indicators where tenant_id = $1 and deleted_at is null order by title limit 6`);
    ids.reportItems = (
      await t.db.query<{ id: string; meetingId: string }>(
        `select i.id, i.meeting_id as "meetingId" from agenda_items i
      join meetings m on m.id = i.meeting_id where m.tenant_id = $1 and m.meeting_date = '2018-05-31' and i.deleted_at is null order by i.position limit 6`,
        [t.tenantId],
      )
    ).map((r) => ({ id: r.meetingId, partId: r.id }));
    ids.approvedMinutes = (
      await t.db.query<{ id: string; meetingId: string }>(
        `select mi.id, mi.meeting_id as "meetingId" from minutes mi
      join meetings m on m.id = mi.meeting_id where m.tenant_id = $1 and m.minutes_state = 'approved' order by mi.number limit 3`,
        [t.tenantId],
      )
    ).map((r) => ({ id: r.meetingId, partId: r.id }));
    ids.meetings = await q(`select id from meetings where tenant_id = $1 and deleted_at is null order by meeting_date limit 6`);
    ids.deliveryPlan = (await q(`select id from plans where tenant_id = $1 and kind = 'delivery_plan'`))[0]!;
    ids.programme = (await q(`select id from plans where tenant_id = $1 and kind = 'work_programme'`))[0]!;
    ids.planPriorities = await t.db
      .query<{ id: string }>(`select id from plan_priorities where plan_id = $1 order by number`, [ids.deliveryPlan])
      .then((r) => r.map((x) => x.id));
    ids.planActions = (await t.db.query<{ id: string }>(`select id from plan_actions where plan_id = $1 order by reference limit 4`, [ids.deliveryPlan])).map(
      (a) => ({ id: ids.deliveryPlan, partId: a.id }),
    );
    ids.tasks = (await t.db.query<{ id: string }>(`select id from programme_tasks where plan_id = $1 order by number limit 4`, [ids.programme])).map((a) => ({
      id: ids.programme,
      partId: a.id,
    }));
    // Draft minutes to write into: the 31 May 2018 meeting's, started as an officer would.
    const { startMinutes } = await import('../../src/minutes/minutes.service.ts');
    const may31 = (await q(`select id from meetings where tenant_id = $1 and meeting_date = '2018-05-31' and kind = 'formal'`))[0]!;
    await startMinutes(t.db, { tenantId: t.tenantId, actor: 'test', requestId: 'bad-input' }, may31);
    ids.minutes = (await t.db.query<{ id: string }>(`select id from minutes where meeting_id = $1 order by number limit 4`, [may31])).map((m) => ({
      id: may31,
      partId: m.id,
    }));
    ids.actions = (
      await t.db.query<{ id: string; bodyId: string }>(`select id, body_id as "bodyId" from actions where tenant_id = $1 limit 3`, [t.tenantId])
    ).map((a) => ({ id: a.bodyId, partId: a.id }));
    const m = (
      await t.db.query<{ id: string; partnershipId: string }>(
        `select id, partnership_id as "partnershipId" from memberships
      where tenant_id = $1 and deleted_at is null and end_date is null order by id limit 1`,
        [t.tenantId],
      )
    )[0]!;
    ids.membership = { id: m.id, partnershipId: m.partnershipId };
    assert.ok(ids.partnerships.length && ids.organisations.length && ids.people.length && ids.areas.length, 'the demo data is loaded');
    // Our own records for the DELETE operations, made through the API.
    const made = async (path: string, body: unknown) => {
      const res = await api('POST', path, { json: body });
      assert.equal(res.statusCode, 201, `${path}: ${res.body}`);
      return (JSON.parse(res.body) as { id: string }).id;
    };
    ids.spare.partnership = await made('/partnerships', { name: 'Bad input spare board', kind: 'forum', purpose: 'To be deleted' });
    ids.spare.organisation = await made('/organisations', { name: 'Bad input spare organisation', kind: 'other' });
    ids.spare.person = await made('/people', { name: 'Bad input spare person', kind: 'officer' });
    // The spare board has a member (another person: the spare person stays deletable).
    await made(`/partnerships/${ids.spare.partnership}/memberships`, {
      personId: await made('/people', { name: 'Bad input member', kind: 'officer' }),
      role: 'member',
    });
    // Bring them to version 3, so that a generated 'version=1' does not delete them and leave only 404s to test.
    for (const [path, body] of [
      [`/partnerships/${ids.spare.partnership}`, { kind: 'forum', purpose: 'To be deleted' }],
      [`/organisations/${ids.spare.organisation}`, { kind: 'other' }],
      [`/people/${ids.spare.person}`, { kind: 'officer' }],
    ] as const) {
      for (const version of [1, 2]) {
        const res = await api('PUT', path, { json: { ...body, name: `Bad input spare ${path.split('/')[1]} ${version}`, version } });
        assert.equal(res.statusCode, 200, `${path}: ${res.body}`);
      }
    }
    // A board with no timeline yet, so that events of any date may be added to it.
    ids.partnerships.push(await made('/partnerships', { name: 'Bad input board', kind: 'forum', purpose: 'To be given parts' }));
  });
  after(async () => {
    const total = [...sent.values()].reduce((a, b) => a + b, 0);
    console.log(`bad-input requests sent: ${[...sent].map(([k, n]) => `${k} ${n}`).join(', ')}; total ${total}`);
    if (SURVEY)
      console.log(`bad-input survey: ${survey.size} kinds of problem\n${[...survey].map(([k, v]) => `* ${k} (${v.count}×)\n  ${v.example}`).join('\n')}`);
    await t?.close();
  });

  async function sessionOf(agent: Agent) {
    const csrf = await agent.csrf();
    const cookie = Object.entries(agent.cookies)
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
    return { cookie, csrf };
  }

  // ---- Sending and checking ----------------------------------------------------------------------

  /** The last audit row before a request; afterwards, the rows it added (a token's last-use stamp is not a change). */
  const auditMark = async () => (await t.db.query<{ m: string }>('select coalesce(max(id), 0)::text as m from audit_log'))[0]!.m;
  const auditSince = (mark: string) =>
    t.db.query<{ entityType: string; action: string; entityId: string }>(
      `select entity_type as "entityType", action, entity_id as "entityId" from audit_log where id > $1::bigint
       and not (entity_type = 'api_tokens' and action = 'update'
                and (before - 'last_used' - 'modified' - 'version') = (after - 'last_used' - 'modified' - 'version'))
     order by id`,
      [mark],
    );

  const excerpt = (s: string, n = 600) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);
  const show = (v: unknown) => excerpt(fc.stringify(v), 800);

  /**
   * Sends one request and checks everything the requirement asks of the answer. A problem throws,
   * so fast-check shrinks the input and prints it; with BAD_INPUT_SURVEY=1 problems are collected
   * instead and listed at the end, one example of each, so that one bug does not hide the next.
   */
  async function exchange(area: string, kind: 'page' | 'api', opts: InjectOptions, what: unknown): Promise<Res> {
    const mark = await auditMark();
    const res = await t.app.inject(opts);
    sent.set(area, (sent.get(area) ?? 0) + 1);
    const byStatus = statuses.get(area) ?? new Map<number, number>();
    statuses.set(area, byStatus.set(res.statusCode, (byStatus.get(res.statusCode) ?? 0) + 1));
    const problem = await judge(kind, res, mark);
    if (problem) {
      const report =
        `${opts.method} ${excerpt(String(opts.url), 200)} → ${res.statusCode}: ${problem}\n  sent: ${show(what)}\n` +
        `  answer (${String(res.headers['content-type'])}): ${excerpt(String(res.headers['content-type']).startsWith('text/html') ? mainText(res.body) : res.body)}`;
      if (!SURVEY) throw new Error(report);
      const key = `${area} | ${problem.slice(0, 160).replace(/[0-9a-f]{8}-[0-9a-f-]{27}|"[^"]*"/g, '…')}`;
      const seen = survey.get(key);
      if (seen) seen.count++;
      else survey.set(key, { count: 1, example: report });
    }
    return res;
  }

  /** What is wrong with an answer, if anything. */
  async function judge(kind: 'page' | 'api', res: Res, mark: string): Promise<string | null> {
    const status = res.statusCode;
    const type = String(res.headers['content-type'] ?? '');
    if (status >= 500) return `the service failed (5xx): ${faults.get(String(res.headers['x-request-id'])) ?? 'no error recorded'}`;
    if (type.startsWith('text/html') && RAW_SCRIPT.test(res.body)) return 'the page contains unescaped script that was sent';
    if (status < 400) return null;
    if (kind === 'page') {
      if (!type.startsWith('text/html')) return 'a refused form must answer with an HTML page';
      if (!clearPageMessage(res.body)) return 'the refusal page has no error summary, error message or error page heading';
    } else {
      if (!type.startsWith('application/problem+json')) return 'an API refusal must be application/problem+json';
      let p: { title?: unknown; status?: unknown; detail?: unknown; errors?: { pointer?: unknown; detail?: unknown }[] };
      try {
        p = JSON.parse(res.body);
      } catch {
        return 'the problem document is not JSON';
      }
      if (typeof p.title !== 'string' || !p.title) return 'the problem has no title';
      if (p.status !== status) return `the problem's status (${String(p.status)}) is not the response's`;
      const hasDetail = typeof p.detail === 'string' && p.detail.trim() !== '';
      const hasErrors =
        Array.isArray(p.errors) &&
        p.errors.length > 0 &&
        p.errors.every((e) => typeof e.pointer === 'string' && typeof e.detail === 'string' && e.detail.trim() !== '');
      if (!hasDetail && !hasErrors) return 'the problem has neither a detail nor field errors saying what is wrong';
    }
    const changed = await auditSince(mark);
    if (changed.length) return `the refused request changed data: ${changed.map((c) => `${c.action} ${c.entityType} ${c.entityId}`).join(', ')}`;
    return null;
  }

  /** A page's main content as text, for reports. */
  const mainText = (html: string) =>
    (/<main[^>]*>([\s\S]*?)<\/main>/.exec(html)?.[1] ?? html)
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();

  const ERROR_HEADINGS =
    /<h1[^>]*>\s*(There is a problem with your request|Page not found|This record has been deleted|You do not have permission to see this page|Sign in to continue|This link has expired)/;
  /** The message a refused page gives: the error summary's first item, an inline message, or the error page's heading. */
  function clearPageMessage(body: string): string | null {
    const summary = /govuk-error-summary__list[^>]*>([\s\S]*?)<\/ul>/.exec(body)?.[1];
    const item = summary
      ? /<li>([\s\S]*?)<\/li>/
          .exec(summary)?.[1]
          ?.replace(/<[^>]+>/g, '')
          .trim()
      : undefined;
    if (item) return item;
    const inline = /class="govuk-error-message"[^>]*>([\s\S]*?)<\/p>/
      .exec(body)?.[1]
      ?.replace(/<[^>]+>/g, '')
      .replace(/^\s*Error:/, '')
      .trim();
    if (inline) return inline;
    return ERROR_HEADINGS.exec(body)?.[1] ?? null;
  }

  const entries = (fields: Fields): [string, string][] =>
    Object.entries(fields).flatMap(([k, v]) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((x) => [k, x] as [string, string])));

  /** Posts a form as the browser does (urlencoded, the CSRF token first), or as JSON, or multipart. */
  function formRequest(
    session: { cookie: string; csrf: string },
    url: string,
    fields: Fields,
    encoding: Encoding,
    ip: string,
    file?: FileField,
  ): InjectOptions {
    const headers = { cookie: session.cookie };
    const all = entries(fields);
    if (encoding === 'json') {
      const body = own<unknown>({ _csrf: session.csrf }, Object.fromEntries(Object.entries(fields).filter(([k, v]) => v !== undefined && k !== '_csrf')));
      return { method: 'POST', url, remoteAddress: ip, payload: JSON.stringify(body), headers: { ...headers, 'content-type': 'application/json' } };
    }
    if (encoding === 'multipart') {
      const boundary = '----badinput7d9f2c';
      const parts: Buffer[] = [];
      const quote = (s: string) => s.replace(/["\r\n]/g, (c) => encodeURIComponent(c));
      for (const [name, value] of [['_csrf', session.csrf] as [string, string], ...all]) {
        parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`));
      }
      if (file) {
        parts.push(
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${quote(file.filename)}"\r\n` +
              `Content-Type: ${file.type}\r\n\r\n`,
          ),
          file.data,
          Buffer.from('\r\n'),
        );
      }
      parts.push(Buffer.from(`--${boundary}--\r\n`));
      return {
        method: 'POST',
        url,
        remoteAddress: ip,
        payload: Buffer.concat(parts),
        headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      };
    }
    const body = new URLSearchParams([['_csrf', session.csrf], ...all]);
    return { method: 'POST', url, remoteAddress: ip, payload: body.toString(), headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' } };
  }

  /** A JSON request with the administrator's token (for setting up). */
  const api = (method: 'GET' | 'POST' | 'PUT', path: string, body?: { json: unknown }) =>
    t.app.inject({
      method,
      url: `/api/v1${path}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body ? { payload: JSON.stringify(body.json) } : {}),
    });

  // ---- Valid values, which the properties then spoil ------------------------------------------------

  const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
  /** One of the real ids, a random or broken one, or a real one written differently. */
  const realOrJunkId = (real: string[]) =>
    fc.oneof(
      { weight: 4, arbitrary: pick(real) },
      { weight: 1, arbitrary: fc.uuid() },
      { weight: 1, arbitrary: fc.constantFrom('00000000-0000-0000-0000-000000000000', 'not-a-uuid', 'ffffffff-ffff-ffff-ffff-ffffffffffff') },
      {
        weight: 1,
        arbitrary: pick(real).chain((id) => fc.constantFrom(id.toUpperCase(), `{${id}}`, `${id}x`, id.slice(0, -1), ` ${id} `, id.replace(/-/g, ''))),
      },
    );
  const text = fc.string({ minLength: 1, maxLength: 40 }).map((s) => `Bad input ${s}`);
  const label = (what: string) => fc.tuple(fc.string({ minLength: 1, maxLength: 20 }), fc.nat()).map(([s, n]) => `Bad input ${what} ${s} ${n}`);
  const isoDate = fc.date({ min: new Date('2015-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const dateTime = fc.date({ min: new Date('2000-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }).map((d) => d.toISOString());

  /** What a record is: decides which codes are valid for `kind`. */
  type Context =
    | 'partnership'
    | 'event'
    | 'membership'
    | 'contribution'
    | 'document'
    | 'organisation'
    | 'person'
    | 'account'
    | 'query'
    | 'body'
    | 'bodyMember'
    | 'meeting'
    | 'item'
    | 'attendance'
    | 'declaration'
    | 'resolution'
    | 'action'
    | 'indicator'
    | 'value'
    | 'plan'
    | 'planAction'
    | 'task';
  const KINDS: Record<Context, string[]> = {
    partnership: codes('partnershipKind').filter((k) => k !== 'sub_group'),
    event: ['restructured'],
    document: codes('documentKind'),
    organisation: codes('organisationKind'),
    person: codes('personKind'),
    membership: [],
    contribution: [],
    account: [],
    query: [],
    body: codes('bodyKind'),
    bodyMember: [],
    meeting: codes('meetingKind'),
    item: [],
    attendance: [],
    declaration: codes('declarationKind'),
    resolution: [],
    action: [],
    indicator: [],
    value: [],
    plan: ['delivery_plan', 'work_programme'],
    planAction: [],
    task: [],
  };

  /** A value the form accepts for a field, as the browser sends it (text). */
  function validText(name: string, context: Context): fc.Arbitrary<string> {
    switch (name) {
      case 'name':
        return context === 'account' ? text : label(context);
      case 'kind':
        return pick(KINDS[context].length ? KINDS[context] : ALL_CODES);
      case 'subgroupType':
        return pick(codes('subgroupType'));
      case 'role':
        return pick(codes(context === 'bodyMember' ? 'bodyRole' : 'role'));
      case 'purpose':
        return context === 'item' ? pick(codes('itemPurpose')) : text;
      case 'category':
        return pick(codes('attendanceCategory'));
      case 'unit':
        return fc.constantFrom('percentage', 'rate_per_1000', 'count', 'money', 'days');
      case 'polarity':
        return fc.constantFrom('higher_is_better', 'lower_is_better', 'not_applicable');
      case 'frequency':
        return fc.constantFrom('monthly', 'quarterly', 'annual');
      case 'decimals':
        return fc.integer({ min: 0, max: 6 }).map(String);
      case 'tolerancePercent':
        return fc.constantFrom('', '10', '7.5');
      case 'period':
      case 'exceptionPeriod':
      case 'targetPeriod':
        return fc.constantFrom('2018-04-01', '2017-04-01');
      case 'target':
        return fc.constantFrom('', '100', '12.5', '-3');
      case 'cost':
        return fc.constantFrom('', '£5,000', '5000.50');
      case 'keyDecision':
        return fc.constantFrom('yes', 'no');
      case 'value':
      case 'statNeighbours':
      case 'england':
      case 'numerator':
        return fc.oneof(fc.constantFrom('12.53', '84.8%', '7,390', ''), fc.float({ noNaN: true, min: -1e6, max: 1e6 }).map(String));
      case 'denominator':
        return fc.constantFrom('', '589784', '100');
      case 'baselineValue':
      case 'finalTargetValue':
        return fc.constantFrom('', '12.53', '12.2');
      case 'code':
        return context === 'indicator'
          ? fc.oneof(
              fc.constant(''),
              fc.nat({ max: 9999 }).map((n) => `QX ${n}`),
            )
          : text;
      case 'declarantId':
      case 'substituteForPersonId':
      case 'ownerPersonId':
        return pick(ids.people);
      case 'outcome':
        return pick(codes('outcome'));
      case 'votesFor':
      case 'votesAgainst':
      case 'abstentions':
        return fc.integer({ min: 0, max: 12 }).map(String);
      case 'agendaItemId':
        return fc.constant('');
      case 'draftReportClearDays':
        return fc.integer({ min: 0, max: 60 }).map(String);
      case 'despatchClearDays':
        return fc.integer({ min: 5, max: 60 }).map(String);
      case 'quorum':
        return fc.integer({ min: 1, max: 200 }).map(String);
      case 'isPublic':
        return fc.constantFrom('true', 'false');
      case 'startTime':
      case 'endTime':
      case 'defaultStartTime':
        return fc.constantFrom('10:00', '14:00', '2pm', '');
      case 'clerkEmail':
        return fc.constantFrom('office@example.org', 'a.b@example.net');
      case 'clerkPhone':
        return fc.constantFrom('01632 960 001', '+44 1632 960001');
      case 'keyDecisionRef':
        return fc.constantFrom('2018/052', '', 'To be confirmed');
      case 'roles':
        return pick(ROLES);
      case 'datePrecision':
        return pick(codes('datePrecision'));
      case 'areaIds':
      case 'area':
        return pick(ids.areas);
      case 'personId':
        return pick(ids.people);
      case 'organisationId':
      case 'onBehalfOfId':
      case 'scopeOrganisationIds':
        return pick(ids.organisations);
      case 'parentId':
      case 'relatedPartnershipId':
      case 'scopePartnershipIds':
        return pick(ids.partnerships);
      case 'version':
        return fc.constant('@current');
      case 'email':
        return context === 'account' ? fc.emailAddress().filter((e) => !e.endsWith('@example.org')) : fc.constantFrom('office@example.org', 'a.b@example.net');
      case 'website':
      case 'url':
      case 'termsOfReferenceUrl':
        return fc.constantFrom('https://example.org/papers/terms.pdf', 'http://example.net/');
      case 'phone':
        return fc.constantFrom('01632 960 001', '+44 1632 960001', '(01632) 960-001');
      case 'financialYear':
        return fc.integer({ min: 1990, max: 2100 }).map(String);
      case 'amount':
        return fc.oneof(fc.constantFrom('£8,000', '23,470.50', '0'), fc.nat().map(String));
      case 'exemptParagraph':
        return fc.constantFrom('', '1', '7');
      case 'responsibilities':
        return fc.array(text, { maxLength: 4 }).map((l) => l.join('\n'));
      case 'password':
        return fc.string({ minLength: 1, maxLength: 30 });
      case 'returnTo':
        return fc.constant('/partnerships');
      case 'limit':
        return fc.integer({ min: 1, max: 500 }).map(String);
      case 'offset':
        return fc.integer({ min: 0, max: 200 }).map(String);
      case 'status':
        return context === 'planAction'
          ? fc.constantFrom('not_started', 'on_track', 'at_risk', 'off_track', 'completed', 'deferred')
          : context === 'action'
            ? fc.constantFrom('ongoing', 'completed')
            : context === 'value'
              ? fc.constantFrom('final', 'provisional')
              : pick(codes(context === 'meeting' ? 'meetingStatus' : 'status'));
      case 'modifiedSince':
        return dateTime;
      case 'q':
        return fc.string({ maxLength: 20 });
      case 'partnershipId':
        return pick(ids.partnerships);
      case 'bodyId':
        return pick(ids.bodies);
      case 'meetingId':
        return pick(ids.meetings);
      case 'number':
        return fc.integer({ min: 1, max: 99 }).map(String);
      case 'outcomes':
        return fc.array(text, { maxLength: 4 }).map((l) => l.join('\n'));
      case 'priorityId':
        return pick(ids.planPriorities);
      case 'reference':
        return fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 20, max: 99 })).map(([a, b]) => `${a}.${b}`);
      case 'firstMilestone':
        return fc.constantFrom('April 2018', 'May-18', '30/04/2018', '', 'Reviewed yearly');
      case 'continuesUntil':
        return fc.constantFrom('May 2020', 'Refreshed annually', 'Reviewed biannually', '');
      case 'dependsOn':
        return fc.constantFrom('', '1.4', '2.6, 1.4');
      case 'percentComplete':
        return fc.constantFrom('', '0', '55', '100');
      case 'ragOverride':
        return fc.constantFrom('', 'amber', 'red');
      case 'likelihood':
      case 'impact':
        return fc.integer({ min: 1, max: 5 }).map(String);
      case 'levelOverride':
        return fc.constantFrom('', '1', '2');
    }
    if (name.endsWith('-day')) return fc.integer({ min: 1, max: 28 }).map(String);
    if (name.endsWith('-month')) return fc.integer({ min: 1, max: 12 }).map(String);
    if (name.endsWith('-year')) return fc.integer({ min: 2015, max: 2030 }).map(String);
    if (/date$|^asAt$|^compare$/i.test(name)) return isoDate;
    return text;
  }

  /** A value the API accepts for a field (JSON types). */
  function validJson(name: string, context: Context): fc.Arbitrary<unknown> {
    switch (name) {
      case 'areaIds':
        return fc.array(pick(ids.areas), { maxLength: 2 });
      case 'responsibilities':
        return fc.array(text, { maxLength: 3 });
      case 'financialYear':
        return fc.integer({ min: 1990, max: 2100 });
      case 'amountPence':
        return fc.nat();
      case 'exemptParagraph':
        return fc.constantFrom(null, 1, 7);
      case 'parentId':
      case 'relatedPartnershipId':
        return fc.constant(null);
    }
    return validText(name, context);
  }

  /** A value in about the right shape, perhaps not one the service accepts. */
  function plausible(name: string): fc.Arbitrary<string> {
    if (name === 'kind') return pick(ALL_CODES);
    if (name === 'areaIds' || name === 'area') return realOrJunkId(ids.areas);
    if (name === 'personId') return realOrJunkId(ids.people);
    if (/^(organisationId|onBehalfOfId|scopeOrganisationIds)$/.test(name)) return realOrJunkId(ids.organisations);
    if (/^(parentId|relatedPartnershipId|scopePartnershipIds)$/.test(name)) return realOrJunkId(ids.partnerships);
    if (name === 'version') return fc.constantFrom('@current', '@stale', '0', '1', '2147483647', '2147483648', '1e10');
    if (name === 'email') return fc.oneof(fc.emailAddress(), fc.constantFrom('someone@example.org', 'partnership.officer@example.org'));
    if (/url|website/i.test(name)) return fc.webUrl();
    if (name === 'financialYear') return fc.integer({ min: 1985, max: 2105 }).map(String);
    if (name === 'amount' || name === 'amountPence')
      return fc.oneof(fc.constantFrom('£100000000000', '£99999999999.99', '1000000000000', '0.001'), fc.nat().map(String));
    if (name === 'exemptParagraph') return fc.integer({ min: -1, max: 8 }).map(String);
    if (name.endsWith('-day')) return fc.integer({ min: 0, max: 32 }).map(String);
    if (name.endsWith('-month')) return fc.integer({ min: 0, max: 13 }).map(String);
    if (name.endsWith('-year')) return fc.integer({ min: 1890, max: 2110 }).map(String);
    if (/date$|^asAt$|^compare$/i.test(name))
      return fc.oneof(isoDate, fc.constantFrom('0000-01-01', '0001-01-01', '9999-12-31', '2023-02-29', '2024-02-29', '1900-01-01'));
    if (name === 'modifiedSince') {
      return fc.oneof(
        fc.date({ min: new Date('0001-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }).map((d) => d.toISOString()),
        fc.constantFrom('2010-01-01T00:00:00Z', '2010-01-01T00:00:00+01:00', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59-23:59'),
      );
    }
    if (name === 'limit' || name === 'offset') return fc.oneof(fc.integer({ min: -5, max: 600 }).map(String), fc.constantFrom('1000000', '1000001', '1e2'));
    if (name === 'returnTo') return fc.constantFrom('/partnerships', '//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)');
    return fc.oneof(validText(name, 'query'), text);
  }

  type Encoding = 'urlencoded' | 'json' | 'multipart';
  type FileField = { field: string; filename: string; data: Buffer; type: string };
  type ApiBody = { json: unknown } | { raw: string; type?: string };
  type Table = 'partnerships' | 'organisations' | 'people';
  /** A fresh client address for every request, so the per-address rate limits never answer instead of a form. */
  let clients = 0;
  const nextIp = () => {
    clients++;
    return `10.${(clients >> 16) & 255}.${(clients >> 8) & 255}.${clients & 255}`;
  };
  const dateParts = (group: string) => [`${group}-day`, `${group}-month`, `${group}-year`];
  /** Field names, where 'date:x' stands for the three boxes of a GOV.UK date input. */
  const expand = (names: string[]) => names.flatMap((n) => (n.startsWith('date:') ? dateParts(n.slice(5)) : [n]));

  /** A complete, valid set of fields: every required one, and some of the optional ones (date boxes all or none). */
  function validRecord<V>(required: string[], optional: string[], value: (name: string) => fc.Arbitrary<V>): fc.Arbitrary<Record<string, V>> {
    const group = (names: string[], all: boolean) => fc.record(Object.fromEntries(names.map((n) => [n, value(n)])), all ? {} : { requiredKeys: [] });
    const optionalDates = optional.filter((n) => n.startsWith('date:')).map((n) => fc.option(group(dateParts(n.slice(5)), true), { nil: {} }));
    return fc
      .tuple(
        group(expand(required), true),
        group(
          optional.filter((n) => !n.startsWith('date:')),
          false,
        ),
        ...optionalDates,
      )
      .map((parts) => Object.assign({}, ...parts) as Record<string, V>);
  }

  /** A valid value made slightly wrong: a control character inside, padding, far too long, out-of-range year, markup added. */
  function tweak(value: unknown): fc.Arbitrary<unknown> {
    // A record version, just wrong: beyond the integer column, not a whole number, not a number.
    if (value === '@current' || value === '@stale') {
      return fc.constantFrom('2147483648', '-2147483649', '1e10', '9007199254740993', '-1', '0', '1.5', ' 2147483648 ', '0x80000000', 'Infinity', '2\u0000');
    }
    if (typeof value === 'string') {
      const inserted = fc
        .tuple(
          fc.nat({ max: value.length }),
          fc.oneof(fc.constant('\u0000'), fc.constantFrom('\u0007', '\u001b', '\u007f', '\u202e', '\ufeff', '\ud800', '\r\n')),
        )
        .map(([i, ch]) => `${value.slice(0, i)}${ch}${value.slice(i)}`);
      const options: fc.Arbitrary<string>[] = [
        inserted,
        inserted,
        inserted,
        fc.constantFrom(`  ${value}  `, `\t${value}\n`, value.toUpperCase(), `${value}<script>alert("bad-input")</script>`, `${value}'; --`),
        fc.constantFrom(201, 1001, 5001).map((n) => value + 'x'.repeat(n)),
      ];
      if (/^\d{4}-\d{2}-\d{2}/.test(value)) {
        const year = fc.constantFrom('0000', '0000', '0001', '9999', '1899', '+0100').map((y) => y + value.slice(4));
        options.push(year, year);
      }
      if (/^\d+$/.test(value)) options.push(fc.constantFrom(`-${value}`, `${value}.5`, `${value}0000000000`, `0${value}`, `${value}e3`));
      return fc.oneof(...options);
    }
    if (typeof value === 'number') return fc.constantFrom(-value - 1, value + 0.5, value * 1e10, String(value), 2147483648, -2147483649, 1e300);
    if (Array.isArray(value))
      return fc.oneof(
        fc.constant(value[0] ?? null),
        hostileText.map((h) => [...value, h]),
        fc.constant([value]),
      );
    return jsonJunk;
  }

  /**
   * A valid record with one or two fields spoilt: replaced by something hostile, made slightly wrong, left out, or
   * sent twice. Sometimes with fields that were never on the form.
   */
  function spoilt<V>(
    valid: fc.Arbitrary<Record<string, V>>,
    names: string[],
    bad: (name: string) => fc.Arbitrary<V>,
    twice: ((a: V | undefined, b: V) => V) | null,
  ) {
    const ways = ['replace', 'replace', 'tweak', 'tweak', 'tweak', 'drop', ...(twice ? (['twice'] as const) : [])] as const;
    return valid.chain((base) => {
      const change = fc
        .tuple(pick(names), pick(ways))
        .chain(([field, how]) =>
          ((how === 'tweak' && base[field] !== undefined ? tweak(base[field]) : bad(field)) as fc.Arbitrary<V>).map((value) => ({ field, how, value })),
        );
      return fc
        .tuple(fc.uniqueArray(change, { minLength: 1, maxLength: 2, selector: (c) => c.field }), fc.option(extraFields, { freq: 4, nil: {} }))
        .map(([changes, extra]) => {
          const out = own<V>(extra as Record<string, V>, base);
          for (const c of changes) {
            if (c.how === 'drop') delete out[c.field];
            else out[c.field] = c.how === 'twice' && twice ? twice(base[c.field], c.value) : c.value;
          }
          return out;
        });
    });
  }

  /** One field's value when anything goes: plausible, hostile, or the field sent more than once. */
  const anyFormValue = (name: string): fc.Arbitrary<FormValue> =>
    fc.oneof(
      { weight: 3, arbitrary: plausible(name) },
      { weight: 3, arbitrary: hostileText },
      { weight: 1, arbitrary: fc.array(fc.oneof(plausible(name), hostileText), { minLength: 2, maxLength: 3 }) },
    );
  const badFormValue = (name: string): fc.Arbitrary<FormValue> => fc.oneof({ weight: 3, arbitrary: hostileText }, { weight: 2, arbitrary: plausible(name) });

  /** A form's fields: mostly a valid form with a few fields spoilt, sometimes anything at all. */
  const formFields = (required: string[], optional: string[], others: string[], context: Context): fc.Arbitrary<Fields> => {
    const names = expand([...required, ...optional, ...others]);
    return fc.oneof(
      {
        weight: 3,
        arbitrary: spoilt<FormValue | undefined>(
          validRecord(required, optional, (n) => validText(n, context)),
          names,
          badFormValue,
          (a, b) => [typeof a === 'string' ? a : '', ...(Array.isArray(b) ? b : [b ?? ''])],
        ),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.record(Object.fromEntries(names.map((n) => [n, anyFormValue(n)])), { requiredKeys: [] }), extraFields)
          .map(([known, extra]) => own<FormValue | undefined>(extra, known)),
      },
    );
  };

  const currentVersion = async (table: Table | undefined, id: string | undefined) =>
    (table && id ? (await t.db.query<{ version: number }>(`select version from ${table} where id::text = $1`, [id]))[0]?.version : undefined) ?? 1;
  /** Puts the record's current (or an out-of-date) version where the generated fields say '@current' ('@stale'). */
  const withVersion = async <V>(table: Table | undefined, id: string | undefined, fields: Record<string, V>, asNumber = false): Promise<Record<string, V>> => {
    if (!Object.values(fields).some((v) => v === '@current' || v === '@stale' || (Array.isArray(v) && v.some((x) => x === '@current' || x === '@stale'))))
      return fields;
    const current = await currentVersion(table, id);
    const as = (n: number) => (asNumber ? n : String(n));
    const swap = (v: unknown) => (v === '@current' ? as(current) : v === '@stale' ? as(current > 1 ? current - 1 : current + 1) : v);
    const out = own<V>(fields);
    for (const [k, v] of Object.entries(out)) out[k] = (Array.isArray(v) ? v.map(swap) : swap(v)) as V;
    return out;
  };

  async function propertyRun(c: TestContext, area: string, numRuns: number, prop: fc.IAsyncPropertyWithHooks<any>) {
    const before = sent.get(area) ?? 0;
    try {
      await fc.assert(prop, { seed: SEED, numRuns, includeErrorInReport: true });
    } finally {
      const answers = [...(statuses.get(area) ?? [])]
        .sort(([a], [b]) => a - b)
        .map(([status, n]) => `${status}×${n}`)
        .join(' ');
      c.diagnostic(`${area}: ${(sent.get(area) ?? 0) - before} requests (${answers})`);
    }
  }

  // ---- Forms ------------------------------------------------------------------------------------

  interface FormSpec {
    area: string;
    /** The form's address; `:id` (and `:partId`) are filled from `ids`. */
    url: string;
    context: Context;
    /** Fields a valid form has, may have, and the form's other fields ('date:x' is a date input). */
    required: string[];
    optional: string[];
    others?: string[];
    runs: number;
    ids?: () => { id: string; partId?: string }[];
    /** The record whose version the form sends back. */
    versioned?: Table;
    anonymous?: boolean;
    encodings?: Encoding[];
    upload?: boolean;
  }
  const PARTNERSHIP = {
    context: 'partnership' as const,
    required: ['name', 'kind', 'purpose'],
    optional: ['shortName', 'mission', 'responsibilities', 'termsOfReference', 'termsOfReferenceUrl', 'areaIds'],
    others: ['subgroupType', 'parentId'],
  };
  const ORGANISATION = { context: 'organisation' as const, required: ['name', 'kind'], optional: ['shortName', 'website', 'email', 'phone'] };
  const PERSON = {
    context: 'person' as const,
    required: ['name', 'kind'],
    optional: ['honorificPrefix', 'organisationId', 'post', 'party', 'electoralDivision', 'portfolio', 'email', 'phone'],
  };
  const each = (table: Table) => () => ids[table].map((id) => ({ id }));

  const FORMS: FormSpec[] = [
    { area: 'form: add partnership', url: '/partnerships', ...PARTNERSHIP, runs: 200 },
    {
      area: 'form: change partnership',
      url: '/partnerships/:id/edit',
      ...PARTNERSHIP,
      required: [...PARTNERSHIP.required, 'version'],
      runs: 200,
      ids: each('partnerships'),
      versioned: 'partnerships',
    },
    {
      area: 'form: add event',
      url: '/partnerships/:id/events',
      context: 'event',
      required: ['kind', 'date:eventDate'],
      optional: ['datePrecision', 'description', 'source'],
      others: ['relatedPartnershipId', 'previousName'],
      runs: 180,
      ids: each('partnerships'),
    },
    {
      area: 'form: add member',
      url: '/partnerships/:id/memberships',
      context: 'membership',
      required: ['personId', 'role'],
      optional: ['remit', 'onBehalfOfId', 'date:startDate'],
      others: ['organisationId', 'date:endDate'],
      runs: 180,
      ids: each('partnerships'),
    },
    {
      area: 'form: add contribution',
      url: '/partnerships/:id/contributions',
      context: 'contribution',
      required: ['organisationId', 'financialYear', 'amount'],
      optional: ['note'],
      runs: 180,
      ids: each('partnerships'),
    },
    {
      area: 'form: add document',
      url: '/partnerships/:id/documents',
      context: 'document',
      required: ['title'],
      optional: ['kind', 'exemptParagraph', 'url', 'date:documentDate', 'note'],
      runs: 180,
      ids: each('partnerships'),
      upload: true,
      encodings: ['multipart', 'multipart', 'multipart', 'urlencoded'],
    },
    {
      area: 'form: end membership',
      url: '/partnerships/:id/memberships/:partId/end',
      context: 'membership',
      required: ['date:endDate'],
      optional: [],
      runs: 80,
      ids: () => [{ id: ids.membership.partnershipId, partId: ids.membership.id }],
    },
    {
      area: 'form: add committee',
      url: '/bodies',
      context: 'body',
      required: ['name', 'kind', 'draftReportClearDays', 'despatchClearDays'],
      optional: ['quorum', 'defaultVenue', 'defaultStartTime', 'clerkName', 'clerkEmail', 'clerkPhone', 'termsOfReference', 'publicNotes', 'organisationId'],
      runs: 120,
    },
    {
      area: 'form: add committee member',
      url: '/bodies/:id/members',
      context: 'bodyMember',
      required: ['personId', 'role'],
      optional: ['politicalGroup', 'date:startDate', 'date:endDate', 'appointedBy'],
      runs: 100,
      ids: () => ids.bodies.map((id) => ({ id })),
    },
    {
      area: 'form: add meeting',
      url: '/bodies/:id/meetings',
      context: 'meeting',
      required: ['date:meetingDate', 'kind', 'isPublic'],
      optional: ['startTime', 'endTime', 'venue', 'title', 'status', 'date:plannedDraftDeadline', 'date:plannedDespatch'],
      runs: 120,
      ids: () => ids.bodies.map((id) => ({ id })),
    },
    {
      area: 'form: add agenda item',
      url: '/meetings/:id/items',
      context: 'item',
      required: ['title', 'purpose'],
      optional: ['leadOfficers', 'keyDecisionRef', 'exemptParagraph', 'section', 'description', 'startTime'],
      runs: 120,
      ids: () => ids.meetings.map((id) => ({ id })),
    },
    {
      area: 'form: import forward plan',
      url: '/bodies/:id/plan/import',
      context: 'meeting',
      required: [],
      optional: ['confirmed', 'plan'],
      runs: 60,
      ids: () => ids.bodies.map((id) => ({ id })),
      upload: true,
      encodings: ['multipart', 'multipart', 'urlencoded'],
    },
    {
      area: 'form: record attendance',
      url: '/meetings/:id/attendance',
      context: 'attendance',
      required: ['category'],
      optional: ['personId', 'name', 'substituteForPersonId', 'note'],
      runs: 100,
      ids: () => ids.minutes.map((m) => ({ id: m.id })),
    },
    {
      area: 'form: declare an interest',
      url: '/meetings/:id/declarations',
      context: 'declaration',
      required: ['declarantId', 'kind', 'description'],
      optional: ['agendaItemId'],
      runs: 80,
      ids: () => ids.minutes.map((m) => ({ id: m.id })),
    },
    {
      area: 'form: add resolution',
      url: '/meetings/:id/minutes/:partId/resolutions',
      context: 'resolution',
      required: ['text', 'outcome'],
      optional: ['votesFor', 'votesAgainst', 'abstentions', 'keyDecisionRef'],
      runs: 120,
      ids: () => ids.minutes,
    },
    {
      area: 'form: add action',
      url: '/meetings/:id/minutes/:partId/actions',
      context: 'action',
      required: ['actionDescription', 'ownerPersonId'],
      optional: ['ownerName', 'date:dueDate'],
      runs: 100,
      ids: () => ids.minutes,
    },
    {
      area: 'form: update action',
      url: '/bodies/:id/actions/:partId',
      context: 'action',
      required: ['status', 'version'],
      optional: ['comments', 'date:dueDate'],
      runs: 80,
      ids: () => ids.actions,
    },
    {
      area: 'form: add indicator',
      url: '/performance/indicators',
      context: 'indicator',
      required: ['title', 'unit', 'polarity', 'frequency'],
      optional: ['code', 'definition', 'decimals', 'outcomeGroup', 'directorate', 'tolerancePercent', 'baselineValue', 'finalTargetValue'],
      runs: 120,
    },
    {
      area: 'form: record indicator value',
      url: '/performance/indicators/:id/values',
      context: 'value',
      required: ['period', 'value'],
      optional: ['numerator', 'denominator', 'status', 'commentary', 'correctiveAction', 'statNeighbours', 'england'],
      runs: 150,
      ids: () => ids.indicators.map((id) => ({ id })),
    },
    {
      area: 'form: write a report',
      url: '/meetings/:id/items/:partId/report/edit',
      context: 'item',
      required: ['title'],
      optional: [
        'from',
        'electoralDivisions',
        'forwardPlanRef',
        'keyDecision',
        'purpose',
        'recommendations',
        'officer1Name',
        'background',
        'mainIssues',
        'alignment0',
        'implication-legal',
        'clearance-legal',
        'clearanceOfficer-legal',
        'sourceDocuments',
      ],
      runs: 100,
      ids: () => ids.reportItems,
    },
    {
      area: 'form: amend approved minutes',
      url: '/meetings/:id/minutes/:partId/amendments',
      context: 'resolution',
      required: ['amendment', 'date:agreedOn'],
      optional: [],
      runs: 60,
      ids: () => ids.approvedMinutes,
    },
    {
      area: 'form: set indicator target',
      url: '/performance/indicators/:id/targets',
      context: 'value',
      required: ['targetPeriod', 'target'],
      optional: [],
      runs: 80,
      ids: () => ids.indicators.map((id) => ({ id })),
    },
    {
      area: 'form: write an exception report',
      url: '/performance/indicators/:id/exception-reports',
      context: 'value',
      required: ['exceptionPeriod', 'cause', 'actions', 'owner'],
      optional: ['cost'],
      runs: 80,
      ids: () => ids.indicators.map((id) => ({ id })),
    },
    { area: 'form: performance settings', url: '/performance/settings', context: 'value', required: ['tolerancePercent'], optional: [], runs: 40 },
    {
      area: 'form: add plan',
      url: '/plans/new',
      context: 'plan',
      required: ['kind', 'title', 'bodyId'],
      optional: ['periodLabel', 'introduction', 'partnershipId'],
      runs: 60,
    },
    {
      area: 'form: add plan priority',
      url: '/plans/:id/priorities',
      context: 'plan',
      required: ['number', 'title'],
      optional: ['outcomes'],
      runs: 60,
      ids: () => [{ id: ids.deliveryPlan }],
    },
    {
      area: 'form: add plan action',
      url: '/plans/:id/actions/new',
      context: 'planAction',
      required: ['priorityId', 'reference', 'description'],
      optional: ['leadOfficer', 'firstMilestone', 'continuesUntil', 'resources', 'keyRisks', 'outputs', 'decisionRoute', 'dependsOn'],
      runs: 100,
      ids: () => [{ id: ids.deliveryPlan }],
    },
    {
      area: 'form: record plan progress',
      url: '/plans/:id/actions/:partId/progress',
      context: 'planAction',
      required: ['date:updateOn', 'narrative', 'status'],
      optional: ['percentComplete', 'ragOverride', 'ragOverrideReason'],
      runs: 100,
      ids: () => ids.planActions,
    },
    {
      area: 'form: endorse a plan',
      url: '/plans/:id/endorsement',
      context: 'plan',
      required: ['meetingId'],
      optional: ['date:endorsedOn'],
      runs: 40,
      ids: () => [{ id: ids.deliveryPlan }, { id: ids.programme }],
    },
    {
      area: 'form: add programme task',
      url: '/plans/:id/tasks/new',
      context: 'task',
      required: ['number', 'title'],
      optional: ['comments', 'source', 'dependsOn'],
      runs: 60,
      ids: () => [{ id: ids.programme }],
    },
    {
      area: 'form: score a task',
      url: '/plans/:id/tasks/:partId/score',
      context: 'task',
      required: ['likelihood', 'impact', 'version'],
      optional: ['levelOverride', 'levelOverrideReason'],
      runs: 80,
      ids: () => ids.tasks,
    },
    {
      area: 'form: load bank holidays',
      url: '/admin/bank-holidays',
      context: 'meeting',
      required: [],
      optional: ['confirmed'],
      runs: 40,
      upload: true,
      encodings: ['multipart', 'multipart', 'urlencoded'],
    },
    { area: 'form: add organisation', url: '/organisations', ...ORGANISATION, runs: 130 },
    {
      area: 'form: change organisation',
      url: '/organisations/:id/edit',
      ...ORGANISATION,
      required: [...ORGANISATION.required, 'version'],
      runs: 130,
      ids: each('organisations'),
      versioned: 'organisations',
    },
    { area: 'form: add person', url: '/people', ...PERSON, runs: 130 },
    {
      area: 'form: change person',
      url: '/people/:id/edit',
      ...PERSON,
      required: [...PERSON.required, 'version'],
      runs: 130,
      ids: each('people'),
      versioned: 'people',
    },
    // Generated addresses, never the administrator's (five failed sign-ins would lock it).
    { area: 'form: sign in', url: '/sign-in', context: 'account', required: ['email', 'password'], optional: ['returnTo'], runs: 100, anonymous: true },
    { area: 'form: forgotten password', url: '/forgot-password', context: 'account', required: ['email'], optional: [], runs: 80, anonymous: true },
    {
      area: 'form: invite user',
      url: '/admin/users/invite',
      context: 'account',
      required: ['email', 'name', 'roles'],
      optional: ['scopePartnershipIds', 'scopeOrganisationIds'],
      runs: 120,
    },
    { area: 'form: create API token', url: '/account/tokens', context: 'account', required: ['name'], optional: [], runs: 80 },
  ];

  /** An id in an address: usually a real one, sometimes random or not an id at all. */
  const addressIds = (real: { id: string; partId?: string }[]) =>
    fc.oneof(
      { weight: 16, arbitrary: pick(real) },
      { weight: 1, arbitrary: fc.record({ id: fc.uuid(), partId: fc.uuid() }) },
      {
        weight: 1,
        arbitrary: pick(real).chain((r) =>
          fc.record({
            id: fc.constantFrom(r.id.toUpperCase(), 'not-a-uuid', '0', '-1', 'null', encodeURIComponent("'; drop table partnerships; --"), '%F0%9F%98%80'),
            partId: fc.constantFrom(r.partId ?? r.id, 'not-a-uuid'),
          }),
        ),
      },
    );

  const uploads: fc.Arbitrary<FileField | undefined> = fc.option(
    fc.record({
      field: fc.constantFrom('file', 'file', 'file', 'title'),
      filename: fc.oneof(
        fc.constantFrom(
          'terms.pdf',
          'terms.PDF',
          'minutes.docx',
          'old.doc',
          'x.odt',
          'virus.exe',
          'no-extension',
          '.pdf',
          '../../etc/passwd.pdf',
          'C:\\papers\\terms.pdf',
          '<script>alert(1)</script>.pdf',
          'a"b.pdf',
          '😀.pdf',
          `${'x'.repeat(300)}.pdf`,
        ),
        hostileText,
      ),
      data: fc.oneof(
        fc.constant(Buffer.from('%PDF-1.4\n%bad input\n')),
        fc.constant(Buffer.alloc(0)),
        fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
        fc.constant(Buffer.from('PK\u0003\u0004 not really a zip')),
      ),
      type: fc.constantFrom('application/pdf', 'application/octet-stream', 'text/html', 'image/png'),
    }),
    { nil: undefined },
  );

  for (const form of FORMS) {
    it(`${form.area} (POST ${form.url})`, async (c) => {
      const where = form.ids ? addressIds(form.ids()) : fc.constant({ id: '', partId: '' });
      const encodings = fc.constantFrom<Encoding>(...(form.encodings ?? ['urlencoded', 'urlencoded', 'urlencoded', 'urlencoded', 'json']));
      const fields = formFields(form.required, form.optional, form.others ?? [], form.context);
      await propertyRun(
        c,
        form.area,
        runs(form.runs),
        fc.asyncProperty(where, fields, encodings, form.upload ? uploads : fc.constant(undefined), async (at, raw, enc, upload) => {
          const url = form.url.replace(':id', at.id).replace(':partId', at.partId ?? '');
          const values = await withVersion(form.versioned, at.id, raw);
          await exchange(form.area, 'page', formRequest(form.anonymous ? anonymous : adminSession, url, values, enc, nextIp(), upload), {
            url,
            fields: values,
            encoding: enc,
            ...(upload ? { file: { ...upload, data: `${upload.data.length} bytes` } } : {}),
          });
        }),
      );
    });
  }

  it('forms: bodies in formats a browser would not send', async (c) => {
    const area = 'form: other content types';
    const target = pick(FORMS).chain((f) =>
      (f.ids ? addressIds(f.ids()) : fc.constant({ id: '', partId: '' })).map((at) => ({
        url: f.url.replace(':id', at.id).replace(':partId', at.partId ?? ''),
        anonymous: !!f.anonymous,
      })),
    );
    const body = fc.record({
      raw: fc.constantFrom(
        '_csrf=@csrf&name=x',
        '--x\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n@csrf\r\n--x--\r\n',
        '',
        'a',
        '<a/>',
        '{"_csrf":"@csrf","name":',
        '{"_csrf":"@csrf","__proto__":{"x":1}}',
        '--x\r\nContent-Disposition: form-data; name="title"\r\n\r\nx',
      ),
      type: fc.constantFrom(
        'multipart/form-data',
        'multipart/form-data; boundary=x',
        'multipart/form-data; boundary=y',
        'text/plain',
        'application/xml',
        'application/json',
        'application/x-www-form-urlencoded; charset=utf-16',
        'application/octet-stream',
        '',
      ),
    });
    await propertyRun(
      c,
      area,
      runs(60),
      fc.asyncProperty(target, body, async (tg, b) => {
        const session = tg.anonymous ? anonymous : adminSession;
        await exchange(
          area,
          'page',
          {
            method: 'POST',
            url: tg.url,
            payload: b.raw.replace('@csrf', session.csrf),
            remoteAddress: nextIp(),
            headers: { cookie: session.cookie, 'content-type': b.type },
          },
          { url: tg.url, body: b },
        );
      }),
    );
  });

  it('says plainly when someone makes too many sign-in attempts', async () => {
    let last: Res | undefined;
    for (let i = 0; i < 22; i++) {
      last = await exchange(
        'form: sign in (rate limit)',
        'page',
        formRequest(anonymous, '/sign-in', { email: `nobody${i}@example.net`, password: 'wrong' }, 'urlencoded', '203.0.113.99'),
        { attempt: i },
      );
    }
    assert.equal(last!.statusCode, 429);
    assert.match(
      last!.body,
      /too many|try again (in|later)|wait/i,
      `the page should say there were too many attempts and when to try again; it says: ${mainText(last!.body)}`,
    );
  });

  // ---- API ----------------------------------------------------------------------------------------

  /** The field names a zod schema reads, through intersections. */
  function fieldsOf(schema: z.ZodType | undefined): string[] {
    if (!schema) return [];
    if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
    if (schema instanceof z.ZodIntersection) {
      const def = (schema as unknown as { _zod: { def: { left: z.ZodType; right: z.ZodType } } })._zod.def;
      return [...new Set([...fieldsOf(def.left), ...fieldsOf(def.right)])];
    }
    return [];
  }
  /** The fields a body must have (those zod does not accept missing). */
  const requiredOf = (schema: z.ZodType | undefined, names: string[]) =>
    names.filter((n) => {
      const probe = schema?.safeParse({});
      return !probe || probe.success ? false : probe.error.issues.some((i) => i.path[0] === n);
    });
  const contextOf = (op: Operation): Context => {
    for (const [part, context] of [
      ['/events', 'event'],
      ['/memberships', 'membership'],
      ['/contributions', 'contribution'],
      ['/documents', 'document'],
      ['/organisations', 'organisation'],
      ['/people', 'person'],
      ['/landscape', 'query'],
      ['/areas', 'query'],
    ] as const)
      if (op.path.includes(part)) return context;
    return 'partnership';
  };

  const badJson = (name: string): fc.Arbitrary<unknown> =>
    fc.oneof({ weight: 3, arbitrary: hostileText }, { weight: 2, arbitrary: jsonJunk }, { weight: 1, arbitrary: plausible(name) });
  const NOT_JSON = [
    '',
    ' ',
    '{',
    '{"name":',
    "{'name':'x'}",
    '{"name": "x",}',
    'undefined',
    'NaN',
    '[1,2',
    '\u0000',
    '{"a":1}{"a":2}',
    '{"__proto__":{"isAdmin":true}}',
    '{"constructor":{"prototype":{"isAdmin":true}}}',
    '"\\ud800"',
    '{"name":"\\u0000"}',
    '1e999',
    '<xml/>',
  ];
  /** Mostly a valid body with a few fields spoilt; sometimes anything at all, or text that is not JSON, sent as application/json. */
  function apiBody(op: Operation): fc.Arbitrary<ApiBody> {
    const names = op.body ? fieldsOf(op.body) : ['name', 'version', 'publicationState'];
    const required = requiredOf(op.body, names);
    const context = contextOf(op);
    const optional = names.filter((n) => !required.includes(n) && !(context === 'membership' && n === 'organisationId'));
    return fc.oneof(
      {
        weight: 10,
        arbitrary: spoilt<unknown>(
          validRecord(required, optional, (n) => validJson(n, context)),
          names,
          badJson,
          null,
        ).map((json) => ({ json })),
      },
      {
        weight: 3,
        arbitrary: fc
          .tuple(fc.record(Object.fromEntries(names.map((n) => [n, fc.oneof(plausible(n), badJson(n))])), { requiredKeys: [] }), extraFields)
          .map(([known, extra]) => ({ json: own<unknown>(extra, known) })),
      },
      { weight: 1, arbitrary: jsonJunk.map((json) => ({ json })) },
      { weight: 1, arbitrary: fc.oneof(fc.constantFrom(...NOT_JSON), fc.string({ maxLength: 30 })).map((raw) => ({ raw })) },
    );
  }

  /** Real ids for an operation's path (the spare records for DELETE), with random and broken ones mixed in. */
  function pathFor(op: Operation): fc.Arbitrary<{ path: string; id?: string; table?: Table }> {
    const table: Table = op.path.startsWith('/organisations') ? 'organisations' : op.path.startsWith('/people') ? 'people' : 'partnerships';
    const deleting = op.method === 'DELETE';
    const realIds = deleting ? [ids.spare[table === 'people' ? 'person' : table === 'organisations' ? 'organisation' : 'partnership']] : ids[table];
    // A part id is the membership, with its own partnership so that the pair fits, or random.
    const pairs = [...realIds.map((id) => ({ id, partId: ids.membership.id })), { id: ids.membership.partnershipId, partId: ids.membership.id }];
    return addressIds(op.path.includes('{partId}') ? pairs : pairs.slice(0, -1)).map(({ id, partId }) => ({
      path: op.path.replace('{id}', id).replace('{partId}', partId ?? ''),
      id,
      table,
    }));
  }

  const sendApi = (area: string, method: string, path: string, body: ApiBody | null, what: unknown) =>
    exchange(
      area,
      'api',
      {
        method: method as 'POST',
        url: `/api/v1${path}`,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'raw' in body && body.type !== undefined ? body.type : 'application/json' } : {}),
        },
        ...(body ? { payload: 'json' in body ? (JSON.stringify(body.json) ?? 'null') : body.raw } : {}),
      },
      what,
    );

  const BODY_OPERATIONS = API_OPERATIONS.filter((op) => op.method === 'POST' || op.method === 'PUT' || op.method === 'PATCH');
  const READ_OPERATIONS = API_OPERATIONS.filter((op) => op.method === 'GET' || op.method === 'DELETE');

  for (const op of BODY_OPERATIONS) {
    const area = `API: ${op.method} ${op.path}`;
    it(`${area} (${op.operationId}) with generated bodies`, async (c) => {
      await propertyRun(
        c,
        area,
        runs(op.body ? 110 : 20),
        fc.asyncProperty(pathFor(op), apiBody(op), async (where, body) => {
          const final =
            'json' in body && body.json && typeof body.json === 'object' && !Array.isArray(body.json)
              ? { json: await withVersion(where.table, where.id, body.json as Record<string, unknown>, true) }
              : body;
          await sendApi(area, op.method, where.path, final, { path: where.path, body: final });
        }),
      );
    });
  }

  it('API: bodies in formats other than JSON', async (c) => {
    const area = 'API: other content types';
    const target = fc.constantFrom(...BODY_OPERATIONS).chain((o) => pathFor(o).map((where) => ({ method: o.method, where })));
    const body = fc.record({
      raw: fc.constantFrom('name=x&kind=forum&purpose=y', 'a', '<a/>', '', '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--x--\r\n'),
      type: fc.constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/xml',
        'application/json; charset=utf-16',
        'multipart/form-data',
        'multipart/form-data; boundary=x',
        'application/octet-stream',
        'text/html; charset=utf-8',
        '',
      ),
    });
    await propertyRun(
      c,
      area,
      runs(60),
      fc.asyncProperty(target, body, async ({ method, where }, b) => {
        await sendApi(area, method, where.path, b, { path: where.path, body: b });
      }),
    );
  });

  for (const op of READ_OPERATIONS) {
    const area = `API: ${op.method} ${op.path}`;
    it(`${area} (${op.operationId}) with generated query strings`, async (c) => {
      const names = fieldsOf(op.query);
      const required = requiredOf(op.query, names);
      const context = contextOf(op);
      const bad = (n: string): fc.Arbitrary<FormValue> =>
        fc.oneof(
          { weight: 4, arbitrary: hostileText },
          { weight: 2, arbitrary: plausible(n) },
          { weight: 1, arbitrary: fc.array(fc.oneof(plausible(n), hostileText), { minLength: 2, maxLength: 3 }) },
        );
      // DELETE gets an out-of-date version, so that the spare records it aims at are refused (409) rather than gone after the first run.
      const valid = validRecord<FormValue>(
        required,
        names.filter((n) => !required.includes(n)),
        (n) => (n === 'version' && op.method === 'DELETE' ? fc.constant('@stale') : validText(n, context)),
      );
      const query = fc.oneof(
        {
          weight: 10,
          arbitrary: spoilt<FormValue | undefined>(valid, [...names, 'version'], bad, (a, b) => [
            typeof a === 'string' ? a : '',
            ...(Array.isArray(b) ? b : [b ?? '']),
          ]),
        },
        {
          weight: 2,
          arbitrary: fc
            .tuple(fc.record(Object.fromEntries(names.map((n) => [n, anyFormValue(n)])), { requiredKeys: [] }), extraFields)
            .map(([known, extra]) => own<FormValue | undefined>(extra, known)),
        },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            '%',
            '%E0%A4%A',
            'limit',
            '=',
            '&&&',
            'limit[]=1',
            'limit[a]=1',
            'q=%00',
            'a=1;b=2',
            '?',
            'modifiedSince=2010-01-01T00:00:00+01:00',
            'version=1e10',
            'version=2147483648',
            'limit=1e2',
            'offset=0x10',
          ),
        },
      );
      await propertyRun(
        c,
        area,
        runs(op.method === 'DELETE' ? 40 : 60),
        fc.asyncProperty(pathFor(op), query, async (where, q) => {
          const qs = typeof q === 'string' ? q : new URLSearchParams(entries(await withVersion(where.table, where.id, q))).toString();
          await sendApi(area, op.method, `${where.path}?${qs}`, null, { path: where.path, query: qs });
        }),
      );
    });
  }

  // ---- What was stored, shown back -------------------------------------------------------------------

  it('shows the markup that was accepted and stored escaped, on every page that lists or shows it', async () => {
    const marked = async (table: string, columns: string[]) =>
      (
        await t.db.query<{ id: string }>(
          `select id from ${table} where tenant_id = $1 and (${columns.map((c) => `${c} ~ '<(script|img|svg)'`).join(' or ')}) limit 15`,
          [t.tenantId],
        )
      ).map((r) => r.id);
    const partnerships = await marked('partnerships', ['name', 'short_name', 'purpose', 'mission', 'terms_of_reference']);
    const pages = [
      '/partnerships',
      '/register',
      '/organisations',
      '/people',
      '/landscape',
      '/contacts',
      '/account',
      '/admin/users',
      '/admin/outbox',
      '/admin/audit',
      `/partnerships?q=${encodeURIComponent('<script>')}`,
      `/organisations?q=${encodeURIComponent('<script>')}`,
      `/people?q=${encodeURIComponent('<')}`,
      ...partnerships.flatMap((id) => [`/partnerships/${id}`, `/partnerships/${id}/edit`]),
      ...ids.partnerships.map((id) => `/partnerships/${id}`),
      ...(await marked('organisations', ['name', 'short_name'])).map((id) => `/organisations/${id}`),
      ...(await marked('people', ['name', 'honorific_prefix', 'post', 'party', 'electoral_division', 'portfolio'])).map((id) => `/people/${id}`),
    ];
    for (const url of pages) {
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie: adminSession.cookie } });
      sent.set('pages read back', (sent.get('pages read back') ?? 0) + 1);
      assert.ok(res.statusCode < 500, `GET ${url} → ${res.statusCode}: ${faults.get(String(res.headers['x-request-id'])) ?? ''}`);
      assert.doesNotMatch(res.body, RAW_SCRIPT, `GET ${url} shows stored markup unescaped`);
    }
  });

  // ---- Addresses ------------------------------------------------------------------------------------

  it('hostile ids in the addresses of forms and API operations', async (c) => {
    const area = 'addresses';
    const segment = fc.oneof(
      hostileText.map((s) => encodeURIComponent(s) || '%20'),
      fc.constantFrom('%', '%zz', '%E0%A4%A', '%00', '..', '.', '%2e%2e', '%2F', 'a%2Fb', '%252F', ';', '*', '~', '-', "'", '%27%20or%201=1'),
      fc.integer({ min: 90, max: 2000 }).map((n) => 'a'.repeat(n)),
      fc.uuid().map((u) => `${u}${'0'.repeat(80)}`),
    );
    const pages = FORMS.filter((f) => f.ids).map((f) => f.url);
    const apiPaths = API_OPERATIONS.filter((op) => op.path.includes('{')).map((op) => ({ method: op.method, path: op.path }));
    const target = fc.oneof(
      pick(pages).map((url) => ({ kind: 'page' as const, method: 'POST', url })),
      pick(apiPaths).map(({ method, path }) => ({ kind: 'api' as const, method, url: path })),
    );
    await propertyRun(
      c,
      area,
      runs(150),
      fc.asyncProperty(target, segment, fc.boolean(), async (tg, seg, inPart) => {
        const real = tg.url.startsWith('/organisations') ? ids.organisations[0]! : tg.url.startsWith('/people') ? ids.people[0]! : ids.partnerships[0]!;
        const url =
          inPart && /[:{]partId/.test(tg.url)
            ? tg.url.replace(/:id|\{id\}/, real).replace(/:partId|\{partId\}/, seg)
            : tg.url.replace(/:id|\{id\}/, seg).replace(/:partId|\{partId\}/, ids.membership.id);
        if (tg.kind === 'page') await exchange(area, 'page', formRequest(adminSession, url, {}, 'urlencoded', nextIp()), { url });
        else await sendApi(area, tg.method, url, tg.method === 'GET' || tg.method === 'DELETE' ? null : { json: {} }, { method: tg.method, url });
      }),
    );
  });
});

// Bad input, generated: a few thousand hostile values (fast-check, fixed seed) sent to every form
// and every API operation. Whatever arrives, the service must never fail (no 5xx), must say what
// is wrong when it refuses (a GOV.UK error summary, field message or error page for pages; a
// problem document with a detail or field errors for the API), must keep what it shows escaped,
// and must change nothing when it refuses (the audit trail, which every change writes to through
// a trigger, gains no rows).
//
// Repeat a failure with the seed and path fast-check prints; change the seed with BAD_INPUT_SEED.
import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import fc from 'fast-check';
import { z } from 'zod';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { API_OPERATIONS } from '../../src/app.ts';
import type { Operation } from '../../src/api/operations.ts';
import { LABELS } from '../../src/web/labels.ts';
import { ROLES } from '../../src/accounts/permissions.ts';
import { anonymousAgent, apiToken, buildTestApp, signIn, type Agent, type TestApp } from '../helper.ts';

const SEED = Number(process.env.BAD_INPUT_SEED ?? 42);
/** Multiplies every property's number of runs (the defaults send about 4,000 requests in all). */
const SCALE = Number(process.env.BAD_INPUT_SCALE ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

type Res = LightMyRequestResponse;
type FormValue = string | string[];
type Fields = Record<string, FormValue | undefined>;

// ---- Hostile values ------------------------------------------------------------------------------

const SCRIPTS = ['<script>alert("bad-input")</script>', '"><script>alert(1)</script>', "'><img src=x onerror=alert(1)>",
  '</textarea><script>alert(document.cookie)</script>', '<svg onload=alert(1)>'];
/** What must never come back unescaped in a page. */
const RAW_SCRIPT = /<script>alert|<img src=x onerror|<svg onload/i;

const controlChars = fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 8 });

/** Text a person, a tampered form or a broken client might send in place of any single value. */
const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', ' ', '   \t ', '\r\n\r\n', '\u00a0', '\u200b', '\ufeff', '\u202e'),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  controlChars,
  fc.tuple(fc.string({ maxLength: 10 }), controlChars, fc.string({ maxLength: 10 })).map(([a, b, c]) => `${a}${b}${c}`),
  fc.tuple(fc.constantFrom('a', 'é', '😀', '<', ' ', '漢', '\u0301'), fc.integer({ min: 100, max: 5000 })).map(([c, n]) => c.repeat(n)),
  fc.constantFrom(...SCRIPTS, '<b>bold</b>', '{{ 7 * 7 }}', '{% include "x" %}', '${7*7}', '&amp;&lt;', '%00', '%', '\\', '../../etc/passwd'),
  fc.constantFrom("'; drop table partnerships; --", "1' or '1'='1", '1; select pg_sleep(1)', "Robert'); --", 'null', 'undefined', 'true', '[]', '{}'),
  fc.constantFrom('0', '-1', '-0', '1.5', '1e3', '1e10', '1e309', '-1e309', 'NaN', 'Infinity', '0x1F', '2147483647', '2147483648', '-2147483649',
    '9007199254740993', '99999999999999999999', '00001', ' 12 ', '1,000', '£-5', '£1e5'),
  fc.integer().map(String),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.constantFrom('31/02/2020', '2020-02-31', '2020-02-30', '2023-02-29', '0000-01-01', '0001-01-01', '9999-12-31', '10000-01-01',
    '2020-13-01', '1899-12-31', '2020-1-1', '2020-01-01T00:00:00Z', '0000-01-01T00:00:00Z', '2020-01-01T00:00:00+99:00', 'yesterday'),
  fc.constantFrom('javascript:alert(1)', 'http://', 'https://', 'https://example.org/<x>', 'ftp://example.org', 'x@y', '@', 'a@b.c',
    'mailto:x@example.org', '//evil.example', '/\\evil.example', 'https://evil.example'),
);

/** Anything JSON can carry, where the API expects one particular type. */
const jsonJunk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null), fc.boolean(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -1, 1.5, 1e20, -1e20, 2147483648, Number.MAX_SAFE_INTEGER, 1e308, 5e-324),
  fc.constant({}), fc.constant([]), fc.array(hostileText, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), hostileText, { maxKeys: 2 }),
  fc.constant({ toString: 'x', valueOf: 1 }), fc.constant([[[]]]),
);

/** Field names that were never on the form. */
const extraNames = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'id', 'tenantId',
  'tenant_id', 'deletedAt', 'createdBy', 'version', 'publicationState', 'roles', 'isAdmin', 'name[]', 'a[b]', 'a.b', '', ' ', '😀');
const extraFields = fc.dictionary(extraNames, hostileText, { maxKeys: 3 });

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
    partnerships: [] as string[], organisations: [] as string[], people: [] as string[], areas: [] as string[],
    membership: { partnershipId: '', id: '' },
    /** A partnership, organisation and person of our own that the DELETE operations may remove. */
    spare: { partnership: '', organisation: '', person: '' },
  };
  const sent = new Map<string, number>();

  before(async () => {
    t = await buildTestApp();
    admin = await signIn(t.app, 'administrator');
    adminSession = await sessionOf(admin);
    anonymous = await sessionOf(anonymousAgent(t.app));
    token = await apiToken(t, 'administrator');
    const q = (sql: string) => t.db.query<{ id: string }>(sql, [t.tenantId]).then((rows) => rows.map((r) => r.id));
    ids.partnerships = await q(`select id from partnerships where tenant_id = $1 and deleted_at is null order by name limit 8`);
    ids.organisations = await q(`select id from organisations where tenant_id = $1 and deleted_at is null order by name limit 8`);
    ids.people = await q(`select id from people where tenant_id = $1 and deleted_at is null order by name limit 8`);
    ids.areas = await q(`select id from areas where tenant_id = $1 and deleted_at is null order by name`);
    const m = (await t.db.query<{ id: string; partnershipId: string }>(`select id, partnership_id as "partnershipId" from memberships
      where tenant_id = $1 and deleted_at is null and end_date is null order by id limit 1`, [t.tenantId]))[0]!;
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
    await made(`/partnerships/${ids.spare.partnership}/memberships`, { personId: ids.spare.person, role: 'member' });
  });
  after(async () => {
    const total = [...sent.values()].reduce((a, b) => a + b, 0);
    console.log(`bad-input requests sent: ${[...sent].map(([k, n]) => `${k} ${n}`).join(', ')}; total ${total}`);
    await t?.close();
  });

  async function sessionOf(agent: Agent) {
    const csrf = await agent.csrf();
    const cookie = Object.entries(agent.cookies).map(([k, v]) => `${k}=${v}`).join('; ');
    return { cookie, csrf };
  }

  // ---- Sending and checking ----------------------------------------------------------------------

  /** The last audit row before a request; afterwards, the rows it added (a token's last-use stamp is not a change). */
  const auditMark = async () => (await t.db.query<{ m: string }>('select coalesce(max(id), 0)::text as m from audit_log'))[0]!.m;
  const auditSince = (mark: string) => t.db.query<{ entityType: string; action: string; entityId: string }>(
    `select entity_type as "entityType", action, entity_id as "entityId" from audit_log where id > $1::bigint
       and not (entity_type = 'api_tokens' and action = 'update'
                and (before - 'last_used' - 'modified' - 'version') = (after - 'last_used' - 'modified' - 'version'))
     order by id`, [mark]);

  const excerpt = (s: string, n = 600) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);
  const show = (v: unknown) => excerpt(typeof v === 'string' ? JSON.stringify(v) : fc.stringify(v), 800);

  /** Sends one request and checks everything the requirement asks of the answer. */
  async function exchange(area: string, kind: 'page' | 'api', opts: InjectOptions, what: unknown): Promise<Res> {
    const mark = await auditMark();
    const res = await t.app.inject(opts);
    sent.set(area, (sent.get(area) ?? 0) + 1);
    const status = res.statusCode;
    const where = `${opts.method} ${excerpt(String(opts.url), 200)} → ${status}`;
    const fail = (why: string): never => {
      throw new Error(`${where}: ${why}\n  sent: ${show(what)}\n  answer (${res.headers['content-type']}): ${excerpt(res.body)}`);
    };
    if (status >= 500) fail('the service failed (5xx)');
    const type = String(res.headers['content-type'] ?? '');
    if (type.startsWith('text/html') && RAW_SCRIPT.test(res.body)) fail('the page contains unescaped script that was sent');
    if (status >= 400) {
      if (kind === 'page') {
        if (!type.startsWith('text/html')) fail('a refused form must answer with an HTML page');
        const message = clearPageMessage(res.body);
        if (!message) fail('the refusal page has no error summary, error message or error page heading');
      } else {
        if (!type.startsWith('application/problem+json')) fail('an API refusal must be application/problem+json');
        let p: { title?: unknown; status?: unknown; detail?: unknown; errors?: { pointer?: unknown; detail?: unknown }[] };
        try { p = JSON.parse(res.body); } catch { return fail('the problem document is not JSON'); }
        if (typeof p.title !== 'string' || !p.title) fail('the problem has no title');
        if (p.status !== status) fail(`the problem's status (${String(p.status)}) is not the response's`);
        const hasDetail = typeof p.detail === 'string' && p.detail.trim() !== '';
        const hasErrors = Array.isArray(p.errors) && p.errors.length > 0
          && p.errors.every((e) => typeof e.pointer === 'string' && typeof e.detail === 'string' && e.detail.trim() !== '');
        if (!hasDetail && !hasErrors) fail('the problem has neither a detail nor field errors saying what is wrong');
      }
      const changed = await auditSince(mark);
      if (changed.length) fail(`the refused request changed data: ${changed.map((c) => `${c.action} ${c.entityType} ${c.entityId}`).join(', ')}`);
    }
    return res;
  }

  const ERROR_HEADINGS = /<h1[^>]*>\s*(There is a problem with your request|Page not found|This record has been deleted|You do not have permission to see this page|Sign in to continue|This link has expired)/;
  /** The message a refused page gives: the error summary's first item, an inline message, or the error page's heading. */
  function clearPageMessage(body: string): string | null {
    const summary = /class="govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(body)?.[1];
    const item = summary ? /<li>([\s\S]*?)<\/li>/.exec(summary)?.[1]?.replace(/<[^>]+>/g, '').trim() : undefined;
    if (item) return item;
    const inline = /class="govuk-error-message">([\s\S]*?)<\/p>/.exec(body)?.[1]?.replace(/<[^>]+>/g, '').replace(/^\s*Error:/, '').trim();
    if (inline) return inline;
    return ERROR_HEADINGS.exec(body)?.[1] ?? null;
  }

  const entries = (fields: Fields): [string, string][] =>
    Object.entries(fields).flatMap(([k, v]) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((x) => [k, x] as [string, string])));

  /** Posts a form as the browser does (urlencoded, the CSRF token first), or as JSON, or multipart. */
  function formRequest(session: { cookie: string; csrf: string }, url: string, fields: Fields, encoding: Encoding, ip: string,
    file?: FileField): InjectOptions {
    const headers = { cookie: session.cookie, 'x-forwarded-for': ip };
    const all = entries(fields);
    if (encoding === 'json') {
      const body: Record<string, unknown> = { _csrf: session.csrf };
      for (const [k, v] of Object.entries(fields)) if (v !== undefined && k !== '_csrf') Object.defineProperty(body, k, { value: v, enumerable: true, writable: true, configurable: true });
      return { method: 'POST', url, payload: JSON.stringify(body), headers: { ...headers, 'content-type': 'application/json' } };
    }
    if (encoding === 'multipart') {
      const boundary = '----badinput7d9f2c';
      const parts: Buffer[] = [];
      const quote = (s: string) => s.replace(/["\r\n]/g, (c) => encodeURIComponent(c));
      for (const [name, value] of [['_csrf', session.csrf] as [string, string], ...all]) {
        parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`));
      }
      if (file) {
        parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${quote(file.filename)}"\r\n`
          + `Content-Type: ${file.type}\r\n\r\n`), file.data, Buffer.from('\r\n'));
      }
      parts.push(Buffer.from(`--${boundary}--\r\n`));
      return { method: 'POST', url, payload: Buffer.concat(parts), headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` } };
    }
    const body = new URLSearchParams([['_csrf', session.csrf], ...all]);
    return { method: 'POST', url, payload: body.toString(), headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' } };
  }

  function api(method: string, path: string, body: ApiBody = {}) {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    let payload: string | undefined;
    if ('json' in body) { payload = JSON.stringify(body.json) ?? 'null'; headers['content-type'] = 'application/json'; }
    if ('raw' in body && body.raw !== undefined) { payload = body.raw; headers['content-type'] = body.type ?? 'application/json'; }
    return t.app.inject({ method: method as 'GET', url: `/api/v1${path}`, headers, ...(payload === undefined ? {} : { payload }) });
  }

  // ---- Plausible values, so that some requests get past the first check ------------------------------

  const pick = <T,>(xs: T[]) => fc.constantFrom(...xs);
  /** One of the real ids, a random or broken one, or a real one written differently. */
  const realOrJunkId = (real: () => string[]) => fc.oneof(
    { weight: 4, arbitrary: pick(real()) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.constantFrom('00000000-0000-0000-0000-000000000000', 'not-a-uuid', 'ffffffff-ffff-ffff-ffff-ffffffffffff') },
    { weight: 1, arbitrary: pick(real()).chain((id) => fc.constantFrom(id.toUpperCase(), `{${id}}`, `${id}x`, id.slice(0, -1), ` ${id} `, id.replace(/-/g, ''))) },
  );
  const text = fc.string({ minLength: 1, maxLength: 40 }).map((s) => `Bad input ${s}`);
  const isoDate = fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

  /** A believable value for a field, chosen by its name. */
  function plausible(name: string): fc.Arbitrary<string> {
    if (name === 'kind') return pick(ALL_CODES);
    if (name === 'subgroupType') return pick(codes('subgroupType'));
    if (name === 'role') return pick(codes('role'));
    if (name === 'roles') return pick([...ROLES]);
    if (name === 'datePrecision') return pick(codes('datePrecision'));
    if (name === 'areaIds') return realOrJunkId(() => ids.areas);
    if (name === 'personId') return realOrJunkId(() => ids.people);
    if (/^(organisationId|onBehalfOfId)$|Organisation/.test(name)) return realOrJunkId(() => ids.organisations);
    if (/^(parentId|relatedPartnershipId)$|Partnership/.test(name)) return realOrJunkId(() => ids.partnerships);
    if (name === 'version') return fc.constantFrom('@current', '@current', '@stale', '0', '1');
    if (name === 'email') return fc.oneof(fc.emailAddress(), fc.constantFrom('someone@example.org', 'partnership.officer@example.org'));
    if (/url|website/i.test(name)) return fc.oneof(fc.webUrl(), fc.constant('https://example.org/papers/terms.pdf'));
    if (name === 'phone') return fc.constantFrom('01632 960 001', '+44 1632 960001', '(01632) 960-001');
    if (name === 'financialYear') return fc.integer({ min: 1985, max: 2105 }).map(String);
    if (name === 'amount') return fc.oneof(fc.constantFrom('£8,000', '23,470.50', '0', '0.5', '£100000000000'), fc.nat().map(String));
    if (name === 'exemptParagraph') return fc.integer({ min: 0, max: 8 }).map(String);
    if (name.endsWith('-day')) return fc.integer({ min: 0, max: 32 }).map(String);
    if (name.endsWith('-month')) return fc.integer({ min: 0, max: 13 }).map(String);
    if (name.endsWith('-year')) return fc.integer({ min: 1890, max: 2110 }).map(String);
    if (name === 'responsibilities') return fc.array(text, { maxLength: 4 }).map((l) => l.join('\n'));
    if (name === 'returnTo') return fc.constantFrom('/partnerships', '//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)');
    if (name === 'password') return fc.string({ maxLength: 30 });
    return text;
  }

  /** One field's value: believable, hostile, or the field sent more than once. */
  const fieldValue = (name: string): fc.Arbitrary<FormValue> => fc.oneof(
    { weight: 3, arbitrary: plausible(name) },
    { weight: 3, arbitrary: hostileText },
    { weight: 1, arbitrary: fc.array(fc.oneof(plausible(name), hostileText), { minLength: 2, maxLength: 3 }) },
  );

  /** A whole form: any of its fields (each may be missing), plus fields that were never on it. */
  const formFields = (names: string[]): fc.Arbitrary<Fields> =>
    fc.tuple(fc.record(Object.fromEntries(names.map((n) => [n, fieldValue(n)])), { requiredKeys: [] }), extraFields)
      .map(([known, extra]) => {
        const out: Fields = {};
        for (const [k, v] of Object.entries(extra)) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
        return Object.assign(out, known);
      });

  type Encoding = 'urlencoded' | 'json' | 'multipart';
  type FileField = { field: string; filename: string; data: Buffer; type: string };
  type ApiBody = { json?: unknown } | { raw?: string; type?: string };
  const encoding = fc.constantFrom<Encoding>('urlencoded', 'urlencoded', 'urlencoded', 'urlencoded', 'urlencoded', 'json');
  const ip = fc.ipV4();

  /** A partnership, organisation or person id in a page's address: usually real, sometimes not. */
  const pathId = (real: () => string[]) => fc.oneof(
    { weight: 8, arbitrary: pick(real()) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: hostileText.map((s) => encodeURIComponent(s.slice(0, 300)) || 'x') },
  );

  const resolveVersion = async (table: 'partnerships' | 'organisations' | 'people', id: string, fields: Fields): Promise<Fields> => {
    const row = (await t.db.query<{ version: number }>(`select version from ${table} where id::text = $1`, [id]))[0];
    const current = row?.version ?? 1;
    const swap = (v: string) => (v === '@current' ? String(current) : v === '@stale' ? String(Math.max(1, current - 1)) : v);
    const out = { ...fields };
    for (const [k, v] of Object.entries(out)) if (v !== undefined) out[k] = Array.isArray(v) ? v.map(swap) : swap(v);
    return out;
  };

  async function propertyRun(t: TestContext, area: string, numRuns: number, prop: fc.IAsyncPropertyWithHooks<any>) {
    const before = sent.get(area) ?? 0;
    await fc.assert(prop, { seed: SEED, numRuns, endOnFailure: true });
    t.diagnostic(`${area}: ${(sent.get(area) ?? 0) - before} requests`);
  }

  // ---- Forms ------------------------------------------------------------------------------------

  const PARTNERSHIP_FIELDS = ['name', 'shortName', 'kind', 'subgroupType', 'purpose', 'mission', 'responsibilities', 'termsOfReference',
    'termsOfReferenceUrl', 'areaIds', 'parentId'];
  const dateFields = (...names: string[]) => names.flatMap((n) => [`${n}-day`, `${n}-month`, `${n}-year`]);

  it('partnership forms: add and change', async (c) => {
    await propertyRun(c, 'form: add partnership', runs(300), fc.asyncProperty(formFields(PARTNERSHIP_FIELDS), encoding, ip,
      async (fields, enc, from) => {
        await exchange('form: add partnership', 'page', formRequest(adminSession, '/partnerships', fields, enc, from), fields);
      }));
    await propertyRun(c, 'form: change partnership', runs(300), fc.asyncProperty(pathId(() => ids.partnerships),
      formFields([...PARTNERSHIP_FIELDS, 'version']), encoding, ip, async (id, raw, enc, from) => {
        const fields = await resolveVersion('partnerships', id, raw);
        await exchange('form: change partnership', 'page', formRequest(adminSession, `/partnerships/${id}/edit`, fields, enc, from), { id, fields });
      }));
  });

  it('partnership part forms: events, members, contributions, documents, ending a membership', async (c) => {
    const partForms: [string, string[]][] = [
      ['events', ['kind', ...dateFields('eventDate'), 'datePrecision', 'relatedPartnershipId', 'previousName', 'description', 'source']],
      ['memberships', ['personId', 'organisationId', 'role', 'onBehalfOfId', 'remit', ...dateFields('startDate', 'endDate')]],
      ['contributions', ['organisationId', 'financialYear', 'amount', 'note']],
    ];
    for (const [kind, names] of partForms) {
      await propertyRun(c, `form: ${kind}`, runs(220), fc.asyncProperty(pathId(() => ids.partnerships), formFields(names), encoding, ip,
        async (id, fields, enc, from) => {
          await exchange(`form: ${kind}`, 'page', formRequest(adminSession, `/partnerships/${id}/${kind}`, fields, enc, from), { id, fields });
        }));
    }
    const file: fc.Arbitrary<FileField | undefined> = fc.option(fc.record({
      field: fc.constantFrom('file', 'file', 'title', 'note'),
      filename: fc.oneof(fc.constantFrom('terms.pdf', 'terms.PDF', 'minutes.docx', 'old.doc', 'x.odt', 'virus.exe', 'no-extension', '.pdf',
        '../../etc/passwd.pdf', 'C:\\papers\\terms.pdf', '<script>alert(1)</script>.pdf', 'a"b.pdf', '😀.pdf', 'x'.repeat(300) + '.pdf'), hostileText),
      data: fc.oneof(fc.constant(Buffer.from('%PDF-1.4\n%bad input\n')), fc.constant(Buffer.alloc(0)),
        fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)), fc.constant(Buffer.from('PK\u0003\u0004 not really a zip'))),
      type: fc.constantFrom('application/pdf', 'application/octet-stream', 'text/html', 'image/png'),
    }), { nil: undefined });
    await propertyRun(c, 'form: documents', runs(220), fc.asyncProperty(pathId(() => ids.partnerships),
      formFields(['title', 'kind', 'exemptParagraph', 'url', ...dateFields('documentDate'), 'note']),
      fc.constantFrom<Encoding>('multipart', 'multipart', 'multipart', 'urlencoded'), file, ip, async (id, fields, enc, upload, from) => {
        await exchange('form: documents', 'page', formRequest(adminSession, `/partnerships/${id}/documents`, fields, enc, from, upload),
          { id, fields, file: upload && { ...upload, data: `${upload.data.length} bytes` } });
      }));
    await propertyRun(c, 'form: end membership', runs(100), fc.asyncProperty(
      fc.oneof({ weight: 6, arbitrary: fc.constant(null).map(() => ids.membership) },
        { weight: 1, arbitrary: fc.record({ partnershipId: pathId(() => ids.partnerships), id: pathId(() => [ids.membership.id]) }) }),
      formFields(dateFields('endDate')), encoding, ip, async (m, fields, enc, from) => {
        await exchange('form: end membership', 'page',
          formRequest(adminSession, `/partnerships/${m.partnershipId}/memberships/${m.id}/end`, fields, enc, from), { membership: m, fields });
      }));
  });

  it('organisation and people forms: add and change', async (c) => {
    const forms: ['organisations' | 'people', string[]][] = [
      ['organisations', ['name', 'shortName', 'kind', 'website', 'email', 'phone']],
      ['people', ['name', 'honorificPrefix', 'kind', 'organisationId', 'post', 'party', 'electoralDivision', 'portfolio', 'email', 'phone']],
    ];
    for (const [path, names] of forms) {
      await propertyRun(c, `form: add ${path}`, runs(200), fc.asyncProperty(formFields(names), encoding, ip, async (fields, enc, from) => {
        await exchange(`form: add ${path}`, 'page', formRequest(adminSession, `/${path}`, fields, enc, from), fields);
      }));
      await propertyRun(c, `form: change ${path}`, runs(200), fc.asyncProperty(pathId(() => ids[path]), formFields([...names, 'version']), encoding, ip,
        async (id, raw, enc, from) => {
          const fields = await resolveVersion(path, id, raw);
          await exchange(`form: change ${path}`, 'page', formRequest(adminSession, `/${path}/${id}/edit`, fields, enc, from), { id, fields });
        }));
    }
  });

  it('account forms: sign in, forgotten password, invitations, API tokens', async (c) => {
    // Random addresses only, each from its own address (X-Forwarded-For): the demo accounts must not be locked out.
    const signInFields = fc.record({
      email: fc.oneof(fc.emailAddress().filter((e) => !e.endsWith('@example.org')), hostileText, fc.array(hostileText, { minLength: 2, maxLength: 2 })),
      password: fc.oneof(fieldValue('password'), fc.constant(undefined)),
      returnTo: fc.oneof(fieldValue('returnTo'), fc.constant(undefined)),
    }, { requiredKeys: [] }) as fc.Arbitrary<Fields>;
    await propertyRun(c, 'form: sign in', runs(150), fc.asyncProperty(signInFields, encoding, ip, async (fields, enc, from) => {
      await exchange('form: sign in', 'page', formRequest(anonymous, '/sign-in', fields, enc, from), fields);
    }));
    await propertyRun(c, 'form: forgotten password', runs(150), fc.asyncProperty(formFields(['email']), encoding, ip, async (fields, enc, from) => {
      await exchange('form: forgotten password', 'page', formRequest(anonymous, '/forgot-password', fields, enc, from), fields);
    }));
    await propertyRun(c, 'form: invite user', runs(200), fc.asyncProperty(formFields(['email', 'name', 'roles', 'scopePartnershipIds',
      'scopeOrganisationIds']), encoding, ip, async (fields, enc, from) => {
      await exchange('form: invite user', 'page', formRequest(adminSession, '/admin/users/invite', fields, enc, from), fields);
    }));
    await propertyRun(c, 'form: API token', runs(150), fc.asyncProperty(formFields(['name']), encoding, ip, async (fields, enc, from) => {
      await exchange('form: API token', 'page', formRequest(adminSession, '/account/tokens', fields, enc, from), fields);
    }));
  });

  it('says plainly when someone sends too many sign-in attempts', async () => {
    let last: Res | undefined;
    for (let i = 0; i < 22; i++) {
      last = await exchange('form: sign in (rate limit)', 'page',
        formRequest(anonymous, '/sign-in', { email: `nobody${i}@example.net`, password: 'wrong' }, 'urlencoded', '203.0.113.99'), { attempt: i });
    }
    assert.equal(last!.statusCode, 429);
    assert.match(last!.body, /too many|try again (in|later)|wait/i, 'the page should say to wait, not that the request was not understood');
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

  /** A believable JSON value for a field: the right type, usually. */
  function plausibleJson(name: string): fc.Arbitrary<unknown> {
    if (name === 'areaIds') return fc.array(realOrJunkId(() => ids.areas), { maxLength: 3 });
    if (name === 'responsibilities') return fc.array(text, { maxLength: 3 });
    if (name === 'version') return fc.constantFrom('@current', '@current', '@stale', 1, '1');
    if (name === 'financialYear') return fc.oneof(fc.integer({ min: 1985, max: 2105 }), fc.integer({ min: 1985, max: 2105 }).map(String));
    if (name === 'amountPence') return fc.oneof(fc.nat(), fc.constantFrom(10_000_000_000_00, 10_000_000_000_01, 1e15, -1, 0.5));
    if (name === 'exemptParagraph') return fc.oneof(fc.integer({ min: 0, max: 8 }), fc.constantFrom('3', ''));
    if (/date$/i.test(name) || name === 'asAt' || name === 'date' || name === 'compare') return fc.oneof(isoDate, fc.constantFrom('0000-01-01', '9999-12-31'));
    if (name === 'modifiedSince') return fc.oneof(fc.date({ min: new Date('0001-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }).map((d) => d.toISOString()),
      fc.constantFrom('2010-01-01T00:00:00Z', '2010-01-01T00:00:00+01:00', '0000-01-01T00:00:00Z'));
    if (name === 'limit' || name === 'offset') return fc.oneof(fc.integer({ min: -5, max: 600 }).map(String), fc.constantFrom('1000000', '1000001'));
    if (name === 'q') return text;
    if (name === 'status') return pick(codes('status'));
    if (name === 'area') return realOrJunkId(() => ids.areas);
    return plausible(name);
  }

  const jsonFieldValue = (name: string) => fc.oneof(
    { weight: 4, arbitrary: plausibleJson(name) },
    { weight: 2, arbitrary: hostileText },
    { weight: 2, arbitrary: jsonJunk },
  );
  const jsonObject = (names: string[]): fc.Arbitrary<Record<string, unknown>> =>
    fc.tuple(fc.record(Object.fromEntries(names.map((n) => [n, jsonFieldValue(n)])), { requiredKeys: [] }), extraFields)
      .map(([known, extra]) => {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(extra)) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
        return Object.assign(out, known);
      });
  const NOT_JSON = ['', ' ', '{', '{"name":', "{'name':'x'}", '{"name": "x",}', 'undefined', 'NaN', '[1,2', '\u0000', '{"a":1}{"a":2}',
    '{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"isAdmin":true}}}', '"\\ud800"', '{"name":"\\u0000"}', '1e999', '<xml/>'];
  const apiBody = (names: string[]): fc.Arbitrary<ApiBody> => fc.oneof(
    { weight: 12, arbitrary: jsonObject(names).map((json) => ({ json })) },
    { weight: 1, arbitrary: jsonJunk.map((json) => ({ json })) },
    { weight: 1, arbitrary: fc.oneof(fc.constantFrom(...NOT_JSON), fc.string({ maxLength: 30 })).map((raw) => ({ raw })) },
    { weight: 1, arbitrary: fc.record({ raw: fc.constantFrom('name=x&kind=forum&purpose=y', 'a', '<a/>'),
      type: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'application/json; charset=utf-16', 'multipart/form-data') }) },
  );

  /** Real ids for an operation's path, with random and broken ones mixed in. */
  function pathFor(op: Operation): fc.Arbitrary<{ path: string; id?: string; table?: 'partnerships' | 'organisations' | 'people' }> {
    const table = op.path.startsWith('/organisations') ? 'organisations' : op.path.startsWith('/people') ? 'people' : 'partnerships';
    const deleting = op.method === 'DELETE';
    const realIds = () => (deleting ? [ids.spare[table === 'people' ? 'person' : table === 'organisations' ? 'organisation' : 'partnership']] : ids[table]);
    const partIds = () => (deleting ? ids.partnerships.slice(0, 1).concat([ids.membership.id]) : [ids.membership.id]);
    return fc.record({ id: pathId(realIds), partId: pathId(partIds), membership: fc.boolean() }).map(({ id, partId, membership }) => {
      // endMembership needs the membership's own partnership for the ids to fit together.
      const pid = op.path.includes('{partId}') && membership && !deleting ? ids.membership.partnershipId : id;
      return { path: op.path.replace('{id}', pid).replace('{partId}', partId), id: pid, table };
    });
  }

  const withVersion = async (where: { id?: string; table?: 'partnerships' | 'organisations' | 'people' }, value: unknown) => {
    if (!where.id || !where.table) return value;
    const row = (await t.db.query<{ version: number }>(`select version from ${where.table} where id::text = $1`, [where.id]))[0];
    const current = row?.version ?? 1;
    const swap = (v: unknown) => (v === '@current' ? current : v === '@stale' ? Math.max(1, current - 1) : v);
    if (value && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, 'version')) {
      return Object.assign(Object.create(Object.getPrototypeOf(value) as object | null) as object,
        value, { version: swap((value as Record<string, unknown>).version) });
    }
    return value;
  };

  it('API: every operation that takes a body, with generated bodies', async (c) => {
    const withBody = API_OPERATIONS.filter((op) => op.method === 'POST' || op.method === 'PUT' || op.method === 'PATCH');
    assert.ok(withBody.length >= 10, 'the API has its create, update and add operations');
    const each = Math.max(20, Math.round(1500 / withBody.length));
    for (const op of withBody) {
      const area = `API: ${op.method} ${op.path}`;
      await propertyRun(c, area, runs(op.body ? each : 20), fc.asyncProperty(pathFor(op), apiBody(fieldsOf(op.body)), async (where, body) => {
        const final = 'json' in body ? { json: await withVersion(where, body.json) } : body;
        const payload = 'json' in final ? JSON.stringify(final.json) ?? 'null' : final.raw;
        await exchange(area, 'api', {
          method: op.method, url: `/api/v1${where.path}`, payload,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'raw' in final && final.type ? final.type : 'application/json' },
        }, { path: where.path, body: final });
      }));
    }
  });

  it('API: every operation that reads or deletes, with generated query strings', async (c) => {
    const reading = API_OPERATIONS.filter((op) => op.method === 'GET' || op.method === 'DELETE');
    const each = Math.max(20, Math.round(900 / reading.length));
    const rawQueries = fc.constantFrom('%', '%E0%A4%A', 'limit', '=', '&&&', 'limit[]=1', 'limit[a]=1', 'q=%00', 'a=1;b=2', '?', '#x',
      'modifiedSince=2010-01-01T00:00:00+01:00', 'version=1e10', 'version=2147483648');
    for (const op of reading) {
      const area = `API: ${op.method} ${op.path}`;
      const names = [...fieldsOf(op.query), 'version'];
      const query = fc.oneof(
        { weight: 10, arbitrary: fc.tuple(fc.record(Object.fromEntries(names.map((n) => [n, fc.oneof(
          { weight: 3, arbitrary: plausibleJson(n).map(String) }, { weight: 3, arbitrary: hostileText },
          { weight: 1, arbitrary: fc.array(fc.oneof(plausibleJson(n).map(String), hostileText), { minLength: 2, maxLength: 3 }) })])),
        { requiredKeys: [] }), extraFields).map(([known, extra]) => new URLSearchParams([...entries(extra), ...entries(known as Fields)]).toString()) },
        { weight: 1, arbitrary: rawQueries },
      );
      await propertyRun(c, area, runs(each), fc.asyncProperty(pathFor(op), query, async (where, qs) => {
        const version = where.table && where.id ? (await t.db.query<{ version: number }>(`select version from ${where.table} where id::text = $1`, [where.id]))[0]?.version : undefined;
        const finalQs = qs.replace(/%40current/g, String(version ?? 1)).replace(/%40stale/g, String(Math.max(1, (version ?? 2) - 1)));
        await exchange(area, 'api', { method: op.method, url: `/api/v1${where.path}?${finalQs}`, headers: { authorization: `Bearer ${token}` } },
          { path: where.path, query: finalQs });
      }));
    }
  });
});

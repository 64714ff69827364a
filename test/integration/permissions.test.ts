// The permission matrix: every route and API operation, tried as the public and as every role.
// A route's answer must match what the permission model (accounts/permissions.ts) decides, so a
// new route cannot slip in without a decision, and no role can reach more than the table allows.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSession } from '../../src/accounts/sessions.ts';
import { can, ROLE_ACTIONS, ROLES, type Actor, type PartnershipScope, type Role } from '../../src/access/permissions.ts';
import { scopeOf } from '../../src/partnerships/partnerships.repository.ts';
import { API_OPERATIONS } from '../../src/app.ts';
import { apiToken, buildTestApp, DEMO_EMAIL, type TestApp } from '../helper.ts';

describe('permission matrix', () => {
  let t: TestApp;
  let lep: string;
  let other: string;
  const sessions = new Map<Role, string>();
  const tokens = new Map<Role, string>();
  const actors = new Map<Role, Actor>();
  const scopes = new Map<string, PartnershipScope>();
  let csrfCookie = 'matrix';

  before(async () => {
    t = await buildTestApp();
    lep = (await t.db.query<{ id: string }>(`select id from partnerships where short_name = 'GCGP LEP'`))[0]!.id;
    other = (await t.db.query<{ id: string }>(`select id from partnerships where name = 'Cambridgeshire Horizons'`))[0]!.id;
    for (const id of [lep, other]) scopes.set(id, await scopeOf(t.db, t.tenantId, id));
    for (const role of ROLES) {
      const user = (
        await t.db.query<{ id: string; roles: Role[]; scope_partnership_ids: string[]; scope_organisation_ids: string[] }>(
          'select id, roles, scope_partnership_ids, scope_organisation_ids from users where email = $1',
          [DEMO_EMAIL[role]],
        )
      )[0]!;
      actors.set(role, {
        userId: user.id,
        roles: user.roles,
        scopePartnershipIds: user.scope_partnership_ids,
        scopeOrganisationIds: user.scope_organisation_ids,
      });
      sessions.set(role, await createSession(t.db, t.tenantId, user.id, { absoluteHours: 1 }));
      tokens.set(role, await apiToken(t, role));
    }
    csrfCookie = 'matrix-csrf-cookie';
  });
  after(async () => t.close());

  /** The CSRF token the server expects for a cookie and session (the page would carry it). */
  async function csrfFor(sessionSecret: string | undefined) {
    const res = await t.app.inject({
      method: 'GET',
      url: '/forgot-password',
      headers: { cookie: [`ph_csrf=${csrfCookie}`, sessionSecret ? `ph_session=${sessionSecret}` : ''].filter(Boolean).join('; ') },
    });
    return /name="_csrf" value="([^"]+)"/.exec(res.body)![1]!;
  }

  const fill = (url: string, id: string) =>
    url
      .replace(/:id\b|\{id\}/, id)
      .replace(/:partId\b|\{partId\}/, '00000000-0000-4000-8000-000000000000')
      .replace(/:token\b/, 'not-a-token')
      .replace(/:name\b/, 'file.pdf');

  it('knows every route, and every one has a decision', () => {
    const pages = t.app.routeDecisions.filter((r) => !r.url.startsWith('/api/'));
    assert.ok(pages.length > 50, `${pages.length} page routes`);
    for (const r of t.app.routeDecisions) assert.ok(r.access, `${r.method} ${r.url}`);
    const apiRoutes = new Set(t.app.routeDecisions.filter((r) => r.url.startsWith('/api/v1/')).map((r) => `${r.method} ${r.url}`));
    for (const op of API_OPERATIONS) assert.ok(apiRoutes.has(`${op.method} /api/v1${op.path.replace(/\{(\w+)\}/g, ':$1')}`), op.operationId);
  });

  it('answers every page route as the permission model decides, for the public and every role', async () => {
    const problems: string[] = [];
    const routes = t.app.routeDecisions.filter((r) => !r.url.startsWith('/api/') && !['/sign-out'].includes(r.url));
    for (const role of [null, ...ROLES] as (Role | null)[]) {
      const secret = role ? sessions.get(role) : undefined;
      const token = await csrfFor(secret);
      for (const route of routes) {
        for (const id of route.scopeParam ? [lep, other] : [lep]) {
          const expected = can(role ? actors.get(role)! : null, route.access, route.scopeParam ? scopes.get(id) : null);
          const res = await t.app.inject({
            method: route.method as 'GET',
            url: fill(route.url, id),
            headers: {
              cookie: [`ph_csrf=${csrfCookie}`, secret ? `ph_session=${secret}` : ''].filter(Boolean).join('; '),
              ...(route.method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
            },
            ...(route.method === 'POST' ? { payload: `_csrf=${encodeURIComponent(token)}` } : {}),
          });
          const toSignIn = res.statusCode === 303 && String(res.headers.location).startsWith('/sign-in?returnTo=');
          const refused = res.statusCode === 401 || res.statusCode === 403 || toSignIn;
          if (res.statusCode >= 500) problems.push(`${role ?? 'public'} ${route.method} ${route.url}: ${res.statusCode}`);
          if (expected && refused)
            problems.push(
              `${role ?? 'public'} ${route.method} ${route.url} (${id === lep ? 'own' : 'other'}): refused (${res.statusCode}) but ${route.access} allows`,
            );
          if (!expected && !refused)
            problems.push(
              `${role ?? 'public'} ${route.method} ${route.url} (${id === lep ? 'own' : 'other'}): answered ${res.statusCode} but ${route.access} forbids`,
            );
          if (!expected && !role && route.method === 'GET' && !toSignIn)
            problems.push(`public GET ${route.url}: should be sent to sign in, got ${res.statusCode}`);
          if (!expected && role && res.statusCode !== 403) problems.push(`${role} ${route.method} ${route.url}: expected 403, got ${res.statusCode}`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it('answers every API operation as the permission model decides, for the public and every role', async () => {
    const problems: string[] = [];
    for (const role of [null, ...ROLES] as (Role | null)[]) {
      for (const op of API_OPERATIONS) {
        for (const id of op.scopeParam ? [lep, other] : [lep]) {
          const expected = can(role ? actors.get(role)! : null, op.access, op.scopeParam ? scopes.get(id) : null);
          const res = await t.app.inject({
            method: op.method,
            url: `/api/v1${fill(op.path, id)}`,
            headers: role ? { authorization: `Bearer ${tokens.get(role)}` } : {},
            ...(op.body ? { payload: {} } : {}),
          });
          const refused = res.statusCode === 401 || res.statusCode === 403;
          if (res.statusCode >= 500) problems.push(`${role ?? 'public'} ${op.operationId}: ${res.statusCode}`);
          if (expected === refused)
            problems.push(
              `${role ?? 'public'} ${op.operationId} (${id === lep ? 'own' : 'other'}): ${res.statusCode}, expected ${expected ? 'allowed' : 'refused'}`,
            );
          if (refused) assert.match(String(res.headers['content-type']), /application\/problem\+json/);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it('matches the reviewed list of routes and their actions (test/integration/route-access.json)', async () => {
    const { readFile } = await import('node:fs/promises');
    const reviewed = JSON.parse(await readFile(new URL('./route-access.json', import.meta.url), 'utf8')) as Record<string, string>;
    const actual = Object.fromEntries(t.app.routeDecisions.map((r) => [`${r.method} ${r.url}`, r.scopeParam ? `${r.access} (${r.scopeParam})` : r.access]));
    const unreviewed = Object.keys(actual)
      .filter((k) => reviewed[k] !== actual[k])
      .map((k) => `${k}: ${actual[k]} (reviewed: ${reviewed[k] ?? 'none'})`);
    const gone = Object.keys(reviewed).filter((k) => !(k in actual));
    assert.deepEqual(
      { unreviewed, gone },
      { unreviewed: [], gone: [] },
      'A route was added or its access changed: review it, then run `npx tsx scripts/route-access.ts` and commit the file',
    );
  });

  it('gives each role the actions in the table and no more', () => {
    assert.ok(ROLE_ACTIONS.administrator.includes('users.manage'));
    assert.ok(!ROLE_ACTIONS.councillor.includes('partnership.edit'));
    assert.ok(!ROLE_ACTIONS.partner_editor.includes('partnership.create'));
    assert.ok(!ROLE_ACTIONS.finance_officer.includes('partnership.edit') && ROLE_ACTIONS.finance_officer.includes('contribution.edit'));
    // A partner editor acts on their partnerships and sub-groups of them, never on others, never without a record.
    const editor = actors.get('partner_editor')!;
    assert.equal(can(editor, 'partnership.edit', scopes.get(lep)), true);
    assert.equal(can(editor, 'partnership.edit', scopes.get(other)), false);
    assert.equal(can(editor, 'partnership.edit', null), false);
    assert.equal(can(editor, 'partnership.edit', { partnershipId: 'x', ancestorIds: [lep], memberOrganisationIds: [] }), true);
    assert.equal(can(null, 'manage.view'), false);
  });
});

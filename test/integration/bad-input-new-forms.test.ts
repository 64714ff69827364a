// Bad input to the forms this round added (money, appendices, health checks, the quarterly update,
// closing a plan), posted by an administrator, who may use all of them, and by a councillor, who may
// use none: an empty form, a script tag and absurd numbers and dates in every field. Each answer is a
// page that says what is wrong (or a refusal), never a server error, and nothing it echoes is markup.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, signIn, type Agent, type TestApp } from '../helper.ts';

const ROUTES = Object.keys(JSON.parse(readFileSync(path.join(import.meta.dirname, 'route-access.json'), 'utf8')) as Record<string, string>)
  .filter((r) => r.startsWith('POST /'))
  .map((r) => r.slice('POST '.length))
  .filter(
    (url) =>
      !url.startsWith('/api/') &&
      /^\/(finance|health-checks|quarterly-updates)|\/(funding|pooled-budgets|contributions)|^\/plans\/:id\/(close|reopen)/.test(url),
  );

const SCRIPT = '<script>alert(1)</script>';
const FIELDS = [
  'amount',
  'amountPounds',
  'budget',
  'actual',
  'forecast',
  'value',
  'year',
  'financialYear',
  'period',
  'percent',
  'floor',
  'deMinimis',
  'date',
  'closedOn',
  'effectiveDate',
  'title',
  'name',
  'body',
  'summary',
  'reason',
  'rag',
  'evidence',
  'version',
  'agendaItemId',
  'lineIds',
  'fromLineId',
  'toLineId',
  'organisationId',
  'funderName',
  'status',
  'kind',
  'confirm',
  'quarter',
  'note',
];
const fill = (value: string) => Object.fromEntries(FIELDS.map((f) => [f, value]));
const BODIES: Record<string, string>[] = [
  {},
  fill(SCRIPT),
  fill('99999999999999999999999'),
  fill('-1e308'),
  fill('31/02/2026'),
  { ...fill(''), 'date-day': '32', 'date-month': '13', 'date-year': '99999' },
];

describe('bad input to the forms added for money, health checks and reports', () => {
  let t: TestApp;
  let admin: Agent;
  let councillor: Agent;
  const ids: Record<string, string> = {};
  before(async () => {
    t = await buildTestApp();
    admin = await signIn(t.app, 'administrator');
    councillor = await signIn(t.app, 'councillor');
    const first = async (sql: string) => (await t.db.query<{ id: string }>(sql))[0]?.id ?? '00000000-0000-4000-8000-000000000000';
    ids.partnership = await first(`select id from partnerships where deleted_at is null order by name limit 1`);
    ids.pooled = await first(`select id from pooled_budgets limit 1`);
    ids.line = await first(`select id from budget_lines limit 1`);
    ids.report = await first(`select id from finance_reports limit 1`);
    ids.commentary = await first(`select id from finance_commentaries limit 1`);
    ids.plan = await first(`select id from plans where deleted_at is null limit 1`);
    ids.update = await first(`select id from activity_updates limit 1`);
    for (const table of ['finance_savings', 'finance_grants', 'finance_reserves', 'finance_capital_schemes', 'finance_capital_funding'])
      ids[table] = await first(`select id from ${table} limit 1`);
  });
  after(() => t.close());

  const APPENDIX_TABLE: Record<string, string> = {
    savings: 'finance_savings',
    grants: 'finance_grants',
    reserves: 'finance_reserves',
    'capital-schemes': 'finance_capital_schemes',
    'capital-funding': 'finance_capital_funding',
  };
  const urlOf = (route: string) => {
    const appendix = /^\/finance\/appendices\/([a-z-]+)\//.exec(route)?.[1];
    const idFor = route.startsWith('/finance/lines')
      ? ids.line
      : route.startsWith('/finance/reports')
        ? ids.report
        : route.startsWith('/finance/commentary')
          ? ids.commentary
          : route.startsWith('/plans')
            ? ids.plan
            : route.startsWith('/quarterly-updates')
              ? ids.update
              : appendix
                ? ids[APPENDIX_TABLE[appendix]!]
                : ids.partnership;
    return route.replace(':id', idFor!).replace(':subId', ids.pooled!).replace(':partId', '00000000-0000-4000-8000-000000000000');
  };

  it('finds the forms to try', () => assert.ok(ROUTES.length >= 30, ROUTES.join(', ')));

  it('answers every bad post with a message or a refusal, never a server error or echoed markup', async () => {
    const problems: string[] = [];
    for (const route of ROUTES) {
      const url = urlOf(route);
      for (const [who, agent] of [
        ['administrator', admin],
        ['councillor', councillor],
      ] as const) {
        for (const body of BODIES) {
          const res = await agent.post(url, body);
          const label = `${who} POST ${route} ${JSON.stringify(body).slice(0, 60)}: ${res.statusCode}`;
          if (res.statusCode >= 500) problems.push(label);
          if (who === 'councillor' && res.statusCode < 400) problems.push(`${label} (a councillor may not)`);
          if (res.body.includes(SCRIPT)) problems.push(`${label} echoes the script tag unescaped`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });
});

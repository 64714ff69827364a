// The risk registers through the HTTP layer, as a partnership officer uses them: adding a risk (bad input
// first: nothing stored, clear messages), the register sorted by residual score with its heat map and
// overdue reviews, a mitigating action from the partnership's plan, changing a risk (a stale version is a
// conflict), configuring a partnership's risk matrix (accepted, refused, and the scores it then allows),
// who may see and post, and bad addresses.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anonymousAgent, buildTestApp, countRows, partnershipIds, signIn, type Agent, type TestApp } from '../helper.ts';
import { errorSummaryOf, okPage, redirectedTo, textOf } from '../pages.ts';
import { registerRiskPages } from '../../src/plans/risks.routes.ts';

/** The heat map's body rows: the row header's text, and the text and links of each cell. */
function heatMapRows(html: string) {
  const table = /<table class="govuk-table app-heat-map">([\s\S]*?)<\/table>/.exec(html);
  assert.ok(table, 'a heat map');
  const body = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(table[1]!)![1]!;
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) => ({
    header: textOf(/<th[^>]*>([\s\S]*?)<\/th>/.exec(row[1]!)![1]!).trim(),
    cells: [...row[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => ({
      text: textOf(c[1]!).trim(),
      hrefs: [...c[1]!.matchAll(/href="([^"]+)"/g)].map((h) => h[1]!),
    })),
  }));
}

const LONG_ACTION =
  'Develop, agree and deliver a shared community resilience strategy with the district councils, Peterborough and the voluntary and community sector';

describe('risk registers', () => {
  let t: TestApp;
  let officer: Agent;
  let councillor: Agent;
  let visitor: Agent;
  let partnershipA = '';
  let partnershipB = '';
  let actionA = '';
  let actionB = '';
  let planA = '';
  const ids: Record<string, string> = {};

  before(async () => {
    t = await buildTestApp({
      // Until src/app.ts registers the risk pages, the test registers them itself.
      beforeReady: (app) => {
        if (!app.hasRoute({ method: 'GET', url: '/plans/risks' })) void registerRiskPages(app, app.db);
      },
    });
    officer = await signIn(t.app, 'partnership_officer');
    councillor = await signIn(t.app, 'councillor');
    visitor = anonymousAgent(t.app);
    const names = await partnershipIds(t);
    partnershipA = names.get('Cambridgeshire Together')!;
    partnershipB = names.get('Cambridgeshire Public Service Board')!;
    assert.ok(partnershipA && partnershipB);
    // A delivery plan for each partnership, each with one action (the plan pages are another slice).
    const plan = async (partnershipId: string, title: string, reference: string, description: string) =>
      t.db.transaction({ actor: 'test' }, async (tx) => {
        const p = (
          await tx.query<{ id: string }>(`insert into plans (tenant_id, kind, title, partnership_id) values ($1, 'delivery_plan', $2, $3) returning id`, [
            t.tenantId,
            title,
            partnershipId,
          ])
        )[0]!.id;
        const pr = (
          await tx.query<{ id: string }>(
            `insert into plan_priorities (tenant_id, plan_id, number, title) values ($1, $2, 1, 'Community resilience') returning id`,
            [t.tenantId, p],
          )
        )[0]!.id;
        const a = (
          await tx.query<{ id: string }>(
            `insert into plan_actions (tenant_id, plan_id, priority_id, reference, description) values ($1, $2, $3, $4, $5) returning id`,
            [t.tenantId, p, pr, reference, description],
          )
        )[0]!.id;
        return { plan: p, action: a };
      });
    ({ plan: planA, action: actionA } = await plan(partnershipA, 'Communities delivery plan 2018-2020', '1.4', LONG_ACTION));
    ({ action: actionB } = await plan(partnershipB, 'Public service plan', '2.1', 'Share the public estate'));
  });
  after(async () => t?.close());

  const page = (url: string, agent: Agent = officer) => okPage(agent, url);
  const redirected = redirectedTo;
  const stored = async () => ({
    risks: await countRows(t.db, 'risks'),
    mitigations: await countRows(t.db, 'risk_mitigations'),
    matrices: await countRows(t.db, 'risk_matrices'),
  });
  const riskForm = (fields: Record<string, string | string[]>) => ({
    partnershipId: partnershipA,
    planId: '',
    reference: '',
    title: '',
    cause: '',
    effect: '',
    owner: 'Head of Communities',
    controls: '',
    inherentLikelihood: '4',
    inherentImpact: '4',
    residualLikelihood: '3',
    residualImpact: '3',
    'reviewDate-day': '',
    'reviewDate-month': '',
    'reviewDate-year': '',
    trend: 'new',
    status: 'open',
    ...fields,
  });
  const add = async (key: string, fields: Record<string, string | string[]>) => {
    const location = redirected(await officer.post('/plans/risks/new', riskForm(fields)), /^\/plans\/risks\/[0-9a-f-]{36}\?done=created$/);
    ids[key] = /risks\/([0-9a-f-]{36})/.exec(location)![1]!;
    return location;
  };
  const riskRow = async (id: string) =>
    (
      await t.db.query<{ title: string; version: number; residual_likelihood: number; inherent_impact: number }>(
        'select title, version, residual_likelihood, inherent_impact from risks where id = $1',
        [id],
      )
    )[0]!;

  describe('adding a risk', () => {
    it('sends a visitor to sign in, and refuses a councillor the form', async () => {
      const res = await visitor.get('/plans/risks');
      assert.equal(res.statusCode, 303);
      assert.match(String(res.headers.location), /^\/sign-in/);
      assert.equal((await councillor.get('/plans/risks/new')).statusCode, 403);
      assert.equal((await page('/plans/risks', councillor)).includes('Add a risk'), false, 'no link to a form they cannot use');
    });

    it('refuses a risk without a title, with a likelihood off the scale and a date that is not real, and stores nothing', async () => {
      const before = await stored();
      const res = await officer.post(
        '/plans/risks/new',
        riskForm({
          title: '',
          inherentLikelihood: '7',
          residualImpact: '',
          'reviewDate-day': '31',
          'reviewDate-month': '2',
          'reviewDate-year': '2018',
          reference: 'R1',
          actionIds: actionA,
        }),
      );
      assert.equal(res.statusCode, 400);
      const summary = errorSummaryOf(res.body);
      assert.match(summary, /There is a problem/);
      assert.match(summary, /Enter the risk/);
      assert.match(summary, /Select the residual impact/);
      assert.match(summary, /Review date must be a real date/);
      assert.match(res.body, /<title>Error: /);
      assert.match(res.body, /href="#reviewDate-day"/, 'the summary links to the first box of the date');
      assert.match(res.body, /value="R1"/, 'what was typed is kept');
      assert.match(res.body, /value="31"/);
      assert.deepEqual(await stored(), before);

      // With every field otherwise right, the scale is checked against the partnership's 5-point matrix.
      const scale = await officer.post('/plans/risks/new', riskForm({ title: 'Scale test', inherentLikelihood: '7' }));
      assert.equal(scale.statusCode, 400);
      assert.match(errorSummaryOf(scale.body), /Select the inherent likelihood from the list/);
      const words = await officer.post('/plans/risks/new', riskForm({ title: 'Scale test', residualLikelihood: 'very', inherentImpact: '0' }));
      assert.equal(words.statusCode, 400);
      assert.match(errorSummaryOf(words.body), /Select the residual likelihood from the list/);
      assert.match(errorSummaryOf(words.body), /Select the inherent impact from the list/);
      assert.deepEqual(await stored(), before);
    });

    it('refuses a missing partnership, a plan or action of another partnership, and odd values, never with a 500', async () => {
      const before = await stored();
      const none = await officer.post('/plans/risks/new', riskForm({ title: 'No partnership', partnershipId: '' }));
      assert.equal(none.statusCode, 400);
      assert.match(errorSummaryOf(none.body), /Select the partnership whose risk this is/);
      const unknown = await officer.post('/plans/risks/new', riskForm({ title: 'Unknown', partnershipId: '00000000-0000-4000-8000-000000000000' }));
      assert.equal(unknown.statusCode, 400);
      assert.match(errorSummaryOf(unknown.body), /Select the partnership from the list/);
      const other = await officer.post('/plans/risks/new', riskForm({ title: 'Other', partnershipId: partnershipB, planId: planA, actionIds: [actionA] }));
      assert.equal(other.statusCode, 400);
      assert.match(errorSummaryOf(other.body), /Select a plan of Cambridgeshire Public Service Board, or no plan/);
      assert.match(errorSummaryOf(other.body), /Select mitigating actions from the plans of Cambridgeshire Public Service Board/);
      const odd = await officer.post('/plans/risks/new', riskForm({ title: 'Odd', trend: 'sideways', status: 'maybe', actionIds: ['not-an-id'], planId: 'x' }));
      assert.equal(odd.statusCode, 400);
      const summary = errorSummaryOf(odd.body);
      assert.match(summary, /Select whether the risk is new, improving, stable or worsening/);
      assert.match(summary, /Select whether the risk is open or closed/);
      assert.match(summary, /Select the mitigating actions from the list/);
      assert.match(summary, /Select the plan from the list/);
      const twice = await officer.post('/plans/risks/new', riskForm({ title: ['One', 'Two'] }));
      assert.equal(twice.statusCode, 400);
      assert.deepEqual(await stored(), before);
    });

    it("offers the actions of the partnership's plans as mitigating actions, labelled by reference", async () => {
      const html = await page(`/plans/risks/new?partnership=${partnershipA}`);
      assert.match(html, /1\.4 Develop, agree and deliver a shared community resilience strategy[^<]*…/);
      assert.doesNotMatch(html, /Share the public estate/, 'not the actions of other partnerships');
      assert.match(html, /Communities delivery plan 2018-2020/);
      assert.match(html, /4 – Likely/);
    });

    it('adds risks, one with a review overdue and a mitigating action', async () => {
      const location = await add('overdue', {
        reference: 'R1',
        title: 'Community groups lose volunteers',
        planId: planA,
        actionIds: actionA,
        inherentLikelihood: '5',
        inherentImpact: '4',
        residualLikelihood: '4',
        residualImpact: '4',
        controls: 'Volunteer centre support',
        'reviewDate-day': '1',
        'reviewDate-month': '1',
        'reviewDate-year': '2018',
        trend: 'worsening',
      });
      const html = await page(location);
      assert.match(html, /Risk added/);
      assert.match(textOf(html), /Develop, agree and deliver a shared community resilience strategy/);
      assert.match(textOf(html), /Review overdue/);
      assert.match(textOf(html), /4 – Likely × 4 – Major = 16/);
      assert.match(textOf(html), /Residual: High/);
      assert.equal(
        (await t.db.query('select 1 from risk_mitigations where risk_id = $1 and action_id = $2 and deleted_at is null', [ids.overdue, actionA])).length,
        1,
      );

      await add('low', {
        reference: 'R2',
        title: 'Funding for the hubs is delayed',
        inherentLikelihood: '3',
        inherentImpact: '3',
        residualLikelihood: '2',
        residualImpact: '3',
        'reviewDate-day': '1',
        'reviewDate-month': '1',
        'reviewDate-year': '2099',
        trend: 'stable',
      });
      await add('middle', { reference: 'R3', title: 'Data sharing agreement not signed', residualLikelihood: '3', residualImpact: '4' });
      await add('closed', {
        reference: 'R4',
        title: 'Closed risk of the old board',
        residualLikelihood: '5',
        residualImpact: '5',
        inherentLikelihood: '5',
        inherentImpact: '5',
        status: 'closed',
        'reviewDate-day': '1',
        'reviewDate-month': '1',
        'reviewDate-year': '2017',
      });
      await add('other', {
        reference: 'PSB1',
        title: 'Estate review stalls',
        partnershipId: partnershipB,
        actionIds: actionB,
        residualLikelihood: '1',
        residualImpact: '2',
      });
    });
  });

  describe('the register', () => {
    it('lists the open risks highest residual score first, counts overdue reviews and flags them', async () => {
      const html = await page(`/plans/risks?partnership=${partnershipA}`);
      const text = textOf(html);
      assert.match(text, /Risk register: Cambridgeshire Together/);
      assert.match(text, /Review overdue: 1 of 3 open risks/);
      const table = /<caption[^>]*>Open risks, highest residual score first[\s\S]*?<\/table>/.exec(html)![0];
      const titles = [...table.matchAll(/<a class="govuk-link" href="\/plans\/risks\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);
      assert.deepEqual(titles, ['Community groups lose volunteers', 'Data sharing agreement not signed', 'Funding for the hubs is delayed']);
      const rows = [...table.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].slice(1).map((r) => textOf(r[1]!));
      assert.match(rows[0]!, /5 × 4 = 20 High/);
      assert.match(rows[0]!, /4 × 4 = 16 High/);
      assert.match(rows[0]!, /1 January 2018 Review overdue/);
      assert.match(rows[0]!, /Worsening/);
      assert.doesNotMatch(rows[2]!, /Review overdue/);
      assert.match(rows[2]!, /2 × 3 = 6 Low/);
      assert.doesNotMatch(table, /Estate review stalls/, 'only the chosen partnership');
      assert.doesNotMatch(table, /Closed risk/, 'closed risks are not in the list of open risks');
      assert.match(text, /Closed risks R4 Closed risk of the old board/);
    });

    it('places each open risk on the heat map by residual likelihood and impact, with the level as text', async () => {
      const rows = heatMapRows(await page(`/plans/risks?partnership=${partnershipA}`));
      assert.deepEqual(
        rows.map((r) => r.header),
        ['5 – Almost certain', '4 – Likely', '3 – Possible', '2 – Unlikely', '1 – Rare'],
      );
      const cell = (likelihood: number, impact: number) => rows[5 - likelihood]!.cells[impact - 1]!;
      assert.deepEqual(cell(4, 4).hrefs, [`/plans/risks/${ids.overdue}`]);
      assert.match(cell(4, 4).text, /^High Score 16 R1$/);
      assert.deepEqual(cell(3, 4).hrefs, [`/plans/risks/${ids.middle}`]);
      assert.match(cell(3, 4).text, /Medium Score 12 R3/);
      assert.deepEqual(cell(2, 3).hrefs, [`/plans/risks/${ids.low}`]);
      assert.match(cell(2, 3).text, /Low Score 6/);
      assert.deepEqual(cell(5, 5).hrefs, [], 'the closed risk is not on the map');
      assert.equal(
        rows.flatMap((r) => r.cells).reduce((n, c) => n + c.hrefs.length, 0),
        3,
      );
    });

    it("shows every partnership's open risks when none is chosen", async () => {
      const html = await page('/plans/risks');
      const text = textOf(html);
      assert.match(text, /Estate review stalls/);
      assert.match(text, /Community groups lose volunteers/);
      assert.match(text, /Review overdue: 1 of 4 open risks/);
      const hrefs = heatMapRows(html).flatMap((r) => r.cells.flatMap((c) => c.hrefs));
      assert.ok(hrefs.includes(`/plans/risks/${ids.other}`));
      assert.match(html, /<caption class="govuk-table__caption govuk-table__caption--m">Open risks by residual likelihood and impact<\/caption>/);
      // A councillor may read the registers.
      assert.match(await page('/plans/risks', councillor), /Estate review stalls/);
      assert.match(await page(`/plans/risks/${ids.overdue}`, councillor), /Community groups lose volunteers/);
    });
  });

  describe('changing a risk', () => {
    it('saves a change with the current version, and refuses a stale one without change', async () => {
      const before = await riskRow(ids.middle!);
      const form = await page(`/plans/risks/${ids.middle}/edit`);
      assert.match(form, new RegExp(`name="version" value="${before.version}"`));
      assert.match(form, /value="Data sharing agreement not signed"/);
      const changed = riskForm({
        reference: 'R3',
        title: 'Data sharing agreement still not signed',
        residualLikelihood: '2',
        residualImpact: '4',
        version: String(before.version),
        actionIds: actionA,
      });
      redirected(await officer.post(`/plans/risks/${ids.middle}`, changed), /done=updated/);
      const after = await riskRow(ids.middle!);
      assert.equal(after.title, 'Data sharing agreement still not signed');
      assert.equal(after.residual_likelihood, 2);
      assert.equal(after.version, before.version + 1);

      const stale = await officer.post(`/plans/risks/${ids.middle}`, { ...changed, title: "Someone else's old view", version: String(before.version) });
      assert.equal(stale.statusCode, 409);
      assert.match(errorSummaryOf(stale.body), /Someone else changed this record while you were editing it/);
      assert.match(stale.body, /value="Data sharing agreement still not signed"/, 'their changes are shown');
      assert.deepEqual(await riskRow(ids.middle!), after);

      const bad = await officer.post(`/plans/risks/${ids.middle}`, { ...changed, title: '', version: String(after.version) });
      assert.equal(bad.statusCode, 400);
      assert.match(errorSummaryOf(bad.body), /Enter the risk/);
      assert.deepEqual(await riskRow(ids.middle!), after);
    });

    it('unlinks a mitigating action when it is no longer ticked', async () => {
      const version = (await riskRow(ids.middle!)).version;
      redirected(
        await officer.post(
          `/plans/risks/${ids.middle}`,
          riskForm({
            reference: 'R3',
            title: 'Data sharing agreement still not signed',
            residualLikelihood: '2',
            residualImpact: '4',
            version: String(version),
          }),
        ),
        /done=updated/,
      );
      const links = await t.db.query('select 1 from risk_mitigations where risk_id = $1 and deleted_at is null', [ids.middle]);
      assert.equal(links.length, 0);
      assert.match(textOf(await page(`/plans/risks/${ids.middle}`)), /Mitigating actions None linked/);
    });
  });

  describe('the risk matrix', () => {
    const matrixForm = (fields: Record<string, string>) => ({
      likelihoodLabels: 'Rare\nUnlikely\nPossible\nLikely\nAlmost certain',
      impactLabels: 'Negligible\nMinor\nModerate\nMajor\nSevere',
      levelMinimums: '15, 8',
      version: '',
      ...fields,
    });

    it('shows the default matrix of a partnership that has not set its own, with its risks placed', async () => {
      const html = await page(`/plans/risks/matrix?partnership=${partnershipA}`);
      assert.match(html, /standard 5 × 5 matrix/);
      assert.match(html, /Rare\nUnlikely\nPossible\nLikely\nAlmost certain/);
      assert.match(html, /value="15, 8"/);
      assert.ok(
        heatMapRows(html)
          .flatMap((r) => r.cells.flatMap((c) => c.hrefs))
          .includes(`/plans/risks/${ids.overdue}`),
      );
      assert.match(textOf(await page('/plans/risks/matrix')), /Choose the partnership/);
    });

    it('refuses levels that do not descend, scales too short or long, and scales that would leave risks outside them', async () => {
      const before = await stored();
      const ascending = await officer.post(`/plans/risks/matrix?partnership=${partnershipA}`, matrixForm({ levelMinimums: '8, 15' }));
      assert.equal(ascending.statusCode, 400);
      assert.match(errorSummaryOf(ascending.body), /Each level must start at a lower score than the level above it/);
      const words = await officer.post(`/plans/risks/matrix?partnership=${partnershipA}`, matrixForm({ levelMinimums: 'high, low' }));
      assert.equal(words.statusCode, 400);
      assert.match(errorSummaryOf(words.body), /whole numbers separated by commas, like 15, 8/);
      const short = await officer.post(`/plans/risks/matrix?partnership=${partnershipA}`, matrixForm({ impactLabels: 'Only one', levelMinimums: '4' }));
      assert.equal(short.statusCode, 400);
      assert.match(errorSummaryOf(short.body), /The impact scale needs 2 to 10 points/);
      const beyond = await officer.post(
        `/plans/risks/matrix?partnership=${partnershipA}`,
        matrixForm({ likelihoodLabels: 'Low\nMedium\nHigh', impactLabels: 'Low\nMedium\nHigh', levelMinimums: '6, 3' }),
      );
      assert.equal(beyond.statusCode, 400);
      assert.match(errorSummaryOf(beyond.body), /3 risks of Cambridgeshire Together are scored beyond the new scales/);
      assert.deepEqual(await stored(), before);
    });

    it('previews a matrix without saving it', async () => {
      const before = await stored();
      const res = await officer.post(
        `/plans/risks/matrix?partnership=${partnershipB}`,
        matrixForm({
          likelihoodLabels: 'Low\nMedium\nHigh\nVery high',
          impactLabels: 'Low\nMedium\nHigh\nVery high',
          levelMinimums: '12, 6, 3',
          action: 'preview',
        }),
      );
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /Preview: the new matrix/);
      const rows = heatMapRows(res.body);
      assert.equal(rows.length, 4);
      assert.match(rows[0]!.cells[3]!.text, /^Very high Score 16/);
      assert.match(rows[3]!.cells[0]!.text, /^Low Score 1/);
      assert.deepEqual(await stored(), before);
    });

    it("saves a partnership's own matrix, whose scales then score its risks; a stale version is a conflict", async () => {
      const location = redirected(
        await officer.post(
          `/plans/risks/matrix?partnership=${partnershipB}`,
          matrixForm({ likelihoodLabels: '1. Low\n2. Medium\n3. High\n4. Very high', impactLabels: 'Low\nMedium\nHigh\nVery high', levelMinimums: '12, 6, 3' }),
        ),
        /^\/plans\/risks\?partnership=[0-9a-f-]{36}&done=matrix$/,
      );
      const saved = (
        await t.db.query<{ likelihood_labels: string[]; level_minimums: number[]; version: number }>(
          'select likelihood_labels, level_minimums, version from risk_matrices where partnership_id = $1 and deleted_at is null',
          [partnershipB],
        )
      )[0]!;
      assert.deepEqual(saved.likelihood_labels, ['Low', 'Medium', 'High', 'Very high']);
      assert.deepEqual(saved.level_minimums, [12, 6, 3]);

      const html = await page(location);
      assert.match(html, /Risk matrix saved/);
      assert.deepEqual(
        heatMapRows(html).map((r) => r.header),
        ['4 – Very high', '3 – High', '2 – Medium', '1 – Low'],
      );
      const form = await page(`/plans/risks/new?partnership=${partnershipB}`);
      assert.match(form, /4 – Very high/);
      assert.doesNotMatch(form, /5 – Almost certain/);

      const before = await stored();
      const five = await officer.post(
        '/plans/risks/new',
        riskForm({ title: 'Too likely', partnershipId: partnershipB, inherentLikelihood: '5', residualImpact: '5' }),
      );
      assert.equal(five.statusCode, 400);
      assert.match(errorSummaryOf(five.body), /Select the inherent likelihood from the list/);
      assert.match(errorSummaryOf(five.body), /Select the residual impact from the list/);
      assert.deepEqual(await stored(), before);

      // Without the version (as if the default were still in use), or with an old one: a conflict, nothing saved.
      for (const version of ['', String(saved.version + 5)]) {
        const stale = await officer.post(
          `/plans/risks/matrix?partnership=${partnershipB}`,
          matrixForm({ likelihoodLabels: 'Low\nHigh', impactLabels: 'Low\nHigh', levelMinimums: '2', version }),
        );
        assert.equal(stale.statusCode, 409, `version ${version}`);
        assert.match(errorSummaryOf(stale.body), /Someone else changed this record/);
      }
      redirected(
        await officer.post(
          `/plans/risks/matrix?partnership=${partnershipB}`,
          matrixForm({
            likelihoodLabels: 'Low\nMedium\nHigh\nVery high\nExtreme',
            impactLabels: 'Low\nMedium\nHigh\nVery high',
            levelMinimums: '12, 6',
            version: String(saved.version),
          }),
        ),
        /done=matrix/,
      );
      assert.deepEqual(await stored(), { ...before });
    });

    it('accepts a longer scale for a partnership with risks: they all still fit', async () => {
      redirected(
        await officer.post(
          `/plans/risks/matrix?partnership=${partnershipA}`,
          matrixForm({
            likelihoodLabels: 'Rare\nUnlikely\nPossible\nLikely\nAlmost certain\nCertain',
            levelMinimums: '20, 10, 5',
          }),
        ),
        /done=matrix/,
      );
      const html = await page(`/plans/risks/${ids.overdue}`);
      assert.match(textOf(html), /4 – Likely × 4 – Major = 16 (High|Medium)/);
    });
  });

  describe('who may post, and bad addresses', () => {
    it('refuses a councillor every form (403) and stores nothing', async () => {
      const before = await stored();
      for (const [url, fields] of [
        ['/plans/risks/new', riskForm({ title: 'Not allowed' })],
        [`/plans/risks/${ids.low}`, riskForm({ title: 'Not allowed', version: '1' })],
        [`/plans/risks/matrix?partnership=${partnershipA}`, { likelihoodLabels: 'A\nB', impactLabels: 'A\nB', levelMinimums: '2' }],
      ] as const)
        assert.equal((await councillor.post(url, fields)).statusCode, 403, url);
      assert.equal((await councillor.get(`/plans/risks/${ids.low}/edit`)).statusCode, 403);
      assert.equal((await councillor.get(`/plans/risks/matrix?partnership=${partnershipA}`)).statusCode, 403);
      assert.deepEqual(await stored(), before);
      assert.equal((await riskRow(ids.low!)).title, 'Funding for the hubs is delayed');
    });

    it('answers 404 for ids that are not UUIDs, or not there', async () => {
      const missing = '00000000-0000-4000-8000-000000000000';
      for (const url of [
        '/plans/risks/not-a-uuid',
        `/plans/risks/${missing}`,
        `/plans/risks/${missing}/edit`,
        '/plans/risks/12345/edit',
        `/plans/risks/matrix?partnership=${missing}`,
        '/plans/risks/matrix?partnership=nonsense',
      ]) {
        assert.equal((await officer.get(url)).statusCode, 404, url);
      }
      assert.equal((await officer.post(`/plans/risks/${missing}`, riskForm({ title: 'Ghost', version: '1' }))).statusCode, 404);
      assert.equal((await officer.post('/plans/risks/not-a-uuid', riskForm({ title: 'Ghost', version: '1' }))).statusCode, 404);
      assert.equal(
        (await officer.post(`/plans/risks/matrix?partnership=${missing}`, { likelihoodLabels: 'A\nB', impactLabels: 'A\nB', levelMinimums: '2' })).statusCode,
        404,
      );
      // An unknown partnership in the register's filter shows every partnership.
      assert.match(textOf(await page('/plans/risks?partnership=nonsense')), /Risk registers/);
    });
  });
});

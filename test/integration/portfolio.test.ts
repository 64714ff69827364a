// The programme and project portfolio (seed 004, Appendix 8) through the HTTP layer: adding a programme
// (bad input first), recording RAG assessments (the history, newest first; the latest as-at date gives the
// RAG), changing an item (a stale version is a conflict), the filters, publishing to the public portfolio
// (drafts never appear there) and withdrawing, who may post, and bad addresses.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anonymousAgent, buildTestApp, countRows, partnershipIds, signIn, type Agent, type TestApp } from '../helper.ts';
import { errorSummaryOf, okPage, redirectedTo, textOf } from '../pages.ts';
import { registerPortfolioPages } from '../../src/plans/portfolio.routes.ts';

/** The portfolio table's rows as text, one string per row. */
const portfolioRows = (html: string) => {
  const table = /<caption[^>]*>Programmes and projects<\/caption>([\s\S]*?)<\/table>/.exec(html);
  if (!table) return [];
  const body = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(table[1]!)![1]!;
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => textOf(r[1]!).replace(/ :/g, ':').trim());
};
const DRAFT_TAG = /govuk-tag--grey">\s*Draft/;

const TITLE = 'Zanzibarish Community Resilience Programme';
const LEAD = 'Sarah Ferguson / Elaine Matthews';
const DRAFT = 'Zanzibarish draft project for Mosaic';

describe('programme and project portfolio', () => {
  let t: TestApp;
  let officer: Agent;
  let councillor: Agent;
  let visitor: Agent;
  let partnership = '';
  let id = '';
  let draftId = '';

  before(async () => {
    t = await buildTestApp({
      // Until src/app.ts registers the portfolio pages, the test registers them itself.
      beforeReady: (app) => {
        if (!app.hasRoute({ method: 'GET', url: '/plans/portfolio' })) void registerPortfolioPages(app, app.db);
      },
    });
    officer = await signIn(t.app, 'partnership_officer');
    councillor = await signIn(t.app, 'councillor');
    visitor = anonymousAgent(t.app);
    partnership = (await partnershipIds(t)).get('Cambridgeshire Together')!;
    assert.ok(partnership);
  });
  after(async () => t?.close());

  const page = (url: string, agent: Agent = officer) => okPage(agent, url);
  const redirected = redirectedTo;
  const stored = async () => ({ items: await countRows(t.db, 'portfolio_items'), assessments: await countRows(t.db, 'portfolio_assessments') });
  const itemForm = (fields: Record<string, string | string[]>) => ({
    kind: 'programme',
    title: '',
    leadDirector: '',
    description: '',
    partnershipId: '',
    bodyId: '',
    ...fields,
  });
  const assess = (fields: Record<string, string>) =>
    officer.post(`/plans/portfolio/${id}/assessments`, { 'asAt-day': '', 'asAt-month': '', 'asAt-year': '', rag: '', keyIssues: '', ...fields });
  const item = async (itemId: string) =>
    (
      await t.db.query<{ title: string; version: number; publication_state: string }>(
        'select title, version, publication_state from portfolio_items where id = $1',
        [itemId],
      )
    )[0]!;

  describe('adding a programme or project', () => {
    it('sends a visitor to sign in for the back office, and refuses a councillor the form', async () => {
      const res = await visitor.get('/plans/portfolio');
      assert.equal(res.statusCode, 303);
      assert.match(String(res.headers.location), /^\/sign-in/);
      assert.equal((await councillor.get('/plans/portfolio/new')).statusCode, 403);
      assert.equal((await visitor.get('/delivery-plans/portfolio')).statusCode, 200);
    });

    it('refuses an item without a name, of an unknown kind or owner, and stores nothing', async () => {
      const before = await stored();
      const res = await officer.post('/plans/portfolio/new', itemForm({ kind: 'banana', leadDirector: LEAD, partnershipId: 'not-an-id' }));
      assert.equal(res.statusCode, 400);
      const summary = errorSummaryOf(res.body);
      assert.match(summary, /Enter the name of the programme or project/);
      assert.match(summary, /Select whether this is a programme or a project/);
      assert.match(summary, /Select the partnership from the list/);
      assert.match(res.body, /<title>Error: /);
      assert.match(res.body, new RegExp(`value="${LEAD}"`), 'what was typed is kept');
      const ghost = await officer.post('/plans/portfolio/new', itemForm({ title: TITLE, bodyId: '00000000-0000-4000-8000-000000000000' }));
      assert.equal(ghost.statusCode, 400);
      assert.match(errorSummaryOf(ghost.body), /Select the committee or board from the list/);
      assert.equal((await officer.post('/plans/portfolio/new', itemForm({ title: ['One', 'Two'] }))).statusCode, 400);
      assert.deepEqual(await stored(), before);
    });

    it('adds a programme with its lead director, as a draft, and another left as a draft', async () => {
      const location = redirected(
        await officer.post(
          '/plans/portfolio/new',
          itemForm({
            title: TITLE,
            leadDirector: LEAD,
            partnershipId: partnership,
            description: 'Accelerate the work to build community resilience, working in partnership across the public sector.',
          }),
        ),
        /^\/plans\/portfolio\/[0-9a-f-]{36}\?done=created$/,
      );
      id = /portfolio\/([0-9a-f-]{36})/.exec(location)![1]!;
      const html = await page(location);
      assert.match(html, /Programme or project added/);
      assert.match(textOf(html), /Programme · Cambridgeshire Together/);
      assert.match(textOf(html), /Draft/);
      assert.match(textOf(html), /Not assessed yet/);
      draftId = /portfolio\/([0-9a-f-]{36})/.exec(
        redirected(await officer.post('/plans/portfolio/new', itemForm({ kind: 'project', title: DRAFT, leadDirector: 'Sue Grace' })), /created/),
      )![1]!;

      const rows = portfolioRows(await page('/plans/portfolio'));
      const mine = rows.find((r) => r.includes(TITLE))!;
      assert.match(mine, new RegExp(`^${TITLE}: ${LEAD} Draft Accelerate the work`));
      assert.match(mine, /Not assessed yet$/);
    });
  });

  describe('assessments', () => {
    it('refuses an assessment without a RAG, with a date that is not real or in the future, and stores nothing', async () => {
      const before = await stored();
      const bad = await assess({ 'asAt-day': '31', 'asAt-month': '2', 'asAt-year': '2018', keyIssues: 'Some issues' });
      assert.equal(bad.statusCode, 400);
      const summary = errorSummaryOf(bad.body);
      assert.match(summary, /The as-at date must be a real date/);
      assert.match(summary, /Select the RAG status: green, amber or red/);
      assert.match(bad.body, /href="#asAt-day"/);
      assert.match(bad.body, />Some issues<\/textarea>/, 'what was typed is kept');
      const missing = await assess({ rag: 'green' });
      assert.equal(missing.statusCode, 400);
      assert.match(errorSummaryOf(missing.body), /Enter the as-at date/);
      const future = await assess({ 'asAt-day': '1', 'asAt-month': '1', 'asAt-year': '2099', rag: 'green' });
      assert.equal(future.statusCode, 400);
      assert.match(errorSummaryOf(future.body), /The as-at date must be today or in the past/);
      const colour = await assess({ 'asAt-day': '1', 'asAt-month': '1', 'asAt-year': '2018', rag: 'purple' });
      assert.equal(colour.statusCode, 400);
      assert.deepEqual(await stored(), before);
    });

    it('records assessments: the history is newest first, and the latest as-at date gives the RAG', async () => {
      redirected(
        await assess({
          'asAt-day': '31',
          'asAt-month': '3',
          'asAt-year': '2018',
          rag: 'green',
          keyIssues: 'Nearly £600k is being allocated to good ideas from community organisations.',
        }),
        /done=assessed/,
      );
      let rows = portfolioRows(await page('/plans/portfolio'));
      assert.match(rows.find((r) => r.includes(TITLE))!, /Key issues at 31 March 2018: Nearly £600k is being allocated.* GREEN$/);

      redirected(
        await assess({ 'asAt-day': '30', 'asAt-month': '6', 'asAt-year': '2018', rag: 'amber', keyIssues: 'Recruitment of key workers is behind.' }),
        /done=assessed/,
      );
      // An earlier assessment recorded later does not replace the latest.
      redirected(await assess({ 'asAt-day': '31', 'asAt-month': '12', 'asAt-year': '2017', rag: 'red', keyIssues: 'Not started.' }), /done=assessed/);
      const html = await page(`/plans/portfolio/${id}?done=assessed`);
      assert.match(html, /Assessment recorded/);
      const history = /id="history"[\s\S]*?<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(html)![1]!;
      const entries = [...history.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => textOf(r[1]!).trim());
      assert.deepEqual(entries, [
        '30 June 2018 AMBER Recruitment of key workers is behind.',
        '31 March 2018 GREEN Nearly £600k is being allocated to good ideas from community organisations.',
        '31 December 2017 RED Not started.',
      ]);
      rows = portfolioRows(await page('/plans/portfolio'));
      const mine = rows.find((r) => r.includes(TITLE))!;
      assert.match(mine, /Key issues at 30 June 2018: Recruitment of key workers is behind\. AMBER$/);
      assert.match(await page('/plans/portfolio'), /govuk-tag--yellow">\s*AMBER/);
    });
  });

  describe('changing an item', () => {
    it('saves a change with the current version, and refuses a stale one without change', async () => {
      const before = await item(id);
      const form = await page(`/plans/portfolio/${id}/edit`);
      assert.match(form, new RegExp(`name="version" value="${before.version}"`));
      redirected(
        await officer.post(
          `/plans/portfolio/${id}`,
          itemForm({
            title: `${TITLE} (phase 2)`,
            leadDirector: LEAD,
            partnershipId: partnership,
            description: 'Accelerate the work to build community resilience, phase 2.',
            version: String(before.version),
          }),
        ),
        /done=updated/,
      );
      const after = await item(id);
      assert.equal(after.title, `${TITLE} (phase 2)`);
      const stale = await officer.post(`/plans/portfolio/${id}`, itemForm({ title: 'An old view', version: String(before.version) }));
      assert.equal(stale.statusCode, 409);
      assert.match(errorSummaryOf(stale.body), /Someone else changed this record while you were editing it/);
      assert.match(stale.body, /\(phase 2\)/, 'their changes are shown');
      const empty = await officer.post(`/plans/portfolio/${id}`, itemForm({ title: '', version: String(after.version) }));
      assert.equal(empty.statusCode, 400);
      assert.match(errorSummaryOf(empty.body), /Enter the name of the programme or project/);
      assert.deepEqual(await item(id), after);
    });

    it('filters the portfolio by partnership', async () => {
      const rows = portfolioRows(await page(`/plans/portfolio?partnership=${partnership}`));
      assert.equal(rows.length, 1);
      assert.match(rows[0]!, /phase 2/);
      const all = portfolioRows(await page('/plans/portfolio'));
      assert.ok(all.length >= 2 && all.some((r) => r.includes(DRAFT)));
      assert.equal(portfolioRows(await page('/plans/portfolio?partnership=nonsense')).length, all.length, 'an unknown filter is ignored');
    });
  });

  describe('publication', () => {
    it('shows nothing of drafts on the public portfolio', async () => {
      const html = await page('/delivery-plans/portfolio', visitor);
      assert.doesNotMatch(html, new RegExp(TITLE));
      assert.doesNotMatch(html, new RegExp(DRAFT));
      assert.doesNotMatch(html, DRAFT_TAG);
      // The public filter offers only the owners of published items: not the partnership of our draft.
      assert.doesNotMatch(html, new RegExp(`value="${partnership}"`));
      assert.equal(
        portfolioRows((await visitor.get(`/delivery-plans/portfolio?partnership=${partnership}`)).body).some((r) => r.includes(TITLE)),
        false,
      );
    });

    it('publishes an item (a stale version is a conflict): it appears on the public portfolio with its latest RAG, the draft never does', async () => {
      const before = await item(id);
      assert.equal((await councillor.post(`/plans/portfolio/${id}/publish`, { version: String(before.version) })).statusCode, 403);
      const stale = await officer.post(`/plans/portfolio/${id}/publish`, { version: String(before.version - 1) });
      assert.equal(stale.statusCode, 409);
      assert.match(errorSummaryOf(stale.body), /Someone else changed this record/);
      assert.equal((await item(id)).publication_state, 'draft');
      redirected(await officer.post(`/plans/portfolio/${id}/publish`, { version: String(before.version) }), /done=published/);
      assert.equal((await item(id)).publication_state, 'published');

      const html = await page('/delivery-plans/portfolio', visitor);
      const mine = portfolioRows(html).filter((r) => r.includes(TITLE));
      assert.equal(mine.length, 1);
      assert.match(
        mine[0]!,
        new RegExp(`^${TITLE} \\(phase 2\\): ${LEAD} Accelerate the work.*Key issues at 30 June 2018: Recruitment of key workers is behind\\. AMBER$`),
      );
      assert.doesNotMatch(html, new RegExp(DRAFT));
      assert.doesNotMatch(html, DRAFT_TAG);
      const filtered = portfolioRows(await page(`/delivery-plans/portfolio?partnership=${partnership}`, visitor));
      assert.equal(filtered.length, 1, 'now its partnership is a filter of the public portfolio');
      assert.doesNotMatch(html, /\/plans\/portfolio\//, 'no links into the back office');
      assert.match(html, /<th scope="col" class="govuk-table__header">Programme\/Project and Lead Director<\/th>/);
      assert.match(html, /Brief description and any key issues/);
    });

    it('withdraws an item from the public portfolio', async () => {
      const { version } = await item(id);
      assert.equal((await councillor.post(`/plans/portfolio/${id}/withdraw`, { version: String(version) })).statusCode, 403);
      redirected(await officer.post(`/plans/portfolio/${id}/withdraw`, { version: String(version) }), /done=withdrawn/);
      assert.equal(
        portfolioRows(await page('/delivery-plans/portfolio', visitor)).some((r) => r.includes(TITLE)),
        false,
      );
    });
  });

  describe('who may post, and bad addresses', () => {
    it('lets a councillor read the portfolio but refuses every form (403), storing nothing', async () => {
      assert.match(await page('/plans/portfolio', councillor), new RegExp(DRAFT));
      assert.doesNotMatch(await page('/plans/portfolio', councillor), /Add a programme or project/);
      assert.match(await page(`/plans/portfolio/${id}`, councillor), /RAG history/);
      const before = await stored();
      for (const [url, fields] of [
        ['/plans/portfolio/new', itemForm({ title: 'Not allowed' })],
        [`/plans/portfolio/${id}`, itemForm({ title: 'Not allowed', version: '1' })],
        [`/plans/portfolio/${id}/assessments`, { 'asAt-day': '1', 'asAt-month': '1', 'asAt-year': '2018', rag: 'red' }],
        [`/plans/portfolio/${draftId}/publish`, { version: '1' }],
      ] as const)
        assert.equal((await councillor.post(url, fields)).statusCode, 403, url);
      assert.equal((await councillor.get(`/plans/portfolio/${id}/edit`)).statusCode, 403);
      assert.deepEqual(await stored(), before);
      assert.equal((await item(draftId)).publication_state, 'draft');
    });

    it('answers 404 for ids that are not UUIDs, or not there', async () => {
      const missing = '00000000-0000-4000-8000-000000000000';
      for (const url of ['/plans/portfolio/not-a-uuid', `/plans/portfolio/${missing}`, `/plans/portfolio/${missing}/edit`, '/plans/portfolio/123/edit']) {
        assert.equal((await officer.get(url)).statusCode, 404, url);
      }
      for (const url of [
        `/plans/portfolio/${missing}`,
        `/plans/portfolio/${missing}/assessments`,
        `/plans/portfolio/${missing}/publish`,
        `/plans/portfolio/${missing}/withdraw`,
        '/plans/portfolio/not-a-uuid/assessments',
      ]) {
        assert.equal(
          (await officer.post(url, { version: '1', title: 'Ghost', kind: 'project', rag: 'red', 'asAt-day': '1', 'asAt-month': '1', 'asAt-year': '2018' }))
            .statusCode,
          404,
          url,
        );
      }
    });
  });
});

// Issue 16: a self-assessment's pages on a 375 px phone. The assessment's page (open, with its Change and Remove
// links and the upload form, and seed 000's submitted one), and each entry's change and removal pages, fit without
// sideways scrolling (the route's table scrolls in its own labelled region) and pass axe.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expectAccessible, signInAs, startBrowserSession, type BrowserSession } from './support.ts';

describe('self-assessment pages on a phone', () => {
  let s: BrowserSession;
  before(async () => {
    s = await startBrowserSession();
  });
  after(() => s.close());

  it('fit 375 px without sideways scrolling, and pass axe', async () => {
    const { page, t } = s;
    const tenant = t.tenantId;
    const ids = await t.db.transaction({ actor: 'test' }, async (tx) => {
      const one = async (sql: string, params: unknown[]) => (await tx.query<{ id: string }>(sql, params))[0]!.id;
      const a = await one(`insert into assessments (tenant_id, title) values ($1, 'Area assessment on a phone') returning id`, [tenant]);
      const q = await one(
        `insert into assessment_questions (tenant_id, assessment_id, position, text, raised_by) values ($1, $2, 1, 'Does the current draft give the right feel and impression of Cambridgeshire as a place?', 'the Audit Commission') returning id`,
        [tenant, a],
      );
      const person = await one(`select id from people where tenant_id = $1 and name = 'Stephen Moir'`, [tenant]);
      const editor = await one(`insert into assessment_editors (tenant_id, assessment_id, person_id, role) values ($1, $2, $3, 'Author') returning id`, [
        tenant,
        a,
        person,
      ]);
      const evidence = await one(
        `insert into assessment_evidence (tenant_id, assessment_id, question_id, note) values ($1, $2, $3, 'The LSP''s Annual Review and self-assessment') returning id`,
        [tenant, a, q],
      );
      const draft = await one(
        `insert into assessment_drafts (tenant_id, assessment_id, number, drafted_on, content) values ($1, $2, 1, '2009-07-06', 'The draft') returning id`,
        [tenant, a],
      );
      const comment = await one(
        `insert into assessment_comments (tenant_id, draft_id, board, said_on, comment) values ($1, $2, 'South Cambridgeshire Local Strategic Partnership Board', '2009-07-17', 'Challenge the draft') returning id`,
        [tenant, draft],
      );
      const item = await one(
        `select i.id from agenda_items i join meetings m on m.id = i.meeting_id join bodies b on b.id = m.body_id
         where i.tenant_id = $1 and b.name = 'Cambridgeshire Together Board' and m.meeting_date = '2009-07-23' limit 1`,
        [tenant],
      );
      const step = await one(
        `insert into assessment_steps (tenant_id, assessment_id, position, purpose, agenda_item_id) values ($1, $2, 1, 'Sign off', $3) returning id`,
        [tenant, a, item],
      );
      return { a, entries: { questions: q, editors: editor, evidence, comments: comment, steps: step } };
    });
    const [seed] = await t.db.query<{ id: string }>(`select id from assessments where tenant_id = $1 and title like 'Comprehensive Area Assessment%'`, [
      tenant,
    ]);
    await signInAs(s, 'partnership.officer@example.org');
    const pages = [
      `/assessments/${ids.a}`,
      `/assessments/${seed!.id}`,
      ...Object.entries(ids.entries).flatMap(([path, id]) => [`/assessments/${ids.a}/${path}/${id}/edit`, `/assessments/${ids.a}/${path}/${id}/remove`]),
    ];
    await page.setViewportSize({ width: 375, height: 812 });
    const wide: string[] = [];
    for (const url of pages) {
      const res = await page.goto(`${s.baseUrl}${url}`);
      assert.equal(res?.status(), 200, url);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 375) wide.push(`${url}: ${width} px`);
      await expectAccessible(s);
    }
    assert.deepEqual(wide, [], 'pages wider than a 375 px phone');
  });
});

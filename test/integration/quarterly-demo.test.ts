// Issue 16's done-when on the demo as it loads (no test data added): seed 001's quarter, April to June 2009.
// The quarterly update to Cabinet of 7 July 2009 regenerates the contact table (every officer and member contact
// as at the report's date) and the six partnership sections with their indicators (baseline, target and actual
// as the paper prints them); "Draft from the record" for Q1 2009/10 lists the partnership boards' meetings of the
// quarter with their decisions, the NI 8 exception report considered on 27 May and the Care Partnership's
// meetings either side of the quarter; the published minutes are public; and the 2009/10 health check of every
// partnership marks its computed criteria and links their evidence. (Seed 002's landscape changes are checked in
// annual-review.test.ts, seed 000's sign-off route and its dates in assessment.test.ts.)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anonymousAgent, buildTestApp, signIn, type Agent, type TestApp } from '../helper.ts';
import { mainTextOf, okPage, textOf } from '../pages.ts';

const Q = '2009-04-01';

describe("Seed 001's quarter from the demo", () => {
  let t: TestApp;
  let officer: Agent;
  let report = '';
  const idOf = async (name: string) => (await t.db.query<{ id: string }>('select id from partnerships where name = $1 and deleted_at is null', [name]))[0]!.id;
  const draftOf = async (name: string) => {
    const res = await officer.post(`/quarterly-updates/${await idOf(name)}/draft`, { quarter: Q, summary: '' });
    assert.equal(res.statusCode, 200);
    const box = /<textarea[^>]*name="summary"[^>]*>([\s\S]*?)<\/textarea>/.exec(res.body)?.[1] ?? '';
    return {
      html: res.body,
      text: box
        .replace(/&#39;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&'),
    };
  };
  const SECTIONS = [
    'A) Cambridgeshire Together',
    'B) Children and Young People Steering Group',
    'C) Cambridgeshire Care Partnership',
    'D) Cambridgeshire Horizons',
    'E) Community Safety Strategic Partnership Board',
    'F) Greater Cambridge Partnership',
  ];
  /** The report's section for a partnership: from its lettered heading (after the contents) to the next one, or the implications. */
  const section = (letter: string) => {
    const i = SECTIONS.findIndex((s) => s.startsWith(`${letter})`));
    const from = report.indexOf(`${SECTIONS[i]} `, report.indexOf('Partnership Officer contact Member contact'));
    const to = i + 1 < SECTIONS.length ? report.indexOf(`${SECTIONS[i + 1]} `, from) : report.indexOf('Implications', from);
    assert.ok(from > 0 && to > from, `section ${letter}`);
    return report.slice(from, to);
  };

  before(async () => {
    t = await buildTestApp();
    officer = await signIn(t.app, 'partnership_officer');
    report = textOf(await okPage(officer, `/quarterly-updates/report?quarter=${Q}&date=2009-07-07`));
  });
  after(async () => t?.close());

  it("regenerates seed 001's contact table: each partnership's officer and member contact as at 7 July 2009", () => {
    const rows: [string, string, string, string, string][] = [
      ['Cambridgeshire Together', 'Adrian Smith', 'Head of Corporate Development', 'Jill Tuck', 'Leader of the Council'],
      ['Children and Young People Steering Group', 'Mary Whitehand', 'Head of Planning and Partnership', 'Martin Curtis', 'Children'],
      ['Cambridgeshire Care Partnership', 'Claire Bruin', 'Director: Adult Support Services', 'Fred Yeulett', 'Adult Social Care, Health and Well Being'],
      [
        'Cambridgeshire Horizons',
        'Graham Hughes',
        'Service Director: Growth and Infrastructure',
        'Roy Pegram',
        'Growth, Infrastructure and Strategic Planning',
      ],
      ['Community Safety Strategic Partnership Board', 'Gaynor Mears', 'Community Safety Manager', 'Sir Peter Brown', 'Communities'],
      ['Greater Cambridge Partnership', 'Guy Mills', 'Economic Development Manager', 'Jill Tuck', 'Leader of the Council'],
    ];
    const table = report.slice(report.indexOf('Partnership Officer contact Member contact'), report.indexOf('A) Cambridgeshire Together The'));
    let at = 0;
    for (const [name, officerName, post, member, portfolio] of rows) {
      const row = new RegExp(
        `${name} ${officerName} ${post.replace(/[(),]/g, '\\$&')} \\S+@example\\.org 01632 960\\d{3} Cllr ${member} ${portfolio} \\S+@example\\.org 01632 960\\d{3}`,
      );
      const found = row.exec(table.slice(at));
      assert.ok(found, `${name}: ${table.slice(at, at + 300)}`);
      at += found.index + found[0].length;
    }
  });

  it('regenerates the six sections in the paper’s order with their indicators: baseline, target and actual as printed', () => {
    const a = section('A');
    assert.match(a, /^A\) Cambridgeshire Together .*Summary of activity The Cambridgeshire Together Board endorsed the creation/);
    assert.match(a, /Indicator Baseline Target Actual NI 20 Assault with less serious injury crime rate – – – NI 8 Adult participation in sport/);
    assert.match(section('B'), /^B\) Children and Young People Steering Group .*met on 20 May/);
    assert.match(section('C'), /^C\) Cambridgeshire Care Partnership .*There has been no meeting since the 24 March 2009/);
    assert.match(section('D'), /^D\) Cambridgeshire Horizons .*£27m/);
    const e = section('E');
    // Seed 001, 5.4.1 and 5.7: NI 16 from 12.53 to 12.2 per 1,000; NI 32 25% against 28%; MARAC referrals, 80 in the 4th quarter.
    assert.match(e, /NI 16 Serious acquisitive crime rate 12\.53 per 1,000 12\.20 per 1,000 –/);
    assert.match(
      e,
      /NI 32 Reducing repeat domestic violence incidents for cases managed by the Multi-Agency Risk Assessment Conference \(MARAC\) – 28% 25% \(2008\/09\)/,
    );
    assert.match(e, /High risk domestic violence victim referrals to the Multi-Agency Risk Assessment Conferences \(MARAC\) – – 80 \(January 2009\)/);
    const f = section('F');
    assert.match(f, /^F\) Greater Cambridge Partnership .*the meeting on 23 April/);
    assert.match(f, /Indicator Baseline Target Actual NI 8 Adult participation in sport and active recreation – – –/);
  });

  it("'Draft from the record' for Q1 2009/10 lists the boards' meetings of the quarter with their decisions (seed 001, 1.4-1.11, 5.4-5.13, 6.5-6.6)", async () => {
    const ct = await draftOf('Cambridgeshire Together');
    assert.match(ct.text, /^Between 1 April 2009 and 30 June 2009, the Cambridgeshire Together Board met on 27 May\./);
    assert.match(
      ct.text,
      /At its meeting on 27 May the Cambridgeshire Together Board agreed:\n- Endorse the creation of the Cambridgeshire Public Service Board\. \(minute 1a\)/,
    );
    assert.match(ct.text, /- Back the 'Making Cambridgeshire Count' initiative[^\n]*\(minute 2a\)/);
    assert.match(
      ct.text,
      /- Consider ways of working in partnership to help address the issues of worklessness in Huntingdonshire and Fenland\. \(minute 3b\)/,
    );
    assert.match(ct.text, /"Future Jobs Fund"[^\n]*\(minute 3d\)/);
    assert.match(
      ct.text,
      /An exception report for Adult participation in sport and active recreation was considered by the Cambridgeshire Together Board at its meeting on 27 May\./,
    );
    const [meeting] = await t.db.query<{ id: string }>(
      `select m.id from meetings m join bodies b on b.id = m.body_id where b.name = 'Cambridgeshire Together Board' and m.meeting_date = '2009-05-27'`,
    );
    assert.ok(ct.html.includes(`href="/meetings/${meeting!.id}"`), 'the meeting is a source');
    assert.ok(ct.html.includes(`href="/meetings/${meeting!.id}/minutes"`), 'its minutes are a source');

    const csp = await draftOf('Community Safety Strategic Partnership Board');
    assert.match(csp.text, /^Between 1 April 2009 and 30 June 2009, the Community Safety Strategic Partnership Board met on 28 April\./);
    assert.match(csp.text, /- Agree four key principles and a definition of 'Need' as core criteria for allocating funding\. \(minute 4a\)/);
    assert.match(csp.text, /- Update the Community Safety Agreement to reflect the removal of NI15[^\n]*\(minute 8a\)/);

    assert.match((await draftOf('Greater Cambridge Partnership')).text, /the Greater Cambridge Partnership Board met on 23 April\./);
    assert.match((await draftOf('Children and Young People Steering Group')).text, /the Children and Young People Steering Group met on 20 May\./);
    const care = await draftOf('Cambridgeshire Care Partnership');
    assert.match(
      care.text,
      /^There has been no meeting since the 24 March 2009\.\n\nThe next meeting of the Cambridgeshire Care Partnership is to be held on 30 July 2009\./,
    );
    // Drafting saves nothing: the demo's approved updates stand.
    const states = await t.db.query<{ state: string }>(`select distinct state from activity_updates where quarter_start = $1`, [Q]);
    assert.deepEqual(
      states.map((s) => s.state),
      ['approved'],
    );
  });

  it("the boards' published minutes of the quarter are public, with their decisions", async () => {
    const [meeting] = await t.db.query<{ id: string }>(
      `select m.id from meetings m join bodies b on b.id = m.body_id where b.name = 'Community Safety Strategic Partnership Board' and m.meeting_date = '2009-04-28'`,
    );
    const visitor = anonymousAgent(t.app);
    const page = await okPage(visitor, `/calendar/${meeting!.id}`);
    assert.match(mainTextOf(page), /Community Safety Strategic Partnership Board Date Tuesday 28 April 2009 .*Status Held .*Draft minutes/);
    assert.ok(page.includes(`href="/calendar/${meeting!.id}/minutes"`), 'the meeting links its minutes');
    const minutes = mainTextOf(await okPage(visitor, `/calendar/${meeting!.id}/minutes`));
    assert.match(minutes, /Discussion on Funding/);
    assert.match(minutes, /four key principles and a definition of 'Need'/);
    assert.match(minutes, /Detective Superintendent Jeff Hill gave a presentation/);
  });

  it('the 2009/10 health check of every partnership marks its computed criteria and links their evidence', async () => {
    const list = await okPage(officer, '/health-checks?year=2009');
    const ids = [...new Set([...list.matchAll(/href="\/health-checks\/([0-9a-f-]{36})\?year=2009"/g)].map((m) => m[1]!))];
    const [count] = await t.db.query<{ n: number }>(`select count(*)::int as n from partnerships where deleted_at is null`);
    assert.equal(ids.length, count!.n, 'every partnership has its health check');
    let linked = 0;
    for (const id of ids) {
      const page = await okPage(officer, `/health-checks/${id}?year=2009`);
      const rows = page.split('govuk-summary-list__row').slice(1);
      const computed = rows.filter((r) => r.includes('>Computed</span>'));
      assert.ok(computed.length > 0, `${id}: computed criteria`);
      for (const r of computed) {
        const rag = /govuk-tag--(\w+)/.exec(r)?.[1];
        // A criterion met (green) or partly met (amber) shows the records that meet it.
        if (rag === 'green' || rag === 'yellow') assert.match(r, /<a class="govuk-link" href="\/[^"]+"/, `${id}: ${textOf(r).slice(0, 200)}`);
        if (/<a class="govuk-link" href="\/meetings\//.test(r)) linked += 1;
      }
    }
    assert.ok(linked > 0, "some criteria link the boards' 2009 meetings");
    // Cambridgeshire Together: its meetings in public (4a) are the Board's 27 May and 23 July 2009 meetings.
    const ct = await okPage(officer, `/health-checks/${await idOf('Cambridgeshire Together')}?year=2009`);
    const fourA = ct.slice(ct.indexOf('id="criterion-4a"'), ct.indexOf('id="criterion-4b"'));
    assert.match(textOf(fourA), /Green Computed 2 of 2 meetings open to the public\. Cambridgeshire Together Board, 2009-05-27/);
  });
});

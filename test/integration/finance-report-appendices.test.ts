// The generated Finance and Performance Report's later appendices through the HTTP layer, on seed 004's demo:
// table 1.2 (indicators and programmes by RAG), Appendix 4 (virements and the budget reconciliation), Appendix 7
// (the committee's published indicators as known at the period's end) and Appendix 8 (its programmes and
// projects with their RAG then), on the page, in the PDF and in the Word file; and nothing unpublished in them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import JSZip from 'jszip';
import { type Agent, buildTestApp, signIn, type TestApp } from '../helper.ts';
import { textOf } from '../pages.ts';
import { pdfPageTexts } from '../pdf-text.ts';

describe('finance: the report’s table 1.2 and Appendices 4, 7 and 8', () => {
  let t: TestApp;
  let councillor: Agent;
  const reportId = async (period: number) =>
    (await t.db.query<{ id: string }>('select id from finance_reports where period = $1 and deleted_at is null order by created limit 1', [period]))[0]!.id;
  const flat = (s: string) => s.replace(/\s+/g, ' ');

  before(async () => {
    t = await buildTestApp();
    councillor = await signIn(t.app, 'councillor');
  });
  after(async () => t?.close());

  /** What every form of the outturn report says; `wrapped` when narrow cells break their text across lines (the PDF). */
  const expectOutturn = (text: string, wrapped = false) => {
    // Table 1.2: the seed's 4 red, 2 amber; 5 green and 27 not rated (the seed's "Improving" row has no target).
    assert.match(text, /Performance \(number of indicators\) 4 2 5 27 38/);
    assert.match(text, /Portfolio \(number of programmes and projects\) 0 1 5 0 6/);
    // Appendix 4: the original budgets, the eleven virements naming one line, and the budget as printed.
    assert.match(text, /Appendix 4 – Virements and budget reconciliation/);
    assert.match(text, /Budget as per business plan 235,674/);
    assert.match(text, /Looked After Children Placements July 2,913 LAC Demography approved by GPC in July/);
    assert.match(text, /Safer Communities Partnership May -178 DAAT budgets/);
    assert.match(text, /Strengthening Communities Sept 429/);
    assert.match(text, /Budget 2017-18 239,567/);
    // Appendix 7: by outcome, with previous, target, actual, date, direction, RAG, comparators.
    assert.match(text, /Appendix 7 – Performance at end of March 2018/);
    assert.match(text, /Adults and children are kept safe/);
    assert.match(text, /Performance in re-referrals to children's social care is below the ceiling target/);
    if (!wrapped)
      assert.match(
        text,
        /Number of children with a Child Protection Plan per 10,000 population under 18 Children & Safeguarding 37\.1 per 10,000 30\.0 per 10,000 35\.5 per 10,000 March 2018 Improving Off target 36\.9 per 10,000 43\.3 per 10,000 During March/,
      );
    // Appendix 8: programmes with their lead directors and RAG at the end of March.
    assert.match(text, /Appendix 8 – Portfolio at end of March 2018/);
    assert.match(text, /Building Community Resilience Programme: Sarah Ferguson \/ Elaine Matthews/);
    assert.match(text, wrapped ? /Accelerating Achievement: Jon Lewis/ : /Accelerating Achievement: Jon Lewis [^:]* AMBER/);
  };

  it('shows them on the outturn report page with the demo’s figures', async () => {
    const res = await councillor.get(`/finance/reports/${await reportId(13)}`);
    assert.equal(res.statusCode, 200);
    expectOutturn(flat(textOf(res.body)));
  });

  it('prints them in the PDF', async () => {
    const res = await councillor.get(`/finance/reports/${await reportId(13)}/report.pdf`);
    assert.equal(res.statusCode, 200);
    expectOutturn(flat((await pdfPageTexts(res.rawPayload)).join(' ')), true);
  });

  it('writes them in the Word file', async () => {
    const res = await councillor.get(`/finance/reports/${await reportId(13)}/report.docx`);
    assert.equal(res.statusCode, 200);
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    const text = flat(
      xml
        .replace(/<\/w:p>/g, ' ')
        .replace(/<[^>]+>/g, '')
        .replace(/&amp;/g, '&')
        .replace(/&apos;/g, "'"),
    );
    expectOutturn(text);
  });

  it('reads the February report as at the end of February: earlier values, no assessments yet, virements up to February', async () => {
    const text = flat(textOf((await councillor.get(`/finance/reports/${await reportId(11)}`)).body));
    assert.match(text, /Appendix 7 – Performance at end of February 2018/);
    assert.match(text, /Rate of referrals per 10,000 of population under 18 Children & Safeguarding n\/a 298\.6 per 10,000 February 2018/);
    assert.match(text, /Portfolio \(number of programmes and projects\) 0 0 0 6 6/);
    assert.match(text, /Physical Disabilities Jan -31/);
  });

  it('leaves out an indicator value that is not published', async () => {
    const id = await reportId(13);
    const [value] = await t.db.query<{ id: string }>(
      `select v.id from indicator_values v join indicators i on i.id = v.indicator_id
       where i.title = 'Number of children with a Child Protection Plan per 10,000 population under 18' and v.period_start = '2018-03-01'`,
    );
    await t.db.query('update indicator_values set published = false where id = $1', [value!.id]);
    try {
      const text = flat(textOf((await councillor.get(`/finance/reports/${id}`)).body));
      assert.doesNotMatch(text, /35\.5 per 10,000/);
      assert.match(
        text,
        /Number of children with a Child Protection Plan per 10,000 population under 18 Children & Safeguarding 30\.0 per 10,000 37\.1 per 10,000 February 2018/,
      );
    } finally {
      await t.db.query('update indicator_values set published = true where id = $1', [value!.id]);
    }
  });

  it('leaves out a draft indicator and a draft programme, and counts neither in table 1.2', async () => {
    const id = await reportId(13);
    await t.db.query(`update indicators set publication_state = 'draft' where title = 'Rate of referrals per 10,000 of population under 18'`);
    await t.db.query(`update portfolio_items set publication_state = 'draft' where title = 'Accelerating Achievement'`);
    try {
      const pdf = flat((await pdfPageTexts((await councillor.get(`/finance/reports/${id}/report.pdf`)).rawPayload)).join(' '));
      assert.doesNotMatch(pdf, /Rate of referrals per 10,000/);
      assert.doesNotMatch(pdf, /Accelerating Achievement/);
      assert.match(pdf, /Performance \(number of indicators\) 4 2 5 26 37/);
      assert.match(pdf, /Portfolio \(number of programmes and projects\) 0 0 5 0 5/);
    } finally {
      await t.db.query(`update indicators set publication_state = 'published' where title = 'Rate of referrals per 10,000 of population under 18'`);
      await t.db.query(`update portfolio_items set publication_state = 'published' where title = 'Accelerating Achievement'`);
    }
  });
});

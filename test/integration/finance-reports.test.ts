// The generated Finance and Performance Report through the HTTP layer, on seed 004's demo: the PDF and
// Word downloads (opened with our PDF text reader and as a zip), the variance chart beside its table,
// attaching a report to an agenda item (every error at once, nothing changed), and the agenda pack
// carrying the published report, while a draft report is never anyone's paper.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anonymousAgent, type Agent, buildTestApp, signIn, type TestApp } from '../helper.ts';
import { errorSummaryOf, okPage, redirectedTo, textOf } from '../pages.ts';
import { pdfPageTexts } from '../pdf-text.ts';

const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('finance: the generated report as a document and a paper', () => {
  let t: TestApp;
  let officer: Agent;
  let councillor: Agent;
  const reportId = async (period: number) =>
    (await t.db.query<{ id: string }>('select id from finance_reports where period = $1 and deleted_at is null order by created limit 1', [period]))[0]!.id;
  const item9 = async () =>
    (
      await t.db.query<{ id: string; meetingId: string }>(
        `select i.id, i.meeting_id as "meetingId" from agenda_items i join meetings m on m.id = i.meeting_id
         where m.meeting_date = '2018-05-31' and i.position = 9 and i.deleted_at is null`,
      )
    )[0]!;

  before(async () => {
    t = await buildTestApp();
    officer = await signIn(t.app, 'finance_officer');
    councillor = await signIn(t.app, 'councillor');
  });
  after(async () => t?.close());

  it('downloads the outturn report as a PDF with the summary, Appendix 1, Appendix 2 and the appendices', async () => {
    const res = await councillor.get(`/finance/reports/${await reportId(13)}/report.pdf`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(res.rawPayload.subarray(0, 4).toString('latin1'), '%PDF');
    const text = (await pdfPageTexts(res.rawPayload)).join(' ').replace(/\s+/g, ' ');
    assert.match(text, /Finance and Performance Report – Outturn 2017-18/);
    assert.match(text, /Net total 239,567 246,519/);
    assert.match(text, /Appendix 1 – Service level budgetary control/);
    assert.match(text, /Strategic Management - Adults -8,880 -13,815/);
    assert.match(text, /Appendix 2 – Commentary/);
    assert.match(text, /Forecast variance by directorate/);
    for (const appendix of ['Savings tracker', 'Grant income', 'Revenue reserves', 'Capital programme', 'Capital funding'])
      assert.match(text, new RegExp(appendix));
    assert.match(text, /Page 1 of \d+/);
  });

  it('downloads it as a Word document (a zip holding word/document.xml)', async () => {
    const res = await councillor.get(`/finance/reports/${await reportId(13)}/report.docx`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /wordprocessingml/);
    assert.equal(res.rawPayload.subarray(0, 2).toString('latin1'), 'PK');
    assert.ok(res.rawPayload.includes('word/document.xml'), 'the zip names word/document.xml');
    assert.equal((await anonymousAgent(t.app).get(`/finance/reports/${await reportId(13)}/report.docx`)).statusCode === 200, false);
  });

  it('shows the variance chart on the report page, described in words, with the table beside it', async () => {
    const html = (await councillor.get(`/finance/reports/${await reportId(13)}`)).body;
    assert.match(html, /<svg[^>]+role="img"/);
    assert.match(html, /<desc id="variance-chart-desc">[^<]*is forecast (underspent|overspent) by £[\d,]+k\./);
    assert.match(textOf(html), /The paper of agenda item 9, Finance and Performance Report - Outturn 2017-18, at the meeting on 31 May 2018/);
  });

  it("puts the demo's published outturn report in the public agenda pack of 31 May 2018 as item 9's paper", async () => {
    const { meetingId } = await item9();
    const res = await anonymousAgent(t.app).get(`/calendar/${meetingId}/agenda.pdf`);
    assert.equal(res.statusCode, 200);
    const text = (await pdfPageTexts(res.rawPayload)).join(' ').replace(/\s+/g, ' ');
    assert.match(text, /Appendix 1 – Service level budgetary control/);
    assert.match(text, /Net total 239,567 246,519/);
  });

  it('attaches a report to an agenda item of its committee, refusing anything else with a clear message', async () => {
    const id = await reportId(11);
    const form = textOf(await okPage(officer, `/finance/reports/${id}/agenda-item`));
    assert.match(form, /31 May 2018, item 9: Finance and Performance Report - Outturn 2017-18/);
    const version = async () => String((await t.db.query<{ version: number }>('select version from finance_reports where id = $1', [id]))[0]!.version);
    const bad = await officer.post(`/finance/reports/${id}/agenda-item`, { agendaItemId: '00000000-0000-4000-8000-000000000000', version: await version() });
    assert.equal(bad.statusCode, 400);
    assert.match(errorSummaryOf(bad.body), /Choose an agenda item of a meeting of/);
    const stale = await officer.post(`/finance/reports/${id}/agenda-item`, { agendaItemId: '', version: '0' });
    assert.equal(stale.statusCode, 409);
    assert.equal((await councillor.post(`/finance/reports/${id}/agenda-item`, { agendaItemId: '', version: await version() })).statusCode, 403);
    const { id: itemId } = await item9();
    redirectedTo(await officer.post(`/finance/reports/${id}/agenda-item`, { agendaItemId: itemId, version: await version() }), /done=attached/);
    assert.equal((await t.db.query<{ a: string }>('select agenda_item_id as a from finance_reports where id = $1', [id]))[0]!.a, itemId);
    redirectedTo(await officer.post(`/finance/reports/${id}/agenda-item`, { agendaItemId: '', version: await version() }), /done=attached/);
    assert.equal((await t.db.query<{ a: string | null }>('select agenda_item_id as a from finance_reports where id = $1', [id]))[0]!.a, null);
  });

  it('never supplies a draft report as a paper', async () => {
    const { id: itemId, meetingId } = await item9();
    await t.db.query(`update finance_reports set state = 'draft', published_at = null where agenda_item_id = $1`, [itemId]);
    try {
      const res = await anonymousAgent(t.app).get(`/calendar/${meetingId}/agenda.pdf`);
      assert.equal(res.statusCode, 200);
      assert.doesNotMatch((await pdfPageTexts(res.rawPayload)).join(' ').replace(/\s+/g, ' '), /Service level budgetary control/);
    } finally {
      await t.db.query(`update finance_reports set state = 'published', published_at = now() where agenda_item_id = $1`, [itemId]);
    }
  });

  it('freezes the report when it is published: a figure corrected afterwards changes neither the published PDF nor the pack until a new version is published', async () => {
    const id = await reportId(11);
    const { id: itemId, meetingId } = await item9();
    const version = async () => String((await t.db.query<{ version: number }>('select version from finance_reports where id = $1', [id]))[0]!.version);
    const pdfText = async (url: string, agent: Agent = councillor) => flat((await pdfPageTexts((await agent.get(url)).rawPayload)).join(' '));
    const netTotal = (text: string) => /Net total (-?[\d,]+) (-?[\d,]+)/.exec(text)?.slice(1, 3).join(' ');
    // Period 11 as a draft (the test above attached it once, freezing a version: start afresh), with a rule
    // that catches no line: publishing it freezes version 1.
    await t.db.query('delete from report_versions where report_id = $1', [id]);
    await t.db.query(`update finance_reports set state = 'draft', published_at = null, agenda_item_id = null where id = $1`, [id]);
    const settings = async (sql: string) => t.db.query(sql);
    const hadSettings = (await t.db.query('select 1 from finance_settings')).length > 0;
    const [rule] = await t.db.query<{ p: string; f: string }>('select commentary_percent::text as p, commentary_floor_pence::text as f from finance_settings');
    if (hadSettings) await settings('update finance_settings set commentary_percent = 100, commentary_floor_pence = 999999999999');
    else await settings('insert into finance_settings (tenant_id, commentary_percent, commentary_floor_pence) select id, 100, 999999999999 from tenants');
    redirectedTo(await officer.post(`/finance/reports/${id}/publish`, {}), /done=published/);
    redirectedTo(await officer.post(`/finance/reports/${id}/agenda-item`, { agendaItemId: itemId, version: await version() }), /done=attached/);
    const frozen = await t.db.query<{ number: number; reason: string; frozen_by: string }>(
      'select number, reason, frozen_by from report_versions where report_id = $1 order by number',
      [id],
    );
    assert.deepEqual(
      frozen.map((v) => [v.number, v.reason]),
      [
        [1, 'published'],
        [2, 'attached'],
      ],
      'publishing and attaching each froze a version',
    );
    assert.ok(frozen.every((v) => v.frozen_by.length > 0));
    const before = netTotal(await pdfText(`/finance/reports/${id}/report.pdf`));
    assert.ok(before, 'the published PDF prints the net total');
    // Correct a figure: the budget of one line goes up by £1m.
    const line = (
      await t.db.query<{ id: string }>('select id from budget_line_years where financial_year = 2017 and deleted_at is null order by id limit 1')
    )[0]!;
    await t.db.query('update budget_line_years set original_budget_pence = original_budget_pence + 100000000 where id = $1', [line.id]);
    try {
      assert.equal(netTotal(await pdfText(`/finance/reports/${id}/report.pdf`)), before, 'the published PDF is the frozen version');
      const live = netTotal(await pdfText(`/finance/reports/${id}/report.pdf?data=today`));
      assert.notEqual(live, before, "the preview with today's data shows the correction");
      const packBefore = await pdfText(`/calendar/${meetingId}/agenda.pdf`, anonymousAgent(t.app));
      assert.ok(packBefore.includes(`Net total ${before}`), 'the pack carries the frozen version');
      const page = textOf(await okPage(officer, `/finance/reports/${id}`));
      assert.match(page, /The published paper is version \d+/);
      // A stale form changes nothing; a councillor may not publish a version.
      assert.equal((await officer.post(`/finance/reports/${id}/versions`, { version: '0' })).statusCode, 409);
      assert.equal((await councillor.post(`/finance/reports/${id}/versions`, { version: await version() })).statusCode, 403);
      assert.equal((await t.db.query('select 1 from report_versions where report_id = $1', [id])).length, 2);
      // Publishing a new version reads the figures again, and the pack is rebuilt from it.
      redirectedTo(await officer.post(`/finance/reports/${id}/versions`, { version: await version() }), /done=version/);
      assert.equal(netTotal(await pdfText(`/finance/reports/${id}/report.pdf`)), live);
      assert.ok((await pdfText(`/calendar/${meetingId}/agenda.pdf`, anonymousAgent(t.app))).includes(`Net total ${live}`));
      await assert.rejects(t.db.query('update report_versions set reason = $2 where report_id = $1', [id, 'published']), /cannot be changed/);
    } finally {
      await t.db.query('update budget_line_years set original_budget_pence = original_budget_pence - 100000000 where id = $1', [line.id]);
      await t.db.query(`update finance_reports set agenda_item_id = null where id = $1`, [id]);
      if (rule) await t.db.query('update finance_settings set commentary_percent = $1::numeric, commentary_floor_pence = $2::bigint', [rule.p, rule.f]);
      else await settings('delete from finance_settings');
    }
  });
});

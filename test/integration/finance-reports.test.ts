// The generated Finance and Performance Report through the HTTP layer, on seed 004's demo: the PDF and
// Word downloads (opened with our PDF text reader and as a zip), the variance chart beside its table,
// attaching a report to an agenda item (every error at once, nothing changed), and the agenda pack
// carrying the published report, while a draft report is never anyone's paper.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anonymousAgent, type Agent, buildTestApp, signIn, type TestApp } from '../helper.ts';
import { errorSummaryOf, okPage, redirectedTo, textOf } from '../pages.ts';
import { pdfPageTexts } from '../pdf-text.ts';

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
});

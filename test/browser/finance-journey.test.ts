// A finance officer's month in a browser, on seed 004's demo: the outturn ledger extract imported with
// Carers £500k over budget, so the commentary rule catches it; a report to the committee made and its
// publishing refused while Carers has no commentary; the commentary written from the line's "Write"
// link; the report published, downloaded as PDF and Word, and attached to item 9 of the 31 May 2018
// meeting. Then the public find it in that meeting's agenda pack. axe checks every page on the way.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pdfPageTexts } from '../pdf-text.ts';
import { expectAccessible, signInAs, signOut, startBrowserSession, type BrowserSession } from './support.ts';

const COMMITTEE = 'Communities and Partnership Committee';
const TITLE = 'Finance and Performance Report – Outturn 2017-18 (revised for Carers)';
const LEDGER = ['Line code,Period,Budget,Actual,Forecast', 'AS04,Outturn,,"1,168,000",'].join('\r\n');
const COMMENTARY = 'Demand for carers’ support rose sharply in the last quarter, as more carers were assessed.';

describe('finance journey: import a month, write the commentary the rule asks for, publish and attach the report', () => {
  let s: BrowserSession;
  before(async () => {
    s = await startBrowserSession();
  });
  after(async () => s?.close());

  it('takes the report from the ledger to the public agenda pack', async () => {
    const { page, baseUrl } = s;
    await signInAs(s, 'finance.officer@example.org');

    await page.goto(`${baseUrl}/finance/import`);
    await expectAccessible(s);
    await page.getByLabel('Financial year').fill('2017-18');
    await page.getByLabel('Ledger extract (CSV or Excel)').setInputFiles({ name: 'ledger-outturn.csv', mimeType: 'text/csv', buffer: Buffer.from(LEDGER) });
    await page.getByRole('button', { name: 'Check and import' }).click();
    await page.getByText('Ledger imported').waitFor();
    await expectAccessible(s);

    // The rule catches Carers: the year's table asks for its commentary.
    await page.goto(`${baseUrl}/finance/reports/new`);
    await expectAccessible(s);
    await page.getByLabel('Committee').selectOption({ label: COMMITTEE });
    await page.getByLabel('Financial year').fill('2017-18');
    await page.getByLabel('Period').selectOption({ label: 'Outturn' });
    await page.getByLabel('Title (optional)').fill(TITLE);
    await page.getByRole('button', { name: 'Make the report' }).click();
    await page.getByText('Report created').waitFor();
    await expectAccessible(s);
    const reportUrl = page.url().split('?')[0]!;
    await page.getByRole('button', { name: 'Publish the report' }).click();
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    assert.match(await summary.innerText(), /Carers: a variance of £500k needs commentary before the report can be published/);
    await expectAccessible(s);

    await page.goto(`${baseUrl}/finance?year=2017-18&period=13`);
    await expectAccessible(s);
    await page.getByRole('link', { name: 'Write commentary for Carers' }).click();
    await expectAccessible(s);
    await page.getByLabel('Commentary', { exact: true }).fill(COMMENTARY);
    // The line's own link has ticked it already.
    assert.ok(await page.getByLabel('Carers (Adults & Safeguarding)', { exact: true }).isChecked());
    await page.getByRole('button', { name: 'Save commentary' }).click();
    await page.getByText('Commentary saved').waitFor();
    await expectAccessible(s);

    await page.goto(reportUrl);
    await page.getByRole('button', { name: 'Publish the report' }).click();
    await page.getByText('Report published').waitFor();
    await expectAccessible(s);
    assert.ok(await page.getByRole('img', { name: 'Forecast variance by directorate (£000)' }).isVisible());
    for (const [link, type] of [
      ['Download the report (PDF)', 'application/pdf'],
      ['Download the report (Word)', 'wordprocessingml'],
    ] as const) {
      const href = await page.getByRole('link', { name: link }).getAttribute('href');
      const res = await page.request.get(`${baseUrl}${href}`);
      assert.equal(res.status(), 200);
      assert.match(res.headers()['content-type'] ?? '', new RegExp(type));
    }

    await page.getByRole('link', { name: 'Attach it to an agenda item' }).click();
    await expectAccessible(s);
    await page
      .getByLabel(`Agenda item of a meeting of ${COMMITTEE}`)
      .selectOption({ label: '31 May 2018, item 9: Finance and Performance Report - Outturn 2017-18' });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Agenda item saved').waitFor();
    assert.match(
      await page.locator('main').innerText(),
      /The paper of agenda item 9, Finance and Performance Report - Outturn 2017-18, at the meeting on 31 May 2018/,
    );
    await expectAccessible(s);

    // The public: the meeting's page, and its agenda pack carrying the report with its commentary.
    await signOut(s);
    const meetingId = (
      await s.t.db.query<{ id: string }>(
        `select m.id from meetings m join bodies b on b.id = m.body_id where b.name = $1 and m.meeting_date = '2018-05-31' and m.deleted_at is null`,
        [COMMITTEE],
      )
    )[0]!.id;
    await page.goto(`${baseUrl}/calendar/${meetingId}`);
    await expectAccessible(s);
    const pack = await page.request.get(`${baseUrl}/calendar/${meetingId}/agenda.pdf`);
    assert.equal(pack.status(), 200);
    const text = (await pdfPageTexts(await pack.body())).join(' ').replace(/\s+/g, ' ');
    assert.ok(text.includes(TITLE), 'the pack carries the published report as item 9’s paper');
    assert.ok(text.includes('Demand for carers’ support rose sharply'), 'with the commentary the rule asked for');
  });
});

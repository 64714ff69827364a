// A quarter in a browser, on seed 001's demo (issue 16): democratic services add Cabinet (the demo has no
// Cabinet) with its meeting of 7 July 2009 and an agenda item for the quarterly update report; a partnership
// officer writes an activity update, generates the quarterly update to Cabinet and attaches it to that item;
// democratic services publish the agenda; the public see the meeting and its agenda pack carrying the report.
// axe checks every page on the way.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pdfPageTexts } from '../pdf-text.ts';
import { expectAccessible, signInAs, signOut, startBrowserSession, type BrowserSession } from './support.ts';

const Q = '2009-04-01';
const SUMMARY = 'The growth agenda moved on: the infrastructure plan went to the board in June.';
const ITEM = 'Quarterly update report on key partnerships';

describe('reports journey: a Cabinet meeting, an activity update, the quarterly update attached to its agenda item and the public pack', () => {
  let s: BrowserSession;
  before(async () => {
    s = await startBrowserSession();
    s.page.setDefaultTimeout(20_000);
  });
  after(async () => s?.close());

  it('takes the quarterly update from the activity update to the public agenda pack of a Cabinet meeting', async () => {
    const { page, baseUrl } = s;

    // Democratic services: Cabinet, published, with its meeting of 7 July 2009 and the item for the report.
    await signInAs(s, 'democratic.services@example.org');
    await page.goto(`${baseUrl}/bodies`);
    await expectAccessible(s);
    assert.equal(await page.getByRole('link', { name: 'Cabinet', exact: true }).count(), 0, 'the demo has no Cabinet');
    await page.getByRole('button', { name: 'Add a committee or board' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add a committee or board' }).waitFor();
    await expectAccessible(s);
    await page.getByLabel('Name', { exact: true }).fill('Cabinet');
    await page.getByLabel('Committee', { exact: true }).check();
    await page.getByRole('button', { name: /Save/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Cabinet' }).waitFor();
    await expectAccessible(s);
    await page.getByRole('button', { name: 'Publish to the public site' }).click();
    await page.getByRole('button', { name: 'Withdraw from the public site' }).waitFor();
    await page.getByRole('button', { name: 'Add a meeting' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add a meeting' }).waitFor();
    await expectAccessible(s);
    const date = page.getByRole('group', { name: 'Date of the meeting' });
    await date.getByLabel('Day').fill('7');
    await date.getByLabel('Month').fill('7');
    await date.getByLabel('Year').fill('2009');
    await page.getByLabel('Start time (optional)').fill('10:00');
    await page.getByLabel('Venue (optional)').fill('Council Chamber, Shire Hall, Cambridge');
    await page.getByLabel('Formal meeting').check();
    await page.getByLabel('Yes, open to the public and press').check();
    await page.getByRole('button', { name: 'Save meeting' }).click();
    await page.waitForURL(/\/meetings\/[0-9a-f-]{36}\?done=created/);
    const meetingId = /\/meetings\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    await page.getByRole('heading', { level: 1, name: 'Tuesday 7 July 2009' }).waitFor();
    await expectAccessible(s);
    const form = page.locator('form', { has: page.getByRole('button', { name: 'Add item' }) });
    await form.getByLabel('Title', { exact: true }).fill(ITEM);
    await form.getByLabel('For information', { exact: true }).check();
    await form.getByRole('button', { name: 'Add item' }).click();
    await page.getByText('Agenda item added').waitFor();
    await expectAccessible(s);
    const [item] = await s.t.db.query<{ id: string }>(`select id from agenda_items where meeting_id = $1 and title = $2 and deleted_at is null`, [
      meetingId,
      ITEM,
    ]);
    assert.ok(item, 'the item is on the agenda');
    await signOut(s);

    // The partnership officer: an activity update, the report, attached to Cabinet's item.
    await signInAs(s, 'partnership.officer@example.org');
    const [horizons] = await s.t.db.query<{ id: string }>(`select id from partnerships where name = 'Cambridgeshire Horizons' and deleted_at is null`);
    await page.goto(`${baseUrl}/quarterly-updates?quarter=${Q}`);
    await expectAccessible(s);
    await page.goto(`${baseUrl}/quarterly-updates/${horizons!.id}?quarter=${Q}`);
    await expectAccessible(s);
    await page.getByLabel('Summary of activity').fill(SUMMARY);
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await page.getByText('The summary of activity was saved as a draft').waitFor();
    await expectAccessible(s);

    await page.goto(`${baseUrl}/quarterly-updates/report?quarter=${Q}&date=2009-07-07`);
    await expectAccessible(s);
    assert.match(await page.locator('main').innerText(), /Cabinet is asked to note the content of the report/);
    await page.getByRole('link', { name: 'Attach it to an agenda item' }).click();
    await expectAccessible(s);
    await page.getByLabel('Agenda item').selectOption({ label: `Cabinet, 7 July 2009, item 1: ${ITEM}` });
    await page.getByRole('button', { name: 'Attach the report' }).click();
    await page.getByText('The report was frozen as the paper of the agenda item').waitFor();
    await expectAccessible(s);
    await signOut(s);

    // Democratic services publish the agenda: the item's paper is the frozen report.
    await signInAs(s, 'democratic.services@example.org');
    await page.goto(`${baseUrl}/meetings/${meetingId}`);
    await expectAccessible(s);
    assert.match(await page.locator('table.app-agenda tbody tr', { hasText: ITEM }).innerText(), /Quarterly update|Published/i);
    await page.getByRole('button', { name: 'Publish the agenda' }).click();
    await page.getByText('Agenda published', { exact: true }).waitFor();
    await expectAccessible(s);
    await signOut(s);

    // The public: Cabinet's meeting page, and its agenda pack carrying the quarterly update.
    await page.goto(`${baseUrl}/calendar/${meetingId}`);
    await expectAccessible(s);
    assert.match(await page.locator('main').innerText(), new RegExp(ITEM));
    const pack = await page.request.get(`${baseUrl}/calendar/${meetingId}/agenda.pdf`);
    assert.equal(pack.status(), 200);
    const text = (await pdfPageTexts(await pack.body())).join(' ').replace(/\s+/g, ' ');
    assert.match(text, /Cabinet/);
    assert.match(text, /Quarter 1 2009\/10/);
    assert.match(text, /Cambridgeshire Horizons/, 'the pack carries the quarterly update as the item’s paper');
    assert.match(text, /Cambridgeshire Together/);
  });
});

// A partnership officer's quarter in a browser, on seed 001's demo (issue 16): an activity update written and
// saved, the quarterly update to Cabinet generated, attached to an agenda item of a meeting whose agenda is
// published (the demo has no Cabinet meeting: the latest public one stands in for it), and the public agenda pack
// carrying the report. axe checks every page on the way.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pdfPageTexts } from '../pdf-text.ts';
import { expectAccessible, signInAs, signOut, startBrowserSession, type BrowserSession } from './support.ts';

const Q = '2009-04-01';
const SUMMARY = 'The growth agenda moved on: the infrastructure plan went to the board in June.';

describe('reports journey: write an activity update, generate the quarterly update and attach it to an agenda item', () => {
  let s: BrowserSession;
  before(async () => {
    s = await startBrowserSession();
  });
  after(async () => s?.close());

  it('takes the quarterly update from the activity update to the public agenda pack', async () => {
    const { page, baseUrl } = s;
    await signInAs(s, 'partnership.officer@example.org');
    const partnershipId = (await s.t.db.query<{ id: string }>(`select id from partnerships where name = 'Cambridgeshire Horizons' and deleted_at is null`))[0]!
      .id;

    await page.goto(`${baseUrl}/quarterly-updates?quarter=${Q}`);
    await expectAccessible(s);
    await page.goto(`${baseUrl}/quarterly-updates/${partnershipId}?quarter=${Q}`);
    await expectAccessible(s);
    await page.getByLabel('Summary of activity').fill(SUMMARY);
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await page.getByText('The summary of activity was saved as a draft').waitFor();
    await expectAccessible(s);

    await page.goto(`${baseUrl}/quarterly-updates/report?quarter=${Q}&date=2009-07-07`);
    await expectAccessible(s);
    await page.getByRole('link', { name: 'Attach it to an agenda item' }).click();
    await expectAccessible(s);
    const item = (
      await s.t.db.query<{ id: string; meetingId: string }>(
        `select i.id, i.meeting_id as "meetingId" from agenda_items i join meetings m on m.id = i.meeting_id
         where not exists (select 1 from reports r where r.agenda_item_id = i.id and r.deleted_at is null)
           and not exists (select 1 from finance_reports f where f.agenda_item_id = i.id)
           and i.exempt_paragraph is null and i.deleted_at is null and m.deleted_at is null and m.agenda_published_on is not null and public_meeting(m.id)
         order by m.meeting_date desc, i.position limit 1`,
      )
    )[0]!;
    await page.getByLabel('Agenda item').selectOption(item.id);
    await page.getByRole('button', { name: 'Attach the report' }).click();
    await page.getByText('The report was frozen as the paper of the agenda item').waitFor();
    assert.match(await page.locator('main').innerText(), /Agenda published/);
    await expectAccessible(s);

    // The public: the meeting's page, and its agenda pack carrying the quarterly update.
    await signOut(s);
    await page.goto(`${baseUrl}/calendar/${item.meetingId}`);
    await expectAccessible(s);
    const pack = await page.request.get(`${baseUrl}/calendar/${item.meetingId}/agenda.pdf`);
    assert.equal(pack.status(), 200);
    const text = (await pdfPageTexts(await pack.body())).join(' ').replace(/\s+/g, ' ');
    assert.match(text, /Cambridgeshire Horizons/, 'the pack carries the quarterly update as the item’s paper');
    assert.match(text, /Quarter 1 2009\/10/);
  });
});

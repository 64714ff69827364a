// What a democratic services officer meets in the first hour, in a browser (issue 18): a form shows
// every error at once; a meeting on a bank holiday or at a weekend is accepted with a warning next to
// its date; an agenda item's purpose starts unset; draft minutes with unwritten minutes are not
// published until each is written or confirmed as "No discussion recorded". axe checks every page.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMinutes } from '../../src/minutes/minutes.service.ts';
import { expectAccessible, signInAs, startBrowserSession, type BrowserSession } from './support.ts';

const COMMITTEE = 'Communities and Partnership Committee';

describe('first use, as a democratic services officer', () => {
  let s: BrowserSession;
  let may31 = '';
  before(async () => {
    s = await startBrowserSession();
    s.page.setDefaultTimeout(15_000);
    await s.page.goto(`${s.baseUrl}/sign-in`);
    await signInAs(s, 'democratic.services@example.org');
    may31 = (
      await s.t.db.query<{ id: string }>(`select id from meetings where tenant_id = $1 and meeting_date = '2018-05-31' and kind = 'formal'`, [s.t.tenantId])
    )[0]!.id;
  });
  after(() => s?.close());

  it('shows every error on the new-meeting form at once', async () => {
    const { page } = s;
    const bodyId = (await s.t.db.query<{ id: string }>(`select id from bodies where name = $1`, [COMMITTEE]))[0]!.id;
    await page.goto(`${s.baseUrl}/bodies/${bodyId}/meetings/new`);
    await page.getByRole('heading', { level: 1, name: `Add a meeting of ${COMMITTEE}` }).waitFor();
    const date = page.getByRole('group', { name: 'Date of the meeting' });
    await date.getByLabel('Day').fill('30');
    await date.getByLabel('Month').fill('2');
    await date.getByLabel('Year').fill('2028');
    await page.getByLabel('Start time (optional)').fill('25:99');
    await page.getByRole('button', { name: 'Save meeting' }).click();
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    const problems = (await summary.locator('li').allInnerTexts()).map((t) => t.trim());
    assert.equal(problems.length, 2, `both the date and the time are reported: ${problems.join(' | ')}`);
    assert.ok(
      problems.some((p) => /date/i.test(p)),
      'the impossible date',
    );
    assert.ok(
      problems.some((p) => /time/i.test(p)),
      'the impossible time',
    );
    await expectAccessible(s);
  });

  it('accepts a meeting on New Year’s Day 2028, a Saturday, and warns next to its date', async () => {
    const { page } = s;
    const date = page.getByRole('group', { name: 'Date of the meeting' });
    await date.getByLabel('Day').fill('1');
    await date.getByLabel('Month').fill('1');
    await page.getByLabel('Start time (optional)').fill('10:00');
    await page.getByRole('button', { name: 'Save meeting' }).click();
    await page.waitForURL(/\/meetings\/[0-9a-f-]{36}\?done=created/);
    const warning = page.locator('.govuk-warning-text').first();
    assert.match(await warning.innerText(), /Saturday 1 January 2028 .*not a working day/);
    await expectAccessible(s);
  });

  it('leaves a new agenda item’s purpose unset', async () => {
    const { page } = s;
    const form = page.locator('form', { has: page.getByRole('button', { name: 'Add item' }) });
    const purposes = form.locator('input[name="purpose"]');
    assert.ok((await purposes.count()) > 1);
    for (let i = 0; i < (await purposes.count()); i++) assert.equal(await purposes.nth(i).isChecked(), false);
  });

  it('will not publish draft minutes with unwritten minutes until each is confirmed as having no discussion', async () => {
    const { page } = s;
    await startMinutes(s.t.db, { tenantId: s.t.tenantId, actor: 'test', requestId: 'first-use' }, may31);
    await page.goto(`${s.baseUrl}/meetings/${may31}/minutes`);
    await page.getByRole('button', { name: 'Publish the draft minutes' }).waitFor();
    const count = await page.locator('input[name="noDiscussion"]').count();
    assert.ok(count >= 10, `the 31 May 2018 minutes start with every minute unwritten (${count})`);
    await expectAccessible(s);
    await page.getByRole('button', { name: 'Publish the draft minutes' }).click();
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    assert.match(await summary.innerText(), /not written/);
    assert.equal((await page.locator('h1 .govuk-tag').innerText()).trim(), 'Draft', 'nothing was published');
    await expectAccessible(s);
    for (const box of await page.locator('input[name="noDiscussion"]').all()) await box.check();
    await page.getByRole('button', { name: 'Publish the draft minutes' }).click();
    await page.getByText('Draft minutes published').waitFor();
    assert.equal((await page.locator('h1 .govuk-tag').innerText()).trim(), 'Draft, published');
    const publicPage = await s.browser.newPage();
    await publicPage.goto(`${s.baseUrl}/calendar/${may31}/minutes`);
    assert.match(await publicPage.locator('main').innerText(), /No discussion recorded\./);
    await publicPage.close();
  });
});

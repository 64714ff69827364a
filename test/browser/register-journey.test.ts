// Issue 2's journey: list → filter to decommissioned → open a partnership → its timeline →
// the landscape on 1 July 2009 against 1 October 2011 → create a partnership with an invalid
// form, read the error summary, correct it, save. axe checks every page on the way.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expectAccessible, signInAs, startBrowserSession, type BrowserSession } from './support.ts';

describe('partnership register in a browser', () => {
  let s: BrowserSession;
  before(async () => {
    s = await startBrowserSession();
  });
  after(async () => s?.close());

  it('walks from the register to a decommissioned partnership and its timeline', async () => {
    const { page } = s;
    await page.goto(`${s.baseUrl}/register`);
    await expectAccessible(s);
    await page.getByLabel('Status today').selectOption({ label: 'Decommissioned' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/status=decommissioned/);
    await expectAccessible(s);
    const rows = page.locator('tbody .govuk-table__row');
    assert.ok((await rows.count()) >= 5, 'several partnerships were decommissioned');
    for (const tag of await page.locator('tbody .govuk-tag').allTextContents()) assert.equal(tag.trim(), 'Decommissioned');

    await page.getByRole('link', { name: 'Cambridgeshire Together', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Cambridgeshire Together' }).waitFor();
    await expectAccessible(s);
    const timeline = page.locator('.app-timeline');
    await timeline.getByText('23 November 2010').first().waitFor();
    assert.match(await timeline.innerText(), /Established[\s\S]*Decommissioned/);
  });

  it('compares the landscape on 1 July 2009 with 1 October 2011', async () => {
    const { page } = s;
    await page.getByRole('link', { name: 'Landscape' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Partnership landscape' }).waitFor();
    await expectAccessible(s);
    const first = page.getByRole('group', { name: 'Show the landscape on' });
    await first.getByLabel('Day').fill('1');
    await first.getByLabel('Month').fill('7');
    await first.getByLabel('Year').fill('2009');
    const second = page.getByRole('group', { name: 'Compare with (optional)' });
    await second.getByLabel('Day').fill('1');
    await second.getByLabel('Month').fill('10');
    await second.getByLabel('Year').fill('2011');
    await page.getByRole('button', { name: 'Show landscape' }).click();
    await page.getByRole('heading', { level: 2, name: '1 October 2011' }).waitFor();
    await expectAccessible(s);
    const columns = page.locator('.govuk-grid-column-one-half:has(.app-tree)');
    assert.equal(await columns.count(), 2);
    const [in2009, in2011] = [await columns.nth(0).innerText(), await columns.nth(1).innerText()];
    assert.match(in2009, /Cambridgeshire Together/);
    assert.doesNotMatch(in2011, /Cambridgeshire Together/);
    assert.match(in2011, /Greater Cambridge Greater Peterborough Local Enterprise Partnership/);
    assert.match(await page.getByRole('status').innerText(), /Between 1 July 2009 and 1 October 2011/);
  });

  it('creates a partnership after correcting an invalid form', async () => {
    const { page } = s;
    await page.getByRole('link', { name: 'Manage' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await expectAccessible(s);
    await signInAs(s, 'partnership.officer@example.org');
    await page.goto(`${s.baseUrl}/partnerships`);
    await expectAccessible(s);
    await page.getByRole('button', { name: 'Add a partnership' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add a partnership' }).waitFor();
    await expectAccessible(s);
    await page.getByLabel('Kind of sub-group').selectOption({ label: 'Thematic sub-group' });
    await page.getByLabel('Sub-group', { exact: true }).check();
    await page.getByLabel('Link to the terms of reference document (optional)').fill('not a web address');
    await page.getByRole('button', { name: 'Save partnership' }).click();

    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    assert.match(await page.title(), /^Error: /);
    const messages = await summary.locator('a').allTextContents();
    assert.deepEqual(messages.map((m) => m.trim()).sort(), [
      "Enter the partnership's name",
      'Enter the purpose of the partnership',
      'Select the board this sub-group reports to',
      'Terms of reference link must be a web address starting with http:// or https://',
    ]);
    await expectAccessible(s);
    // The summary links move focus to the field.
    await summary.getByRole('link', { name: "Enter the partnership's name" }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'name');

    await page.getByLabel('Name', { exact: true }).fill('Cambridge Cleantech Cluster Group');
    await page.getByLabel('Purpose').fill('Bring the low-carbon businesses of the Cambridge cluster together with the LEP.');
    await page.getByLabel('Responsibilities (optional)').fill('Promote the cluster\nAdvise the LEP Board on cleantech');
    await page.getByLabel('Link to the terms of reference document (optional)').fill('https://www.example.org/cleantech-tor.pdf');
    await page.getByLabel('Reports to').selectOption({ label: 'Greater Cambridge Greater Peterborough Local Enterprise Partnership' });
    await page.getByLabel('Cambridge', { exact: true }).check();
    await page.getByRole('button', { name: 'Save partnership' }).click();

    await page.getByRole('heading', { level: 1, name: 'Cambridge Cleantech Cluster Group' }).waitFor();
    await page.getByText('Partnership added to the register').waitFor();
    await expectAccessible(s);
    const about = await page.locator('.govuk-summary-list').innerText();
    assert.match(about, /Greater Cambridge Greater Peterborough Local Enterprise Partnership/);
    assert.match(about, /Cambridge/);
    await page.getByText('Advise the LEP Board on cleantech').waitFor();
    // New partnerships start as drafts: publish this one to the public register.
    await page.getByText('Not on the public register').waitFor();
    await page.getByRole('button', { name: 'Publish to public register' }).click();
    await page.getByText('Published: the partnership is on the public register').waitFor();
    await expectAccessible(s);
  });

  it('checked every page it visited', () => {
    assert.ok(s.checked.length >= 10, `axe ran on ${s.checked.length} pages`);
  });
});

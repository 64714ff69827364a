// A partnership officer's planning in a browser. A new work programme for the Communities of Cheshire
// Partnership gets three tasks, each scored on the default 5 × 5 matrix (20, 9 and 4: levels 1, 2 and
// 3); the third is put at level 1 by hand with a recorded reason. The heat map shows each task in its
// cell and the level-1 shortlist holds the first and the third. Then a new delivery plan gets a
// priority and an action that ended last month: recorded as completed it is not overdue; a second
// update reopens it off track at 80% and it is listed as overdue. The plan exported to Word is opened
// in the test and its table read. Then the plan is closed (refused first without a date or the
// confirmation): it shows its frozen final position, the action is red as at the close but no longer
// overdue, and progress can no longer be recorded; the demo 2018–2020 plan shows nothing red. axe checks
// every page on the way.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import JSZip from 'jszip';
import { expectAccessible, signInAs, startBrowserSession, type BrowserSession } from './support.ts';
import { todayInEngland } from '../../src/calendar/today.ts';
import { addMonths, formatPlanDate } from '../../src/plans/rules.ts';

const PROGRAMME = 'Zanzibar partnership programme 2027/28';
const PLAN = 'Zanzibar safer streets plan';
const TASKS = [
  { title: 'Agree the countywide outcomes framework', likelihood: '5: Almost certain', impact: '4: Major', score: 20, level: 1 },
  { title: 'Refresh the communications strategy', likelihood: '3: Possible', impact: '3: Moderate', score: 9, level: 2 },
  { title: 'Map the consultation routines of partners', likelihood: '2: Unlikely', impact: '2: Minor', score: 4, level: 3 },
];
const OVERRIDE_REASON = "An 'early win' that the performance framework relies on";
const today = todayInEngland();
const [year, month, day] = today.split('-') as [string, string, string];

const banner = (page: Page, text: string) => page.locator('.govuk-notification-banner').getByText(text, { exact: true });

describe('a partnership officer prioritises a work programme and tracks a plan in a browser', () => {
  let s: BrowserSession;
  const started = Date.now();
  before(async () => {
    s = await startBrowserSession();
    s.page.setDefaultTimeout(15_000);
    await signInAs(s, 'partnership.officer@example.org');
  });
  after(async () => {
    await s?.close();
    console.log(`plans journey: ${((Date.now() - started) / 1000).toFixed(1)}s, axe ran on ${s?.checked.length ?? 0} pages`);
  });

  it('scores three tasks, overrides one with a reason, and sees the heat map and the level-1 shortlist', async () => {
    const { page } = s;
    await page.goto(`${s.baseUrl}/plans`);
    await page.getByRole('heading', { level: 1, name: 'Plans' }).waitFor();
    await expectAccessible(s);
    await page.getByRole('button', { name: 'Add a work programme' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add a plan' }).waitFor();
    await expectAccessible(s);
    assert.ok(await page.getByLabel('Work programme').isChecked());
    await page.getByLabel('Title').fill(PROGRAMME);
    await page.getByLabel('Partnership').selectOption({ label: 'Communities of Cheshire Partnership' });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 1, name: PROGRAMME }).waitFor();
    await banner(page, 'Plan added').waitFor();
    const programmeUrl = page.url().replace(/\?.*$/, '');

    for (const [k, task] of TASKS.entries()) {
      await page.goto(programmeUrl);
      await page.getByRole('button', { name: 'Add a task' }).click();
      await page.getByRole('heading', { level: 1, name: 'Add a task' }).waitFor();
      if (k === 0) await expectAccessible(s);
      assert.equal(await page.getByLabel('Task number').inputValue(), String(k + 1), 'the next number is offered');
      await page.getByLabel('Key task or activity').fill(task.title);
      await page.getByRole('button', { name: 'Save task' }).click();
      await page.getByRole('heading', { level: 1, name: `Task ${k + 1}: ${task.title}` }).waitFor();
      await page.getByRole('group', { name: 'Likelihood' }).getByLabel(task.likelihood).check();
      await page.getByRole('group', { name: 'Impact' }).getByLabel(task.impact).check();
      if (k === 2) {
        // Level 1 without a reason is refused; with one it is kept, and the matrix's level shown beside it.
        await page.getByLabel('Priority level').selectOption({ label: 'Level 1' });
        await page.getByRole('button', { name: 'Save score' }).click();
        await page.locator('.govuk-error-summary').getByText('Give the reason for level 1 when the matrix gives level 3').waitFor();
        await expectAccessible(s);
        await page.getByLabel('Reason for a different level').fill(OVERRIDE_REASON);
        await page.getByRole('button', { name: 'Save score' }).click();
      } else {
        await page.getByRole('button', { name: 'Save score' }).click();
      }
      await banner(page, 'Score saved').waitFor();
      if (k === 0) await expectAccessible(s);
      const level = await page.locator('.govuk-summary-list__row', { hasText: 'Priority level' }).locator('dd').innerText();
      assert.equal(level.trim(), k === 2 ? `Level 1 (set by hand: ${OVERRIDE_REASON})` : `Level ${task.level}`);
    }

    await page.goto(programmeUrl);
    await expectAccessible(s);
    // The heat map: each task's number in the cell of its likelihood (row) and impact (column).
    const map = page.getByRole('table', { name: 'Tasks on the risk matrix' });
    const cell = (likelihood: string, impact: number) =>
      map
        .locator('tbody tr', { has: page.getByRole('rowheader', { name: likelihood.replace(': ', ' – ') }) })
        .locator('td')
        .nth(impact - 1);
    assert.match(await cell('5: Almost certain', 4).innerText(), /Level 1\s+Score 20\s+1$/);
    assert.match(await cell('3: Possible', 3).innerText(), /Level 2\s+Score 9\s+2$/);
    assert.match(await cell('2: Unlikely', 2).innerText(), /Level 3\s+Score 4\s+3$/);
    assert.equal(await map.getByRole('link').count(), 3);
    // The shortlist: the first task by its score, the third by hand.
    const shortlist = page.locator('h2#shortlist + p + ol li');
    assert.deepEqual(
      (await shortlist.allInnerTexts()).map((t) => t.trim()),
      [`${TASKS[0]!.title} (task 1)`, `${TASKS[2]!.title} (task 3)`],
    );
    const row3 = page.locator('tr#task-3');
    assert.match(await row3.innerText(), /Set by hand; matrix gives 3/);
  });

  it('lists an action as overdue once an update reopens it, and exports the plan to Word with its table', async () => {
    const { page } = s;
    await page.goto(`${s.baseUrl}/plans`);
    await page.getByRole('button', { name: 'Add a delivery plan' }).click();
    await page.getByLabel('Title').fill(PLAN);
    await page.getByLabel('Committee or board').selectOption({ label: 'Communities and Partnership Committee' });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 1, name: PLAN }).waitFor();
    const planUrl = page.url().replace(/\?.*$/, '');
    await page.getByText('Add a priority').click();
    assert.equal(await page.getByLabel('Priority number').inputValue(), '1');
    await page.getByLabel('Priority', { exact: true }).fill('Safer streets');
    await page.getByLabel('Outcome statements').fill('Fewer people are victims of crime\nPeople feel safe after dark');
    await page.getByRole('button', { name: 'Add priority' }).click();
    await banner(page, 'Priority saved').waitFor();
    await expectAccessible(s);
    assert.equal(await page.getByRole('heading', { level: 2, name: 'Priority 1: SAFER STREETS' }).count(), 1);

    await page.getByRole('link', { name: 'Add an action to priority 1' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add an action' }).waitFor();
    await expectAccessible(s);
    assert.equal((await page.getByLabel('Priority', { exact: true }).inputValue()) !== '', true, 'the priority is chosen');
    await page.getByLabel('Ref.', { exact: true }).fill('1.1');
    await page.getByLabel('Action description', { exact: true }).fill('Commission a review of street lighting in the town centres');
    await page.getByLabel('Lead officer', { exact: true }).fill('Sarah Ferguson');
    await page.getByLabel('First milestone date').fill(formatPlanDate(addMonths(`${today.slice(0, 8)}01`, -6)));
    await page.getByLabel('Action continues until').fill(formatPlanDate(addMonths(`${today.slice(0, 8)}01`, -1)));
    await page.getByLabel('Decision making route', { exact: true }).fill('Communities and Partnerships Committee');
    await page.getByRole('button', { name: 'Save action' }).click();
    await page.getByRole('heading', { level: 1, name: 'Action 1.1' }).waitFor();
    await banner(page, 'Action saved').waitFor();
    await expectAccessible(s);
    const actionUrl = page.url().replace(/\?.*$/, '');

    const update = async (narrative: string, status: string, percent = '') => {
      await page.goto(actionUrl);
      const date = page.getByRole('group', { name: 'Date of the update' });
      await date.getByLabel('Day').fill(day);
      await date.getByLabel('Month').fill(month);
      await date.getByLabel('Year').fill(year);
      await page.getByLabel('Progress made').fill(narrative);
      await page.getByRole('group', { name: 'Status' }).getByLabel(status, { exact: true }).check();
      await page.getByLabel('Percent complete (optional)').fill(percent);
      await page.getByRole('button', { name: 'Save progress' }).click();
      await banner(page, 'Progress update recorded').waitFor();
    };
    const overdueRefs = async () => {
      await page.goto(`${s.baseUrl}/plans/overdue`);
      await page.getByRole('heading', { level: 1, name: 'Overdue actions and milestones' }).waitFor();
      return page
        .getByRole('table', { name: /Overdue actions/ })
        .locator('tbody tr', { hasText: PLAN })
        .allInnerTexts();
    };

    await update('Review delivered to the committee', 'Completed');
    assert.match(await page.locator('main').innerText(), /Green\s+Completed, 100% complete/);
    assert.deepEqual(await overdueRefs(), [], 'a completed action is not overdue');
    await update('The board sent the review back: two town centres to survey again', 'Off track', '80');
    await expectAccessible(s);
    assert.match(await page.locator('main').innerText(), /Red\s+Off track, 80% complete\. Past its end date and not completed\. Overdue: due /);
    const rows = await overdueRefs();
    await expectAccessible(s);
    assert.equal(rows.length, 1);
    assert.match(rows[0]!, /1\.1\s+Commission a review of street lighting/);
    assert.match(rows[0]!, /Off track, 80%/);

    // Word: the plan as agreed, its table in the seed's columns.
    await page.goto(planUrl);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Word' }).click()]);
    assert.match(download.suggestedFilename(), /^Zanzibar safer streets plan\.docx$/);
    const file = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of file) chunks.push(chunk as Buffer);
    const zip = await JSZip.loadAsync(Buffer.concat(chunks));
    const xml = await zip.file('word/document.xml')!.async('string');
    const rowsOf = [...xml.matchAll(/<w:tr\b[\s\S]*?<\/w:tr>/g)].map((r) =>
      [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => [...c[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')),
    );
    assert.deepEqual(rowsOf[0], [
      'REF.',
      'ACTION DESCRIPTION',
      'LEAD OFFICER',
      'FIRST MILESTONE DATE',
      'ACTION CONTINUES UNTIL',
      'RESOURCES REQUIRED / ENGAGEMENT FROM PARTNERS (staff, tech, etc.)',
      'KEY RISKS',
      'OUTPUTS',
      'DECISION MAKING ROUTE',
    ]);
    assert.deepEqual(rowsOf[1], [
      '1.1',
      'Commission a review of street lighting in the town centres',
      'Sarah Ferguson',
      formatPlanDate(addMonths(`${today.slice(0, 8)}01`, -6)),
      formatPlanDate(addMonths(`${today.slice(0, 8)}01`, -1)),
      '',
      '',
      '',
      'Communities and Partnerships Committee',
    ]);
    assert.match(xml, /PRIORITY 1: SAFER STREETS/);
  });

  it('closes the plan and sees its final position frozen, with nothing overdue', async () => {
    const { page } = s;
    await page.goto(`${s.baseUrl}/plans`);
    await page.getByRole('link', { name: PLAN }).click();
    await page.getByRole('heading', { level: 1, name: PLAN }).waitFor();
    await page.getByRole('button', { name: 'Close the plan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Close the plan' }).waitFor();
    await expectAccessible(s);
    // Nothing given: both problems at once, and the plan stays open.
    await page.getByRole('button', { name: 'Close the plan' }).click();
    const summary = page.locator('.govuk-error-summary');
    await summary.getByText('Enter date closed').waitFor();
    await summary.getByText('Confirm that the final position of the plan is to be frozen as at the date closed').waitFor();
    await expectAccessible(s);
    const date = page.getByRole('group', { name: 'Date closed' });
    await date.getByLabel('Day').fill(day);
    await date.getByLabel('Month').fill(month);
    await date.getByLabel('Year').fill(year);
    await page.getByLabel('Why the plan was closed (optional)').fill('Superseded by the Zanzibar community safety plan');
    await page.getByLabel('Freeze the final position of the plan as at the date closed').check();
    await page.getByRole('button', { name: 'Close the plan' }).click();
    await banner(page, 'Plan closed: its final position is frozen as at the date closed').waitFor();
    await expectAccessible(s);
    const main = await page.locator('main').innerText();
    assert.match(main, /Closed on \w+ \d+ \w+ \d{4}\./);
    assert.match(main, /Superseded by the Zanzibar community safety plan/);
    // Reported off track after its end, it is red as at the close: the final position, no longer chased.
    assert.match(main, /Final position as at \w+ \d+ \w+ \d{4}: 1 action: 0 green, 0 amber, 1 red\./);
    assert.doesNotMatch(main, /Overdue/);
    assert.equal(await page.getByRole('button', { name: 'Close the plan' }).count(), 0);
    await page.getByRole('link', { name: '1.1', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Action 1.1' }).waitFor();
    const action = await page.locator('main').innerText();
    assert.match(action, /Red\s+Off track, 80% complete\. Past its end date and not completed\./);
    assert.doesNotMatch(action, /Overdue/);
    assert.match(action, /Progress can no longer be recorded: the plan is closed\./);
    assert.equal(await page.getByRole('button', { name: 'Save progress' }).count(), 0);
    await page.goto(`${s.baseUrl}/plans/overdue`);
    assert.equal(
      await page
        .getByRole('table', { name: /Overdue actions/ })
        .locator('tbody tr', { hasText: PLAN })
        .count(),
      0,
    );

    // Seed 004's 2018–2020 plan, closed in the demo data: read today, nothing is red.
    await page.goto(`${s.baseUrl}/delivery-plans`);
    await page.getByRole('link', { name: 'Communities and Partnerships Committee Delivery Plan' }).click();
    await page.locator('#rag-summary').waitFor();
    assert.match(
      await page.locator('#rag-summary').innerText(),
      /Final position as at Tuesday 30 June 2020: 43 actions: 0 green, 0 amber, 0 red, 43 not assessed\./,
    );
    assert.equal(await page.locator('.govuk-tag--red').count(), 0);
    await expectAccessible(s);
  });
});

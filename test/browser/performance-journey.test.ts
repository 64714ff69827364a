// A performance officer's cycle in a browser: a new monthly indicator (QX 1, lower is better,
// reported to the demo committee) added and put on the public scorecard; targets of 100 set for
// the last two complete months; a CSV of four months imported — first with two bad rows, refused
// whole with the problems listed by row and column, then fixed, leaving both target months off
// target. On the indicator page the values table shows Off target and the latest getting worse,
// the warning asks for an exception report, publishing the latest value is refused until it has
// a commentary and a corrective action, both months are explained and published, and the
// exception report answers the warning. The chart is an SVG image with a title over the data
// table. Then the public find QX 1 off target on the scorecard and only its published values on
// its page. axe checks every page on the way.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { expectAccessible, signInAs, startBrowserSession, type BrowserSession } from './support.ts';
import { todayInEngland } from '../../src/calendar/today.ts';
import { periodLabel, periodOf, previousPeriod } from '../../src/performance/periods.ts';

const COMMITTEE = 'Communities and Partnership Committee';
const CODE = 'QX 1';
const TITLE = 'Households in temporary accommodation';
const MEASURE = `${CODE} ${TITLE}`;
// "Housing" is no demo indicator's outcome: its scorecard table holds QX 1 alone.
const OUTCOME = 'Housing';
// The value form offers the last complete month first: the target months are it and the month before,
// and the file also has the two months before them, which have no target.
const latest = previousPeriod(periodOf(todayInEngland(), 'monthly'));
const MONTHS = [previousPeriod(previousPeriod(previousPeriod(latest))), previousPeriod(previousPeriod(latest)), previousPeriod(latest), latest].map((p) => ({
  start: p.start,
  label: periodLabel(p),
}));
const [JUL, AUG, SEP, OCT] = MONTHS as [(typeof MONTHS)[0], (typeof MONTHS)[0], (typeof MONTHS)[0], (typeof MONTHS)[0]];
const TARGET = '100';
const VALUES = { [JUL.label]: '90', [AUG.label]: '95', [SEP.label]: '120', [OCT.label]: '130' };
const HEADER = 'Indicator code,Indicator,Period,Value,Numerator,Denominator,Status,Target,Statistical neighbours,England,Commentary,Corrective action';
/** A CSV line: a cell with a comma or a quote is quoted, as a spreadsheet writes it. */
const csvLine = (cells: string[]) => cells.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
const csvRow = (period: string, value: string) => csvLine([CODE, TITLE, period, value, '', '', 'final', '', '', '', '', '']);
// Row 3 (the header is row 1) has a month that does not exist; row 5 a value that is not a number.
const BAD_CSV = [HEADER, csvRow(JUL.label, '90'), csvRow('Febtember 2025', '95'), csvRow(SEP.label, '120'), csvRow(OCT.label, '12,5a')].join('\r\n');
const GOOD_CSV = [HEADER, ...MONTHS.map((m) => csvRow(m.label, VALUES[m.label]!))].join('\r\n');
const PROBLEMS = [
  ['3', 'Period', '‘Febtember 2025’ is not a period: for this monthly indicator write it like March 2018'],
  ['5', 'Value', 'Value must be a number, like 12.53, not ‘12,5a’'],
];
const REFUSAL =
  'Enter a commentary explaining why this value is off target before it can be published. ' +
  'Enter the corrective action being taken to bring this indicator back on target before it can be published';
const EXPLAINED = {
  [OCT.label]: {
    commentary: 'Two hostels closed for refurbishment, so more families were placed in bed and breakfast.',
    action: 'Block-booking 20 private sector leases; weekly case review of every placement over six weeks.',
  },
  [SEP.label]: {
    commentary: 'Evictions from private rented homes rose after the summer.',
    action: 'Prevention officers now call every household served a section 21 notice.',
  },
};
const EXCEPTION = {
  cause: 'Loss of 38 hostel rooms during refurbishment and a rise in private rented evictions.',
  actions: 'Lease 20 homes from private landlords and speed up move-on from temporary accommodation.',
  cost: '£5,000',
  owner: 'Head of Housing Needs',
};
const WARNING = 'off target for 2 periods in a row';

/** What each element shows on screen: its text without the visually hidden parts, spaces collapsed. */
const visibleTexts = (cells: Locator) =>
  cells.evaluateAll((els) =>
    els.map((el) => {
      const copy = el.cloneNode(true) as Element;
      copy.querySelectorAll('.govuk-visually-hidden').forEach((hidden) => hidden.remove());
      copy.querySelectorAll('br').forEach((br) => br.replaceWith(' '));
      return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
    }),
  );
/** The values table, newest period first: each row's period, actual, target, RAG, direction, ... as shown. */
const valuesTable = (page: Page) => page.getByRole('table', { name: 'Values and targets' });
const valueRows = async (page: Page) => {
  const rows = valuesTable(page).locator('tbody tr');
  const out: string[][] = [];
  for (let k = 0; k < (await rows.count()); k++) out.push(await visibleTexts(rows.nth(k).locator('th, td')));
  return out;
};
/** The summary table's counts: red, amber, green, no target, total. */
const summaryCounts = async (page: Page) => (await visibleTexts(page.getByRole('table', { name: 'Summary of RAG status' }).locator('tbody td'))).map(Number);
const scorecardRow = (page: Page) =>
  page
    .getByRole('region', { name: `${OUTCOME}: scorecard, scrolls sideways` })
    .locator('tbody tr', { has: page.getByRole('link', { name: MEASURE, exact: true }) });
/** The success banner a redirect shows. */
const banner = (page: Page, text: string) => page.locator('.govuk-notification-banner').getByText(text, { exact: true });
const csv = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

describe('a performance officer reports an indicator in a browser', () => {
  let s: BrowserSession;
  let indicatorUrl = '';
  let indicatorId = '';
  let baseline: number[] = [];
  const started = Date.now();
  before(async () => {
    s = await startBrowserSession();
    s.page.setDefaultTimeout(15_000);
  });
  after(async () => {
    await s?.close();
    console.log(`performance journey: ${((Date.now() - started) / 1000).toFixed(1)}s, axe ran on ${s?.checked.length ?? 0} pages`);
  });

  /** Runs a visit in a new context with nobody signed in. */
  const asVisitor = async (visit: (page: Page, check: () => Promise<void>) => Promise<void>) => {
    const context = await s.browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const visitor: BrowserSession = { ...s, page };
      await visit(page, () => expectAccessible(visitor)); // visitor.checked is the session's list
    } finally {
      await context.close();
    }
  };

  it('finds no QX 1 on the public scorecard to begin with', async () => {
    await asVisitor(async (page, check) => {
      await page.goto(`${s.baseUrl}/scorecard`);
      await page.getByRole('heading', { level: 1, name: 'Performance scorecard' }).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0, 'an anonymous visitor');
      await check();
      baseline = await summaryCounts(page);
      assert.equal(baseline.length, 5);
      assert.equal(baseline[4], baseline[0]! + baseline[1]! + baseline[2]! + baseline[3]!, 'the total is the sum of the statuses');
      assert.equal(await page.getByRole('link', { name: MEASURE }).count(), 0);
    });
  });

  it('adds the indicator, reported to the committee, and puts it on the public scorecard', async () => {
    const { page } = s;
    await signInAs(s, 'performance.officer@example.org');
    await page.goto(`${s.baseUrl}/performance`);
    await page.getByRole('heading', { level: 1, name: 'Performance' }).waitFor();
    await expectAccessible(s);
    await page.getByRole('navigation', { name: 'Performance section' }).getByRole('link', { name: 'Indicators', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Indicators' }).waitFor();
    await expectAccessible(s);
    await page.getByRole('button', { name: 'Add an indicator' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add an indicator' }).waitFor();
    await expectAccessible(s);

    await page.getByLabel('Code (optional)').fill(CODE);
    await page.getByLabel('Measure', { exact: true }).fill(TITLE);
    await page.getByRole('group', { name: 'Unit' }).getByLabel('Count', { exact: true }).check();
    await page.getByLabel('Decimal places shown').fill('0');
    await page.getByRole('group', { name: 'Which way is good' }).getByLabel('Lower is better').check();
    assert.ok(await page.getByRole('group', { name: 'Reported' }).getByLabel('Monthly').isChecked(), 'monthly is the default');
    await page.getByLabel('Outcome (optional)').fill(OUTCOME);
    await page.getByRole('group', { name: 'Committees it is reported to (optional)' }).getByLabel(COMMITTEE, { exact: true }).check();
    await page.getByRole('button', { name: 'Save indicator' }).click();
    await page.waitForURL(/\/performance\/indicators\/[0-9a-f-]{36}\?done=created$/);
    indicatorId = /\/indicators\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    indicatorUrl = `${s.baseUrl}/performance/indicators/${indicatorId}`;
    await page.getByRole('heading', { level: 1, name: `${CODE}: ${TITLE}` }).waitFor();
    await banner(page, 'Indicator added').waitFor();
    await expectAccessible(s);
    const summary = async (key: string) =>
      (
        await page
          .locator('.govuk-summary-list__row', { has: page.locator('dt', { hasText: new RegExp(`^\\s*${key}\\s*$`) }) })
          .locator('dd')
          .innerText()
      ).trim();
    assert.equal(await summary('Unit'), 'Count');
    assert.equal(await summary('Which way is good'), 'Lower is better');
    assert.equal(await summary('Reported'), 'Monthly');
    assert.equal(await summary('Reported to'), COMMITTEE);
    assert.equal((await page.locator('.govuk-caption-l').innerText()).trim(), OUTCOME);
    assert.equal((await page.locator('h1 + p .govuk-tag').innerText()).trim(), 'Not on the public scorecard');
    await valuesTable(page).getByText('No values yet.').waitFor();

    await page.getByRole('button', { name: 'Put on the public scorecard' }).click();
    await page.waitForURL(`${indicatorUrl}?done=published`);
    await banner(page, 'Published').waitFor();
    assert.equal((await page.locator('h1 + p .govuk-tag').innerText()).trim(), 'On the public scorecard');
    assert.equal(await page.getByRole('link', { name: 'Public page' }).getAttribute('href'), `/scorecard/indicators/${indicatorId}`);
    await expectAccessible(s);
  });

  it('sets targets of 100 for the last two complete months', async () => {
    const { page } = s;
    for (const month of [SEP, OCT]) {
      await page.locator('summary', { hasText: 'Set a target for a period' }).click();
      const form = page.locator('form', { has: page.getByRole('button', { name: 'Save target' }) });
      await form.getByLabel('Period').selectOption({ label: month.label });
      await form.getByLabel('Target', { exact: true }).fill(TARGET);
      await expectAccessible(s);
      await form.getByRole('button', { name: 'Save target' }).click();
      await page.waitForURL(`${indicatorUrl}?done=target#values`);
      await banner(page, 'Target saved').waitFor();
      await expectAccessible(s);
    }
    // Periods with a target and no value yet: nothing to judge or publish.
    assert.deepEqual(await valueRows(page), [
      [OCT.label, 'No data', TARGET, '', '', 'n/a', 'n/a', '', ''],
      [SEP.label, 'No data', TARGET, '', '', 'n/a', 'n/a', '', ''],
    ]);
    assert.equal(
      await valuesTable(page)
        .getByRole('button', { name: /^Publish/ })
        .count(),
      0,
    );
  });

  it('refuses a file with bad rows whole, listing its problems by row and column', async () => {
    const { page } = s;
    await page.goto(`${s.baseUrl}/performance`);
    await page.getByRole('link', { name: 'Import values' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import indicator values' }).waitFor();
    await expectAccessible(s);
    await page.getByLabel('Values file (CSV or Excel)').setInputFiles(csv('qx1-values.csv', BAD_CSV));
    await page.getByRole('button', { name: 'Check and import' }).click();
    await page.waitForURL(`${s.baseUrl}/performance/import`);
    const errorSummary = page.locator('.govuk-error-summary');
    await errorSummary.waitFor();
    assert.match(await page.title(), /^Error: /);
    assert.deepEqual(
      (await errorSummary.getByRole('link').allTextContents()).map((t) => t.trim()),
      ['The file has 2 problems. Nothing has been imported'],
    );
    assert.equal(await errorSummary.getByRole('link').getAttribute('href'), '#problems');
    await page.getByRole('heading', { level: 2, name: 'Problems in the file' }).waitFor();
    const problems = page.getByRole('table', { name: '2 problems in 4 rows' });
    assert.deepEqual(await visibleTexts(problems.locator('thead th')), ['Row', 'Column', 'Problem']);
    const rows = problems.locator('tbody tr');
    assert.equal(await rows.count(), 2);
    assert.deepEqual([await visibleTexts(rows.nth(0).locator('td')), await visibleTexts(rows.nth(1).locator('td'))], PROBLEMS);
    await page.getByText('Or import only the 2 rows without problems and leave the others out.').waitFor();
    await page.getByRole('button', { name: 'Import the rows without problems' }).waitFor();
    await expectAccessible(s);

    // Nothing imported: the indicator still has its two targets and no values.
    await page.goto(indicatorUrl);
    await page.getByRole('heading', { level: 1, name: `${CODE}: ${TITLE}` }).waitFor();
    assert.deepEqual(
      (await valueRows(page)).map((r) => r.slice(0, 3)),
      [
        [OCT.label, 'No data', TARGET],
        [SEP.label, 'No data', TARGET],
      ],
    );
    assert.equal(
      await valuesTable(page)
        .getByRole('button', { name: /^Publish/ })
        .count(),
      0,
    );
    await page.getByText('No data yet', { exact: true }).waitFor(); // in the chart
    await expectAccessible(s);
  });

  it('imports the fixed file: both target months off target', async () => {
    const { page } = s;
    await page.goto(`${s.baseUrl}/performance/import`);
    await page.getByLabel('Values file (CSV or Excel)').setInputFiles(csv('qx1-values.csv', GOOD_CSV));
    await page.getByRole('button', { name: 'Check and import' }).click();
    await page.waitForURL(`${s.baseUrl}/performance?done=imported&count=4`);
    await banner(page, 'Values imported').waitFor();
    await expectAccessible(s);
    // The back-office scorecard: imported values are not published, but the officer sees them, and the call for a report.
    assert.deepEqual(await visibleTexts(scorecardRow(page).locator('td')), [
      `${MEASURE} Exception report needed`,
      '',
      VALUES[SEP.label],
      TARGET,
      VALUES[OCT.label],
      OCT.label,
      '↑ Worsening',
      'Off target',
      'n/a',
      'n/a',
      '',
    ]);
  });

  it('shows both months off target, the latest worsening, and asks for an exception report', async () => {
    const { page } = s;
    await scorecardRow(page).getByRole('link', { name: MEASURE, exact: true }).click();
    await page.waitForURL(indicatorUrl);
    await page.getByRole('heading', { level: 1, name: `${CODE}: ${TITLE}` }).waitFor();
    await expectAccessible(s);
    // The Publish button, and under it what stops publication.
    const unexplained = `Publish ${REFUSAL}`;
    assert.deepEqual(await valueRows(page), [
      [OCT.label, VALUES[OCT.label], TARGET, 'Off target', '↑ Worsening', 'n/a', 'n/a', '', unexplained],
      [SEP.label, VALUES[SEP.label], TARGET, 'Off target', '↑ Worsening', 'n/a', 'n/a', '', unexplained],
      [AUG.label, VALUES[AUG.label], 'n/a', 'No target', '↑ Worsening', 'n/a', 'n/a', '', 'Publish'],
      [JUL.label, VALUES[JUL.label], 'n/a', 'No target', 'No previous period', 'n/a', 'n/a', '', 'Publish'],
    ]);
    const warning = page.locator('.govuk-warning-text');
    assert.equal(
      (await visibleTexts(warning))[0],
      `! This indicator has been ${WARNING}: write an exception report for the board (cause, actions, cost and owner).`,
    );
    assert.ok(
      await page.locator('details', { hasText: 'Write an exception report' }).evaluate((d) => (d as HTMLDetailsElement).open),
      'the exception report form is open',
    );
  });

  it('refuses to publish the latest value without a commentary and a corrective action', async () => {
    const { page } = s;
    await valuesTable(page)
      .getByRole('button', { name: `Publish ${OCT.label}`, exact: true })
      .click();
    const errorSummary = page.locator('.govuk-error-summary');
    await errorSummary.waitFor();
    assert.match(await page.title(), /^Error: /);
    assert.deepEqual(
      (await errorSummary.locator('li').allTextContents()).map((t) => t.trim()),
      [REFUSAL],
    );
    assert.equal((await valueRows(page))[0]!.at(-1), `Publish ${REFUSAL}`, 'still not published');
    await expectAccessible(s);
  });

  it('explains both months through the value form and publishes them', async () => {
    const { page } = s;
    for (const month of [OCT, SEP]) {
      const form = page.locator('form', { has: page.getByRole('button', { name: 'Save value' }) });
      await form.getByLabel('Period').selectOption({ label: month.label });
      await form.getByLabel('Value', { exact: true }).fill(VALUES[month.label]!);
      await form.getByLabel('Commentary').fill(EXPLAINED[month.label]!.commentary);
      await form.getByLabel('Corrective action').fill(EXPLAINED[month.label]!.action);
      await form.getByRole('button', { name: 'Save value' }).click();
      await page.waitForURL(`${indicatorUrl}?done=value#values`);
      await banner(page, 'Value saved').waitFor();
      await expectAccessible(s);
      const row = valuesTable(page).locator('tbody tr', { has: page.locator('th', { hasText: month.label }) });
      const cells = await visibleTexts(row.locator('th, td'));
      assert.deepEqual(cells.slice(1, 4), [VALUES[month.label], TARGET, 'Off target'], 'the same value');
      assert.equal(cells[7], `${EXPLAINED[month.label]!.commentary} Action: ${EXPLAINED[month.label]!.action}`);
      assert.equal(cells[8], 'Publish', 'nothing stops it being published now');

      await row.getByRole('button', { name: `Publish ${month.label}`, exact: true }).click();
      await page.waitForURL(`${indicatorUrl}?done=published#values`);
      await banner(page, 'Published').waitFor();
      assert.equal((await visibleTexts(row.locator('td').last()))[0], 'Published Withdraw');
      await expectAccessible(s);
    }
    // The two months before have no target: they stay unpublished.
    assert.deepEqual(
      (await valueRows(page)).map((r) => r.at(-1)),
      ['Published Withdraw', 'Published Withdraw', 'Publish', 'Publish'],
    );
    // Publishing answers nothing: the report is still wanted.
    await page.getByText(WARNING, { exact: false }).waitFor();
  });

  it('records the exception report, and the warning goes away', async () => {
    const { page } = s;
    await page.getByText('None.', { exact: true }).waitFor(); // no reports yet
    // The form is open while a report is wanted.
    const form = page.locator('form', { has: page.getByRole('button', { name: 'Record exception report' }) });
    assert.ok(await form.isVisible());
    await form.getByLabel('Period').selectOption({ label: OCT.label });
    await form.getByLabel('Cause').fill(EXCEPTION.cause);
    await form.getByLabel('Actions to improve performance').fill(EXCEPTION.actions);
    await form.getByLabel('Cost (optional)').fill(EXCEPTION.cost);
    await form.getByLabel('Owner').fill(EXCEPTION.owner);
    await expectAccessible(s);
    await form.getByRole('button', { name: 'Record exception report' }).click();
    await page.waitForURL(`${indicatorUrl}?done=exception#exceptions`);
    await banner(page, 'Exception report recorded').waitFor();
    await expectAccessible(s);
    assert.equal(await page.locator('.govuk-warning-text').count(), 0);
    assert.equal(await page.getByText(WARNING, { exact: false }).count(), 0);
    const report = page.locator('.app-exception');
    assert.equal(await report.count(), 1);
    assert.equal((await report.locator('h3').innerText()).replace(/\s+/g, ' ').trim(), `1 ${OCT.label}: Open`);
    const list = await visibleTexts(report.locator('.govuk-summary-list__row'));
    assert.deepEqual(list, [
      `Cause ${EXCEPTION.cause}`,
      `Actions to improve ${EXCEPTION.actions}`,
      `Cost ${EXCEPTION.cost}`,
      `Owner ${EXCEPTION.owner}`,
      'Board Not given',
    ]);
  });

  it('draws the trend as an SVG image with a title, over the table of its figures', async () => {
    const { page } = s;
    const chart = page.locator('.app-chart svg[role="img"]');
    assert.equal(await chart.count(), 1);
    assert.equal(await chart.locator(':scope > title').textContent(), TITLE);
    const desc =
      `Latest value (${OCT.label}): ${VALUES[OCT.label]}, off target against a target of ${TARGET} (lower is better), ` +
      `worsening from ${VALUES[SEP.label]}.`;
    assert.equal(await chart.locator(':scope > desc').textContent(), desc);
    // Named by its title and described by its desc, for screen readers.
    await page.getByRole('img', { name: `${TITLE} ${desc}`, exact: true }).waitFor();
    // A marker for each value, its status in a tooltip; the legend in words.
    assert.deepEqual(await chart.locator('.markers > * > title').allTextContents(), [
      `${JUL.label}: ${VALUES[JUL.label]} (No target)`,
      `${AUG.label}: ${VALUES[AUG.label]} (No target)`,
      `${SEP.label}: ${VALUES[SEP.label]} (Off target)`,
      `${OCT.label}: ${VALUES[OCT.label]} (Off target)`,
    ]);
    const legend = await chart.locator('.legend text').allTextContents();
    for (const item of ['Actual', 'Off target', 'Target']) assert.ok(legend.includes(item), `the legend names ${item}`);
    // The figures follow the chart as a table.
    const tableAfterChart = await page.evaluate(() => {
      const svg = document.querySelector('.app-chart svg');
      const table = [...document.querySelectorAll('table')].find((t) => t.caption?.textContent?.trim() === 'Values and targets');
      return Boolean(svg && table && svg.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    assert.ok(tableAfterChart, 'the values table comes after the chart');
    assert.deepEqual(
      (await valueRows(page)).map((r) => r.slice(0, 3)),
      [...MONTHS].reverse().map((m) => [m.label, VALUES[m.label], m === SEP || m === OCT ? TARGET : 'n/a']),
    );
  });

  it('shows the public QX 1 off target on the scorecard, and only its published values', async () => {
    await asVisitor(async (page, check) => {
      await page.goto(`${s.baseUrl}/scorecard`);
      await page.getByRole('heading', { level: 1, name: 'Performance scorecard' }).waitFor();
      await check();
      const now = await summaryCounts(page);
      assert.deepEqual(now, [baseline[0]! + 1, baseline[1], baseline[2], baseline[3], baseline[4]! + 1], 'one more indicator, and it is red');
      assert.deepEqual(await visibleTexts(scorecardRow(page).locator('td')), [
        MEASURE,
        '',
        VALUES[SEP.label],
        TARGET,
        VALUES[OCT.label],
        OCT.label,
        '↑ Worsening',
        'Off target',
        'n/a',
        'n/a',
        EXPLAINED[OCT.label]!.commentary,
      ]);

      // Filtered to the committee it is reported to and its outcome, QX 1 is all there is.
      await page.getByLabel('Committee or board').selectOption({ label: COMMITTEE });
      await page.getByLabel('Outcome', { exact: true }).selectOption({ label: OUTCOME });
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL(/\/scorecard\?.*outcome=Housing/);
      await check();
      assert.deepEqual(await summaryCounts(page), [1, 0, 0, 0, 1]);
      assert.equal(await page.locator('table.app-scorecard tbody tr').count(), 1);

      await scorecardRow(page).getByRole('link', { name: MEASURE, exact: true }).click();
      await page.waitForURL(`${s.baseUrl}/scorecard/indicators/${indicatorId}`);
      await page.getByRole('heading', { level: 1, name: `${CODE}: ${TITLE}` }).waitFor();
      await check();
      const chart = page.locator('.app-chart svg[role="img"]');
      assert.equal(await chart.count(), 1);
      assert.equal(await chart.locator(':scope > title').textContent(), TITLE);
      assert.deepEqual(await chart.locator('.markers > * > title').allTextContents(), [
        `${SEP.label}: ${VALUES[SEP.label]} (Off target)`,
        `${OCT.label}: ${VALUES[OCT.label]} (Off target)`,
      ]);
      // The published months only, with nothing to publish or enter; September's previous value is not public.
      assert.deepEqual(await valueRows(page), [
        [
          OCT.label,
          VALUES[OCT.label],
          TARGET,
          'Off target',
          '↑ Worsening',
          'n/a',
          'n/a',
          `${EXPLAINED[OCT.label]!.commentary} Action: ${EXPLAINED[OCT.label]!.action}`,
        ],
        [
          SEP.label,
          VALUES[SEP.label],
          TARGET,
          'Off target',
          'No previous period',
          'n/a',
          'n/a',
          `${EXPLAINED[SEP.label]!.commentary} Action: ${EXPLAINED[SEP.label]!.action}`,
        ],
      ]);
      for (const hidden of [JUL.label, AUG.label]) assert.equal(await page.getByText(hidden).count(), 0, `${hidden} is not published`);
      assert.equal(
        await page
          .getByRole('button')
          .filter({ hasText: /Publish|Save/ })
          .count(),
        0,
      );
      assert.equal(await page.getByRole('heading', { name: 'Enter a value' }).count(), 0);
      assert.equal(await page.getByText(EXCEPTION.cause).count(), 0, 'exception reports are for the board');
    });
  });

  it('enters a value nine years after the last: no direction against August 2017, and a gap in the chart', async () => {
    // Seed 004's adult safeguarding measure ends at August 2017 (95%); a value for the last ended month follows it.
    const { page } = s;
    const title = '% of adult safeguarding enquiries where outcomes were at least partially achieved';
    await page.goto(`${s.baseUrl}/performance/indicators?q=${encodeURIComponent('adult safeguarding enquiries')}`);
    await page.getByRole('link', { name: title, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await expectAccessible(s);
    const form = page.locator('form', { has: page.getByRole('button', { name: 'Save value' }) });
    // The period list starts at the last month that has ended; the month still running is not offered.
    const options = await form.getByLabel('Period').locator('option').allTextContents();
    assert.equal(options[0], OCT.label);
    assert.ok(!options.includes(periodLabel(periodOf(todayInEngland(), 'monthly'))), 'the running month is not offered');
    await form.getByLabel('Value', { exact: true }).fill('80');
    await form.getByRole('button', { name: 'Save value' }).click();
    await page.waitForURL(/\?done=value#values$/);
    await banner(page, 'Value saved').waitFor();
    await expectAccessible(s);
    const rows = await valueRows(page);
    assert.deepEqual(rows[0]!.slice(0, 5), [OCT.label, '80.0%', 'n/a', 'No target', 'No comparison: previous value is from August 2017']);
    assert.deepEqual(rows[1]!.slice(0, 5), ['August 2017', '95.0%', 'n/a', 'No target', '↑ Improving']);
    assert.equal(await page.getByText('Worsening').count(), 0, 'not called worse than a value nine years before');
    // The chart says so, and leaves the years between as a gap: August is a month after July, the new value 110 or so after August.
    const chart = page.locator('.app-chart svg[role="img"]');
    assert.match((await chart.locator(':scope > desc').textContent()) ?? '', /no comparison: previous value is from August 2017\.$/);
    const xs = await chart.locator('.markers > *').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().x));
    assert.equal(xs.length, 3);
    assert.ok((xs[2]! - xs[1]!) / (xs[1]! - xs[0]!) > 50, `markers at ${xs.join(', ')}`);
  });

  it('checked every page it visited', () => {
    // The public scorecard; the scorecard, catalogue, form and new indicator twice; the target form and the page after
    // each of 2 targets; the import page, its problems and the indicator; the scorecard after the import, the indicator,
    // the refusal; each of 2 months saved and published; the report form and the page after; 3 public pages; the
    // adult safeguarding indicator before and after its new value.
    assert.equal(s.checked.length, 1 + 5 + 4 + 3 + 3 + 4 + 2 + 3 + 2, `axe ran on ${s.checked.length} pages`);
  });
});
